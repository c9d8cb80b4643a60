import type { GuichetClient } from '@guichet/sdk/client';
import type { Reservation } from '@guichet/sdk/schemas';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../guichet-provider/define.js';
import './define.js';
import type { ReservationList } from './reservation-list.js';
import { ReservationListPage } from './reservation-list.page.js';

const reservation = (
  id: string,
  date: string,
  memberId: string,
  activityId: string,
  status: Reservation['status'],
  extra: Partial<Reservation> = {},
): Reservation => ({
  id,
  accountId: 'a1',
  memberId,
  activityId,
  slotId: `s-${id}`,
  date,
  status,
  waitPosition: null,
  supplementIds: [],
  unitPrice: 475,
  quantity: 1,
  refusalReason: null,
  createdAt: '2012-04-10T08:00:00Z',
  updatedAt: '2012-04-10T08:00:00Z',
  chargedAt: null,
  ...extra,
});

const members = [
  { id: 'm1', firstName: 'Antoine', lastName: 'Dupont' },
  { id: 'm2', firstName: 'Liou', lastName: 'Dupont' },
];
const activities = [
  { id: 'am', name: 'ALSH 3-6 ans Après Midi' },
  { id: 'mat', name: 'ALSH 6-12 Matin' },
];
// Seed 004: three afternoons on the waiting list, a booked morning, a refusal, a cancellation.
const data = [
  reservation('r3', '2012-04-28', 'm1', 'am', 'waitlisted', { waitPosition: 3 }),
  reservation('r1', '2012-04-26', 'm1', 'am', 'waitlisted', { waitPosition: 1 }),
  reservation('r2', '2012-04-27', 'm1', 'am', 'waitlisted', { waitPosition: 2 }),
  reservation('r4', '2012-04-26', 'm2', 'mat', 'accepted'),
  reservation('r5', '2012-04-18', 'm1', 'am', 'cancelled'),
  reservation('r6', '2012-04-30', 'm2', 'mat', 'refused', { refusalReason: 'full' }),
];

async function render(lang = 'fr', attrs: { from?: string; to?: string } = {}) {
  const el = await fixture<ReservationList>(html`<reservation-list
    lang=${lang}
    today="2012-04-01"
    from=${attrs.from ?? '2012-04-01'}
    to=${attrs.to ?? ''}
    .data=${data}
    .members=${members}
    .activities=${activities}
  ></reservation-list>`);
  return new ReservationListPage(el);
}

describe('<reservation-list>', () => {
  it('lists the reservations of the period by date, with names and statuses in words', async () => {
    const page = await render();
    expect(page.caption()).to.equal('Suivi des réservations à partir du 01/04/2012');
    expect(page.headers()).to.deep.equal(['Date', 'Consommateur', 'Activité', 'État']);
    expect(page.rows()).to.deep.equal([
      ['mer. 18 avr. 2012', 'DUPONT Antoine', 'ALSH 3-6 ans Après Midi', 'Annulée'],
      ['jeu. 26 avr. 2012', 'DUPONT Antoine', 'ALSH 3-6 ans Après Midi', 'En liste d’attente, position 1'],
      ['jeu. 26 avr. 2012', 'DUPONT Liou', 'ALSH 6-12 Matin', 'Acceptée'],
      ['ven. 27 avr. 2012', 'DUPONT Antoine', 'ALSH 3-6 ans Après Midi', 'En liste d’attente, position 2'],
      ['sam. 28 avr. 2012', 'DUPONT Antoine', 'ALSH 3-6 ans Après Midi', 'En liste d’attente, position 3'],
      ['lun. 30 avr. 2012', 'DUPONT Liou', 'ALSH 6-12 Matin', 'Refusée : activité complète'],
    ]);
    expect(page.table!.tFoot!.textContent!.trim()).to.equal('6 réservations');
  });

  it('speaks English', async () => {
    const page = await render('en');
    expect(page.caption()).to.equal('Reservations from 01/04/2012');
    expect(page.statuses()).to.deep.equal([
      'Cancelled',
      'On the waiting list, position 1',
      'Accepted',
      'On the waiting list, position 2',
      'On the waiting list, position 3',
      'Refused: activity full',
    ]);
  });

  it('filters by period and status from the keyboard', async () => {
    const page = await render();
    // Arrow keys on a closed <select> open Chromium's popup in headless mode: choose by value.
    (page.field('status') as HTMLSelectElement).value = 'waitlisted';
    page.field('to').focus();
    // The test browser's locale is en-US: the date field takes month, day, year.
    await sendKeys({ type: '04272012' });
    // Enter in a field submits the form.
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    expect(page.el.to).to.equal('2012-04-27');
    expect(page.el.status).to.equal('waitlisted');
    expect(page.caption()).to.equal('Suivi des réservations du 01/04/2012 au 27/04/2012');
    expect(page.statuses()).to.deep.equal([
      'En liste d’attente, position 1',
      'En liste d’attente, position 2',
    ]);
    // Tab order: from, to, status, show, print.
    page.field('status').focus();
    await sendKeys({ press: 'Tab' });
    expect(page.el.shadowRoot!.activeElement === page.showButton).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(page.el.shadowRoot!.activeElement === page.printButton).to.equal(true);
  });

  it('refuses a period that ends before it starts', async () => {
    const page = await render();
    (page.field('to') as HTMLInputElement).value = '2012-03-01';
    page.showButton.click();
    await page.el.updateComplete;
    expect(page.errors()).to.deep.equal(['La date de fin doit suivre la date de début.']);
    expect(page.field('to').getAttribute('aria-invalid')).to.equal('true');
  });

  it('loads reservations, member and activity names through the client', async () => {
    const queries: unknown[] = [];
    const client = {
      accounts: { get: async () => ({ account: { members } }) },
      reservations: {
        list: (_account: string, query: unknown) => {
          queries.push(query);
          return (async function* () {
            yield* data.slice(0, 2);
          })();
        },
      },
      calendar: { month: async () => ({ activities }) },
    } as unknown as GuichetClient;
    const wrapper = await fixture(html`<guichet-provider .client=${client}>
      <reservation-list account="a1" from="2012-04-01" to="2012-04-30" status="waitlisted"></reservation-list>
    </guichet-provider>`);
    const el = wrapper.querySelector('reservation-list')!;
    await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
    expect(queries).to.deep.equal([{ from: '2012-04-01', to: '2012-04-30', status: 'waitlisted' }]);
    expect(new ReservationListPage(el).rows().map((r) => r.slice(1))).to.deep.equal([
      ['DUPONT Antoine', 'ALSH 3-6 ans Après Midi', 'En liste d’attente, position 1'],
      ['DUPONT Antoine', 'ALSH 3-6 ans Après Midi', 'En liste d’attente, position 3'],
    ]);
  });

  it('says when the period is empty', async () => {
    const page = await render('fr', { from: '2013-01-01' });
    expect(page.state()).to.equal('Aucune réservation pour cette période.');
  });

  it('is accessible', async () => {
    const page = await render();
    await expect(page.el).to.be.accessible();
  });
});
