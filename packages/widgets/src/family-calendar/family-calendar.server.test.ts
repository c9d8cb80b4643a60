import { createClient } from '@guichet/sdk/client';
import { addDaysIso, formatMoney, isoDateInZone } from '@guichet/sdk/rules';
import type { BookingResult, Recap } from '@guichet/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { screenshot } from '../../test/screenshots.js';
import { adjustWallet, type GuichetDemo, guichetDemo, signedIn } from '../../test/server.js';
import { tokenKey } from '../internal/context.js';
import './define.js';
import type { FamilyCalendar } from './family-calendar.js';
import { FamilyCalendarPage, plain } from './family-calendar.page.js';

// Seed 004 against the real server (packages/widgets/test/guichet-server.ts): the DUPONT family
// signs in through <guichet-login> in a token-mode provider, as on a town's own site.

async function dupontCalendar(demo: GuichetDemo): Promise<FamilyCalendarPage> {
  const today = isoDateInZone(new Date(demo.now));
  const provider = await signedIn(
    demo,
    'dupont',
    'dupont-demo',
    html`<family-calendar today=${today} pay-href="/payer"></family-calendar>`,
  );
  const page = new FamilyCalendarPage(provider.querySelector<FamilyCalendar>('family-calendar')!);
  await page.loaded();
  return page;
}

/** Goes to the month of `date` with the next-month button. */
async function showMonthOf(page: FamilyCalendarPage, date: string): Promise<void> {
  while (page.el.month < date.slice(0, 7)) {
    await page.moveMonth(1);
    await page.loaded();
  }
}

/** What a recap table should say of the server's lines: date (dd/mm), child, activity, times, unit, quantity, total. */
function serverRows(lines: Recap['additions'], child: string): string[][] {
  return lines.map((l) => [
    `${l.date.slice(8)}/${l.date.slice(5, 7)}`,
    child,
    l.activityName,
    l.startTime,
    l.endTime,
    plain(formatMoney(l.unitPrice, 'fr')),
    String(l.quantity),
    plain(formatMoney(l.total, 'fr')),
  ]);
}

