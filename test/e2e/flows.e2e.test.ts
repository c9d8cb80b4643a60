import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@guichet/sdk/client';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  clickButton,
  ensureBuilt,
  launchBrowser,
  openPage,
  ROOT,
  SCREENSHOTS,
  type Server,
  screenshots,
  shadowText,
  signIn,
  startServer,
  type WatchedPage,
  waitFor,
  waitForShadowText,
} from './harness.js';
import { grayFrame, y4m } from './y4m.js';

/**
 * The newcomer's path in a real Chromium: the pages `npm start` serves, driven as a family, a
 * centre's referent, a cinema cashier and an integrator would. One server on a temporary store for
 * the whole file; the tests run in order and build on each other (the last one moves the clock).
 */

const HOUR = 3_600_000;
const run = promisify(execFile);

let dataDir: string;
let server: Server;
let browser: Browser;
let cameraBrowser: Browser | undefined;
const pages: WatchedPage[] = [];

/** A page in a fresh context (its own cookies), remembered for the CSP check at the end. */
async function open(
  path: string,
  options: { context?: BrowserContext; browser?: Browser; clockOffsetMs?: number } = {},
): Promise<Page> {
  const context = options.context ?? (await (options.browser ?? browser).createBrowserContext());
  const watched = await openPage(context, options);
  pages.push(watched);
  await watched.page.goto(`${server.url}${path}`, { waitUntil: 'networkidle0' });
  return watched.page;
}

/** Today in Paris, and the holiday fortnight of the demo (it starts on the Monday 21 days on). */
function demoDates() {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 21);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  const iso = (offset: number) => {
    const d = new Date(day);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  // Monday and Tuesday are open; Wednesday's morning is full with a waiting list (the demo's).
  return { today, monday: iso(0), tuesday: iso(1), wednesday: iso(2) };
}

/** Chooses an option of a `<select>` inside a widget by its visible text, once it is offered. */
async function choose(page: Page, host: string, index: number, label: RegExp) {
  await page.waitForFunction(
    (h, i, source) => {
      const select = document.querySelector(h)?.shadowRoot?.querySelectorAll('select')[i];
      const option = [...(select?.options ?? [])].find((o) => new RegExp(source).test(o.text));
      if (!select || !option) return false;
      if (select.value !== option.value) {
        select.value = option.value;
        select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      }
      return true;
    },
    { timeout: 15_000, polling: 100 },
    host,
    index,
    label.source,
  );
}

async function clickDay(page: Page, date: string) {
  await page.locator(`family-calendar >>> button[data-date="${date}"]:not([part~="closed"])`).click();
}

/** Sends the calendar's basket: Valider, then Valider on the recap; answers the outcome text. */
async function sendBasket(page: Page): Promise<string> {
  await page.locator('family-calendar >>> [part~="basket"] button.primary').click();
  await page.locator('family-calendar >>> [part~="recap"] button.primary').click();
  return waitForShadowText(page, 'family-calendar', '[part~="outcomes"]', /Réservation|attente|Refusée/);
}

