import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
// @ts-expect-error: a plain .mjs script without declarations
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

/**
 * What the end-to-end suite drives: the real CLI (`guichet serve --demo`) on a temporary PGlite
 * store, serving the built examples, and a real Chromium through puppeteer-core. Nothing here
 * downloads a browser.
 */

export const ROOT = new URL('../../', import.meta.url).pathname;
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

/** Builds what `npm start` would (packages, the examples' sdk bundle), when missing or stale. */
export function ensureBuilt(): void {
  const result = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only', '--no-docs'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('the build failed (node scripts/start.mjs --build-only)');
}

export interface Server {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `guichet serve --demo` on a free port with its store in `dataDir`. `fakeNow` (an instant)
 * starts the server's clock there (GUICHET_FAKE_NOW): the way the suite moves time.
 */
export async function startServer(dataDir: string, fakeNow?: Date): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, PUBLIC_URL: '', SMTP_URL: '', DATABASE_URL: '' };
  if (fakeNow) env.GUICHET_FAKE_NOW = fakeNow.toISOString();
  const child: ChildProcess = spawn(
    process.execPath,
    ['packages/server-adapter/dist/cli.js', 'serve', '--demo', '--port', '0', '--data', dataDir],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 90_000);
    const look = () => {
      const match = /Guichet is ready: open (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/$/, ''));
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** A headless Chromium; `args` adds flags (a fake camera). */
export function launchBrowser(args: string[] = []): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChromium() as string,
    args: [...(CHROMIUM_ARGS as string[]), ...args],
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
  });
}

/** A page that records what must not happen: CSP violations, script errors, failed loads. */
export interface WatchedPage {
  page: Page;
  problems: string[];
  /** CSP violations only. */
  violations: string[];
}

/**
 * Opens a tab in `context`. `clockOffsetMs` moves the page's `Date` (the device clock the widgets
 * read) by that much, as the server's clock was moved. The listeners are added by the DevTools
 * protocol, which a page's CSP does not govern; the pages themselves run no inline script.
 */
export async function openPage(
  context: BrowserContext | Browser,
  options: { clockOffsetMs?: number } = {},
): Promise<WatchedPage> {
  const page = await context.newPage();
  const watched: WatchedPage = { page, problems: [], violations: [] };
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  if (options.clockOffsetMs) {
    await page.evaluateOnNewDocument((offset: number) => {
      const RealDate = Date;
      class MovedDate extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(RealDate.now() + offset);
          else super(...(args as [string]));
        }
        static override now() {
          return RealDate.now() + offset;
        }
      }
      globalThis.Date = MovedDate as DateConstructor;
    }, options.clockOffsetMs);
  }
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('CSP violation')) watched.violations.push(text);
    // A signed-out page asks for the session and gets 401: that is how widgets learn it.
    // Failed loads are reported with their address below.
    if (message.type() === 'error' && !text.startsWith('Failed to load resource'))
      watched.problems.push(text);
  });
  page.on('response', (response) => {
    // A signed-out page asks for its session and gets 401: that is how the widgets learn it.
    const status = response.status();
    if (status >= 400 && !(status === 401 && response.url().endsWith('/api/v1/auth/session')))
      watched.problems.push(`${status} ${response.request().method()} ${response.url()}`);
  });
  page.on('pageerror', (error) => watched.problems.push(`page error: ${String(error)}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    if (failure !== 'net::ERR_ABORTED') watched.problems.push(`request failed: ${request.url()} ${failure}`);
  });
  return watched;
}

/** Full-page screenshots at 390 px (a phone) and 1280 px wide: `<name>-390.png`, `<name>-1280.png`. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewport({ width, height: width === 390 ? 844 : 900 });
    await new Promise((r) => setTimeout(r, 150));
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${width}.png`) as `${string}.png`,
      fullPage: true,
    });
  }
  await page.setViewport({ width: 1280, height: 900 });
}

/**
 * Waits for an element matching `selector` (with `>>>` into shadow roots). Polls: a mutation
 * observer on the document, which `page.waitForSelector` uses, does not see inside shadow roots.
 */
export async function waitFor(page: Page, selector: string, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await page.$(selector))) {
    if (Date.now() > end) throw new Error(`no ${selector} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signs in through the page's `<guichet-login>`. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.locator('guichet-login >>> input[autocomplete="username"]').fill(login);
  await page.locator('guichet-login >>> input[type="password"]').fill(password);
  await page.locator('guichet-login >>> [part~="submit"]').click();
  try {
    await waitFor(page, 'guichet-login >>> [part~="logout"]');
  } catch (error) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `failed-sign-in-${login}.png`) as `${string}.png` });
    const shown = await page.evaluate(
      () => document.querySelector('guichet-login')?.shadowRoot?.textContent ?? '',
    );
    throw new Error(`${login} could not sign in; the login shows "${shown}"`, { cause: error });
  }
}

/** The visible text of an element inside a widget's shadow root (`''` when absent). */
export function shadowText(page: Page, host: string, selector: string): Promise<string> {
  return page.evaluate(
    (h, s) => {
      const el = document.querySelector(h)?.shadowRoot?.querySelector(s) as HTMLElement | null;
      return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    },
    host,
    selector,
  );
}

/** Waits until an element inside a widget's shadow root shows `text` (a string or a pattern). */
export async function waitForShadowText(
  page: Page,
  host: string,
  selector: string,
  text: string | RegExp,
  timeout = 15_000,
): Promise<string> {
  const source = text instanceof RegExp ? text.source : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const flags = text instanceof RegExp ? text.flags : '';
  try {
    await page.waitForFunction(
      (h, s, src, fl) => {
        const root = document.querySelector(h)?.shadowRoot;
        const els = [...(root?.querySelectorAll(s) ?? [])] as HTMLElement[];
        return els.some((el) => new RegExp(src, fl).test((el.textContent ?? '').replace(/\s+/g, ' ')));
      },
      { timeout, polling: 100 },
      host,
      selector,
      source,
      flags,
    );
  } catch (error) {
    const shown = await shadowText(page, host, selector);
    throw new Error(`${host} ${selector} never showed ${String(text)}; it shows: "${shown}"`, {
      cause: error,
    });
  }
  return shadowText(page, host, selector);
}

/** Clicks the button of a widget whose text is `label`. */
export async function clickButton(page: Page, host: string, label: string | RegExp): Promise<void> {
  const handle = await page.waitForFunction(
    (h, src, isRe) => {
      const root = document.querySelector(h)?.shadowRoot;
      const buttons = [...(root?.querySelectorAll('button') ?? [])];
      return (
        buttons.find((b) => {
          const t = (b.textContent ?? '').replace(/\s+/g, ' ').trim();
          return isRe ? new RegExp(src).test(t) : t === src;
        }) ?? null
      );
    },
    { timeout: 15_000, polling: 100 },
    host,
    label instanceof RegExp ? label.source : label,
    label instanceof RegExp,
  );
  await (handle as unknown as { click(): Promise<void> }).click();
}