describe('<family-calendar> against the server', () => {
  let demo: GuichetDemo;
  before(async function () {
    this.timeout(60_000); // the first suite waits for the server to start
    demo = await guichetDemo();
  });

  it('books three days for Antoine: the server’s recap amounts, then one line on the waiting list', async () => {
    const page = await dupontCalendar(demo);
    await page.choose('Enfant', 'Antoine DUPONT');
    await page.loaded();
    await page.choose('Activité', 'ALSH 3-6 ans Matin');
    expect(plain(page.root.querySelector('[part="price"]')!.textContent)).to.equal(
      'Tarif : 4,75 € par jour (de 09:00 à 13:30)',
    );

    const { from, waitlistDay } = demo.ids.holiday;
    const days = [from, addDaysIso(from, 1), waitlistDay];
    await showMonthOf(page, waitlistDay);
    expect([page.shown('Enfant'), page.shown('Activité')]).to.deep.equal([
      'Antoine DUPONT',
      'ALSH 3-6 ans Matin',
    ]);
    expect(page.parts(from)).to.include('open');
    expect(page.parts(waitlistDay)).to.include('waitlist');
    expect(page.label(waitlistDay)).to.match(/, complet, liste d'attente ouverte$/);
    for (const date of days) await page.click(date);
    expect(plain(page.basket!.textContent)).to.contain('3 réservations').and.contain('14,25 €');

    // What the server says the basket costs (a dry run of the same changes).
    const client = createClient({ baseUrl: demo.api, token: sessionStorage.getItem(tokenKey(demo.api)) });
    const preview = await client.bookings.preview(demo.ids.dupont.accountId, { changes: page.el.basket });
    expect(preview.recap.totals).to.deep.equal({ additions: 1425, cancellations: 0, net: 1425 });

    await page.press('Valider', page.basket!);
    const rows = page.recapRows('Récapitulatif des réservations');
    const lines = rows.slice(0, -1);
    expect(lines.map(([date, ...rest]) => [date!.slice(-5), ...rest])).to.deep.equal(
      serverRows(preview.recap.additions, 'Antoine DUPONT'),
    );
    expect(lines.map((r) => r.slice(5))).to.deep.equal([
      ['4,75 €', '1', '4,75 €'],
      ['4,75 €', '1', '4,75 €'],
      ['4,75 €', '1', '4,75 €'],
    ]);
    expect(rows.at(-1)).to.deep.equal(['Total des réservations', '14,25 €']);
    expect(page.recapRows('Récapitulatif des annulations')).to.deep.equal([]);
    expect(page.net).to.equal(plain(formatMoney(preview.recap.totals.net, 'fr')));

    const submitted = oneEvent(page.el, 'guichet-booking-submitted');
    await page.press('Valider');
    const result = (await submitted).detail as BookingResult;
    await page.settle();
    expect(result.recap).to.deep.equal(preview.recap);
    expect(result.lines.map((l) => [l.change.date, l.outcome, l.position])).to.deep.equal([
      [days[0], 'accepted', undefined],
      [days[1], 'accepted', undefined],
      [waitlistDay, 'waitlisted', 2],
    ]);
    expect(page.outcomeTexts()).to.deep.equal([
      'Réservation acceptée',
      'Réservation acceptée',
      "Mise en liste d'attente, position 2",
    ]);
    expect(page.announcement).to.contain("Demandes traitées : 2 acceptées et 1 en liste d'attente.");
    await screenshot('family-calendar-server-outcomes', page.el);
    await expect(page.el).to.be.accessible();

    // Back to the calendar, the month as the server now has it.
    await page.press('Retour au calendrier');
    await page.loaded();
    expect(page.parts(days[0]!)).to.include('booked');
    expect(page.parts(days[1]!)).to.include('booked');
    expect(page.parts(waitlistDay)).to.include('waitlisted');
    expect(page.label(waitlistDay)).to.match(/, en liste d'attente, position 2$/);
  });

  it('turns read-only with the reason and a link to pay once the account is in debit', async () => {
    const page = await dupontCalendar(demo);
    expect(page.root.querySelector('[part="read-only"]')).to.equal(null);
    const wallet = demo.ids.dupont.wallets.periscolaire;
    const debt = 100_000;
    expect(await adjustWallet(wallet, -debt)).to.be.below(0);
    try {
      page.el.reload();
      await page.loaded();
      const notice = page.root.querySelector('[part="read-only"]')!;
      expect(notice.textContent).to.contain('débiteur');
      expect(notice.querySelector('a')!.getAttribute('href')).to.equal('/payer');
      expect(page.basket).to.equal(null);
      await page.choose('Enfant', 'Antoine DUPONT');
      await page.loaded();
      await page.choose('Activité', 'ALSH 3-6 ans Matin');
      await showMonthOf(page, demo.ids.holiday.from);
      const open = addDaysIso(demo.ids.holiday.from, 4);
      expect(page.day(open).getAttribute('aria-disabled')).to.equal('true');
      await page.click(open);
      expect(page.el.basket).to.deep.equal([]);
      await screenshot('family-calendar-server-debtor', page.el);
      await expect(page.el).to.be.accessible();
    } finally {
      await adjustWallet(wallet, debt);
    }
  });
  describe('alone on a page (no provider), as a CMS block embeds it', () => {
    afterEach(() => sessionStorage.removeItem(tokenKey(demo.api)));

    it('shows the signed-in family’s month from the kept token: the session, then the month, nothing else', async () => {
      const session = await createClient({ baseUrl: demo.api }).auth.login({
        login: 'dupont',
        password: 'dupont-demo',
        mode: 'token',
      });
      sessionStorage.setItem(tokenKey(demo.api), session.token!);
      performance.clearResourceTimings();
      const today = isoDateInZone(new Date(demo.now));
      const el = await fixture<FamilyCalendar>(
        html`<family-calendar api=${demo.api} today=${today}></family-calendar>`,
      );
      const page = new FamilyCalendarPage(el);
      await page.loaded();
      expect(el.members.map((m) => m.id)).to.deep.equal(session.members!.map((m) => m.id));
      expect(el.calendar!.memberId).to.equal(session.members![0]!.id);
      expect(page.parts(today)).to.not.be.empty;
      // The element's requests (the test's own login may be timed after the clear).
      const calls = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((url) => url.startsWith(demo.api) && !url.endsWith('/auth/login'))
        .map((url) => url.slice(demo.api.length));
      const accountId = session.memberships.find((m) => m.accountId)!.accountId!;
      expect(calls).to.deep.equal([
        '/api/v1/auth/session',
        `/api/v1/accounts/${accountId}/members/${el.calendar!.memberId}/calendar?month=${today.slice(0, 7)}`,
      ]);
      await expect(el).to.be.accessible();
    });

    it('asks a family that is not signed in to sign in', async () => {
      const el = await fixture<FamilyCalendar>(html`<family-calendar api=${demo.api}></family-calendar>`);
      for (let i = 0; i < 200 && !el.shadowRoot!.textContent!.includes('Connectez-vous'); i++) {
        await new Promise((r) => setTimeout(r, 10));
        await el.updateComplete;
      }
      expect(plain(el.shadowRoot!.querySelector('[part="message"]')!.textContent)).to.equal(
        'Connectez-vous pour voir et réserver les journées de vos enfants.',
      );
      expect(el.calendar).to.equal(null);
    });
  });
});