beforeAll(async () => {
  ensureBuilt();
  // Pages' screenshots are overwritten; a failure's from an earlier run would mislead.
  for (const file of existsSync(SCREENSHOTS) ? readdirSync(SCREENSHOTS) : [])
    if (file.startsWith('failed-')) rmSync(join(SCREENSHOTS, file));
  dataDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-'));
  server = await startServer(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await cameraBrowser?.close();
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  test('serves the examples at one address, under a strict CSP', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const index = await response.text();
    for (const link of ['/municipal-portal/', '/cinema/', '/cinema/desk.html', '/admin/', '/docs/'])
      expect(index).toContain(`href="${link}"`);
    expect(index).toMatch(/href="http:\/\/[^"]+\/outbox\?key=/);
    expect((await fetch(`${server.url}/widgets/guichet-widgets.js`)).headers.get('content-type')).toMatch(
      /^text\/javascript/,
    );
    expect((await fetch(`${server.url}/widgets/..%2f..%2fpackage.json`)).status).toBe(400);

    const page = await open('/');
    await screenshots(page, 'index');
  });

  test('the admin page signs in, lists the activities, creates the days of a period, records a payment', async () => {
    const page = await open('/admin/');
    await page.locator('#password').fill('admin-demo');
    await page.locator('#login-form button[type="submit"]').click();
    await page.waitForFunction(() => (document.querySelector('#activities')?.children.length ?? 0) > 0);
    expect(await page.$eval('#activities', (el) => el.textContent)).toContain('ALSH 3-6 ans Matin');

    // The days of a period (a week next year), then a cheque for the DUPONT family.
    const year = new Date().getFullYear() + 1;
    await page.$eval('#slot-from', (el, v) => ((el as HTMLInputElement).value = v), `${year}-02-09`);
    await page.$eval('#slot-to', (el, v) => ((el as HTMLInputElement).value = v), `${year}-02-13`);
    await page.locator('#slots-form button[type="submit"]').click();
    await page.waitForFunction(() =>
      /créée/.test(document.querySelector('#slots-result')?.textContent ?? ''),
    );
    // Monday to Friday only: the weekdays of those five dates.
    expect(await page.$eval('#slots-result', (el) => el.textContent)).toMatch(
      /^[1-5] journée\(s\) créée\(s\), 0 mise\(s\) à jour\.$/,
    );
    await page.waitForFunction(
      () => (document.querySelector('#pay-wallet') as HTMLSelectElement).options.length > 0,
    );
    await page.locator('#pay-piece').fill('8812345');
    await page.locator('#pay-amount').fill('12,50');
    await page.locator('#payment-form button[type="submit"]').click();
    await page.waitForFunction(() =>
      /enregistré/.test(document.querySelector('#payment-result')?.textContent ?? ''),
    );
    expect(await page.$eval('#payment-result', (el) => el.textContent)).toMatch(
      /^Règlement de 12,50\s€ enregistré/,
    );
    await screenshots(page, 'admin');
  });
});

describe('a family on the municipal page', () => {
  test('books three days, cancels one, sees the waiting list and the balance, starts a payment', async () => {
    const { monday, tuesday, wednesday } = demoDates();
    const page = await open('/municipal-portal/');
    await signIn(page, 'dupont', 'dupont-demo');
    const creditBefore = await waitForShadowText(
      page,
      'balance-table',
      '[part~="totals"]',
      /Montant des réservations/,
    );

    // Antoine (5) at the 3-6 morning; the holiday month may be the next one or the one after.
    await waitFor(page, 'family-calendar >>> [part~="selectors"] select');
    await choose(page, 'family-calendar', 0, /Antoine/);
    await choose(page, 'family-calendar', 1, /ALSH 3-6 ans Matin/);
    for (let i = 0; i < 3 && !(await page.$(`family-calendar >>> button[data-date="${monday}"]`)); i++) {
      await page.locator('family-calendar >>> [part~="next"]').click();
      await waitFor(page, 'family-calendar >>> button[data-date]');
    }
    await waitFor(page, `family-calendar >>> button[data-date="${monday}"][part~="open"]`);
    // The script and the months came compressed: the server does it where no proxy does.
    const transfers = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => {
        const r = e as PerformanceResourceTiming;
        return { name: r.name, sent: r.encodedBodySize, read: r.decodedBodySize };
      }),
    );
    for (const pattern of [/\/widgets\/guichet-widgets\.js$/, /\/calendar\?month=/]) {
      const transfer = transfers.find((t) => pattern.test(t.name));
      expect(transfer, String(pattern)).toBeDefined();
      expect(transfer!.sent, transfer!.name).toBeLessThan(transfer!.read / 3);
    }
    for (const day of [monday, tuesday, wednesday]) await clickDay(page, day);
    expect(await shadowText(page, 'family-calendar', '[part~="basket"]')).toMatch(/3|réservation/);
    const booked = await sendBasket(page);
    expect(booked).toContain('Réservation acceptée');
    expect(booked).toMatch(/Mise en liste d'attente, position 2/);

    await clickButton(page, 'family-calendar', 'Retour au calendrier');
    await waitFor(page, `family-calendar >>> button[data-date="${monday}"][part~="booked"]`);
    await clickDay(page, monday);
    expect(await sendBasket(page)).toContain('Réservation annulée');

    // Another visit: the other widgets load the new state.
    await page.reload({ waitUntil: 'networkidle0' });
    const suivi = await waitForShadowText(page, 'reservation-list', 'table', /position 2/);
    expect(suivi).toMatch(/En liste d’attente, position 2/);
    expect(suivi).toMatch(/Annulée/);
    expect(suivi).toMatch(/Acceptée/);
    const creditAfter = await waitForShadowText(
      page,
      'balance-table',
      '[part~="totals"]',
      /Montant des réservations/,
    );
    expect(creditAfter).not.toBe(creditBefore);
    expect(creditAfter).toMatch(/Montant des réservations\s*4,75/);
    await screenshots(page, 'municipal-portal');

    // Payer: 20 € more on PERISCOLAIRE, by card.
    await page.evaluate(() => {
      (window as unknown as { paymentStarted: Promise<unknown> }).paymentStarted = new Promise((resolve) =>
        document.addEventListener('guichet-payment-started', (e) => resolve((e as CustomEvent).detail), {
          once: true,
        }),
      );
    });
    await page.locator('balance-table >>> [part~="pay"]').click();
    // The form's code loads on the first "Payer"; a locator does not see a shadow root change.
    await waitFor(page, 'balance-table >>> [part~="payment"] input[data-wallet]');
    await page.locator('balance-table >>> [part~="payment"] input[data-wallet]').fill('20');
    await page.locator('balance-table >>> [part~="submit"]').click();
    const started = (await page.evaluate(
      () => (window as unknown as { paymentStarted: Promise<unknown> }).paymentStarted,
    )) as { accountId: string; email: string; total: number; lines: { walletId: string; amount: number }[] };
    expect(started.total).toBe(2000);
    expect(started.email).toBe('jean-paul.dupont@example.fr');

    // Unless a listener prevents it, the widget then starts the payment itself (the sdk's
    // payments.start) and sends the browser to the bank's page: wait for it (a request of the test's
    // own would race that navigation).
    await page.waitForFunction(() => location.pathname.startsWith('/payments/'), { timeout: 15_000 });
    await page.waitForSelector('button[value="pay"]');
    expect(page.url()).toContain('/payments/sandbox/');
    await Promise.all([page.waitForNavigation(), page.click('button[value="pay"]')]);
    expect(await page.$eval('[role="status"]', (el) => el.className)).toContain('paid');
  });
});

describe('a centre and a cinema desk', () => {
  let referent: Page;
  let desk: Page;

  test('the referent opens the card; the cashier scans its QR and debits 12 places; the balance follows', async () => {
    referent = await open('/cinema/');
    await signIn(referent, 'centre', 'centre-demo');
    await waitFor(referent, 'voucher-card >>> [part~="qr"] svg', 20_000);
    const number = await waitForShadowText(referent, 'voucher-card', '[part~="number"]', /CT-/);
    const before = Number(
      (await waitForShadowText(referent, 'voucher-balance', '[part~="summary"] .places', /\d/)).match(
        /\d+/,
      )![0],
    );
    await screenshots(referent, 'cinema');

    // The card's own QR, as a camera would film it: its SVG drawn on a white frame, fed to Chromium.
    const svg = await referent.$eval(
      'voucher-card',
      (el) => el.shadowRoot!.querySelector('[part~="qr"] svg')!.outerHTML,
    );
    const scratch = await referent.browserContext().newPage();
    const frame = await grayFrame(scratch, svg, 640, 480);
    await scratch.close();
    const video = join(dataDir, 'voucher-qr.y4m');
    writeFileSync(video, y4m(frame, 640, 480));
    cameraBrowser = await launchBrowser([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);

    desk = await open('/cinema/desk.html', { browser: cameraBrowser });
    await signIn(desk, 'caisse', 'caisse-demo');
    await desk.locator('voucher-scanner >>> [part~="scan"]').click();
    const shown = await waitForShadowText(desk, 'voucher-scanner', '[part~="voucher"]', number, 30_000);
    expect(shown).toContain(String(before));
    await desk.locator('voucher-scanner >>> #places').fill('12');
    await desk.locator('voucher-scanner >>> [part~="debit"]').click();
    const outcome = await waitForShadowText(desk, 'voucher-scanner', '[part~="outcome"]', /Débité/);
    expect(outcome).toContain('12 places débitées');
    await screenshots(desk, 'cinema-desk');

    // The referent's page refreshes itself (every 5 s on this page).
    await waitForShadowText(
      referent,
      'voucher-balance',
      '[part~="summary"] .places',
      String(before - 12),
      20_000,
    );
  });

  test('an integrator script exports the month’s reservations; the CSV matches the API', async () => {
    const { monday } = demoDates();
    const month = monday.slice(0, 7);
    const env = {
      ...process.env,
      GUICHET_URL: server.url,
      GUICHET_LOGIN: 'dupont',
      GUICHET_PASSWORD: 'dupont-demo',
    };
    const { stdout } = await run(
      process.execPath,
      ['examples/node/export-reservations-csv.mjs', '--month', month],
      { cwd: ROOT, env },
    );
    const [header, ...lines] = stdout.trim().split('\r\n');
    expect(header).toBe(
      'reservation_id,date,member,activity,status,wait_position,unit_price,quantity,amount',
    );

    const client = createClient({ baseUrl: server.url });
    const session = await client.auth.login({ login: 'dupont', password: 'dupont-demo', mode: 'token' });
    const accountId = session.memberships[0]!.accountId!;
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
    const expected = [];
    for await (const r of client.reservations.list(accountId, {
      from: `${month}-01`,
      to: `${month}-${last}`,
    }))
      expected.push(r);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const rows = lines.map((l) => l.split(','));
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.map((r) => r.id).sort());
    for (const r of expected) {
      const row = rows.find((x) => x[0] === r.id)!;
      expect(row[1]).toBe(r.date);
      expect(row[2]).toBe('DUPONT Antoine');
      expect(row[3]).toBe('ALSH 3-6 ans Matin');
      expect(row[4]).toBe(r.status);
      expect(row[5]).toBe(r.waitPosition === null ? '' : String(r.waitPosition));
      expect(row[8]).toBe(((r.unitPrice * r.quantity) / 100).toFixed(2));
    }
    expect(rows.map((r) => r[4]).sort()).toEqual(['accepted', 'cancelled', 'waitlisted']);
  });

  test('the cashier checks a countermark too early, then (clock moved) validates it and undoes it', async () => {
    await desk.locator('countermark-checker >>> #token').fill('htz4wb');
    await desk.locator('countermark-checker >>> [part~="check"]').click();
    const early = await waitForShadowText(desk, 'countermark-checker', '[part~="valid-from"]', /à partir du/);
    expect(early).toMatch(/\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/);
    expect(
      await desk.$eval(
        'countermark-checker >>> [part~="validate"]',
        (b) => (b as HTMLButtonElement).disabled || b.getAttribute('aria-disabled') === 'true',
      ),
    ).toBe(true);

    // Two days later: the server restarts on the same store with its clock moved, and so does the desk's.
    // The open pages are closed first (the referent's page would poll the stopped server).
    for (const { page } of pages) if (!page.isClosed()) await page.close();
    const moved = 48 * HOUR;
    await server.stop();
    server = await startServer(dataDir, new Date(Date.now() + moved));
    const later = await open('/cinema/desk.html', { browser: cameraBrowser!, clockOffsetMs: moved });
    await signIn(later, 'caisse', 'caisse-demo');
    await later.locator('countermark-checker >>> #token').fill('HTZ4WB');
    await later.locator('countermark-checker >>> [part~="check"]').click();
    await waitFor(
      later,
      'countermark-checker >>> [part~="validate"]:not([disabled]):not([aria-disabled="true"])',
    );
    await later.locator('countermark-checker >>> [part~="validate"]').click();
    await waitForShadowText(later, 'countermark-checker', '[part~="done"]', 'Contremarque validée.');
    await later.locator('countermark-checker >>> [part~="keep"]').click();
    await waitForShadowText(later, 'countermark-checker', '[part~="done"]', /Validation annulée/);
    await screenshots(later, 'cinema-desk-countermark');
  });
});

describe('every page', () => {
  test('ran without a CSP violation or a script error', () => {
    expect(pages.flatMap((p) => p.violations)).toEqual([]);
    // The one error answer expected: the check of a countermark too early (409 countermark_too_early).
    const tooEarly = /^409 GET .*\/desk\/countermarks\/HTZ4WB\b/;
    expect(pages.flatMap((p) => p.problems).filter((p) => !tooEarly.test(p))).toEqual([]);
  });
});
