import type {
  Activity,
  BookingChange,
  BookingResult,
  CalendarDay,
  DayState,
  Member,
  MonthCalendar,
} from '@guichet/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { screenshot } from '../../test/screenshots.js';
import './define.js';
import type { FamilyCalendar, FamilyCalendarClient } from './family-calendar.js';
import { FamilyCalendarPage, plain } from './family-calendar.page.js';

// ---- fixtures: seed 004 moved to April 2026 (the 1st is a Wednesday)

const activity = (id: string, name: string, start: string, end: string, unitPrice: number, quantity = 1) =>
  ({
    id,
    structureId: 'cestas',
    name,
    startTime: start,
    endTime: end,
    unitPrice,
    quantity,
    walletKindId: 'periscolaire',
    eligibility: { minAge: 3, maxAge: 6 },
    conflictGroup: 'alsh36',
    supplements: [],
  }) satisfies Activity;

const JOURNEE = activity('a36-journee', 'ALSH 3-6 ans Journée', '09:00', '17:30', 665, 2);
const MATIN: Activity = {
  ...activity('a36-matin', 'ALSH 3-6 ans Matin', '09:00', '13:30', 475),
  supplements: [{ id: 'piscine', activityId: 'a36-matin', name: 'Piscine', unitPrice: 300, dates: [] }],
};
const APRES_MIDI = activity('a36-am', 'ALSH 3-6 ans Après Midi', '12:00', '17:30', 475);

const MEMBERS: Member[] = [
  { id: 'antoine', accountId: 'dupont', firstName: 'Antoine', lastName: 'DUPONT', birthDate: '2021-05-01' },
];

/** Matin shows every state; Journée is open on the 25th; Après Midi is booked on the 18th and open on the 20th. */
const STATE_OF: Record<string, Partial<Record<string, DayState>>> = {
  'a36-matin': {
    '2026-04-19': 'waitlist',
    '2026-04-20': 'open',
    '2026-04-21': 'booked',
    '2026-04-22': 'locked',
    '2026-04-23': 'full',
    '2026-04-24': 'waitlisted',
    '2026-04-26': 'open',
  },
  'a36-journee': { '2026-04-25': 'open' },
  'a36-am': { '2026-04-18': 'booked', '2026-04-20': 'open' },
};

function april(readOnly = false): MonthCalendar {
  const days: CalendarDay[] = [];
  for (let d = 1; d <= 30; d++) {
    const date = `2026-04-${String(d).padStart(2, '0')}`;
    for (const a of [JOURNEE, MATIN, APRES_MIDI]) {
      const state = STATE_OF[a.id]?.[date] ?? 'closed';
      days.push({
        date,
        activityId: a.id,
        state,
        slotId: state === 'closed' ? null : `${a.id}-${date}`,
        placesLeft: state === 'open' ? 5 : state === 'closed' ? null : 0,
        waitPosition: state === 'waitlisted' ? 2 : null,
        supplementIds: [],
      });
    }
  }
  return { memberId: 'antoine', month: '2026-04', activities: [JOURNEE, MATIN, APRES_MIDI], days, readOnly };
}

async function mount(
  options: {
    lang?: string;
    activityId?: string;
    readOnly?: boolean;
    client?: FamilyCalendarClient;
    max?: string;
  } = {},
): Promise<FamilyCalendarPage> {
  const el = await fixture<FamilyCalendar>(html`<family-calendar
    today="2026-04-15"
    lang=${options.lang ?? 'fr'}
    account="dupont"
    activity-id=${options.activityId ?? ''}
    max=${options.max ?? ''}
    pay-href="/payer"
    .members=${MEMBERS}
    .calendar=${april(options.readOnly)}
    .client=${options.client ?? null}
  ></family-calendar>`);
  const page = new FamilyCalendarPage(el);
  await page.settle();
  return page;
}

const recapBasket: BookingChange[] = [
  { op: 'add', memberId: 'antoine', activityId: 'a36-journee', date: '2026-04-25' },
  { op: 'add', memberId: 'antoine', activityId: 'a36-matin', date: '2026-04-26' },
  { op: 'add', memberId: 'antoine', activityId: 'a36-matin', date: '2026-04-20' },
  { op: 'remove', memberId: 'antoine', activityId: 'a36-am', date: '2026-04-18', supplementIds: [] },
];

function resultFor(changes: BookingChange[]): BookingResult {
  return {
    dryRun: false,
    recap: { additions: [], cancellations: [], totals: { additions: 0, cancellations: 0, net: 0 } },
    lines: [
      { change: changes[0]!, outcome: 'accepted', reservationId: 'r1' },
      { change: changes[1]!, outcome: 'waitlisted', position: 2, reservationId: 'r2' },
      { change: changes[2]!, outcome: 'refused', reason: 'full' },
      { change: changes[3]!, outcome: 'cancelled' },
    ],
  };
}

function fakeClient(submit: FamilyCalendarClient['bookings']['submit']): FamilyCalendarClient {
  return {
    accounts: { get: async () => ({ account: { members: MEMBERS } }) },
    calendar: {
      month: async (_account, { month }) => (month === '2026-04' ? april() : { ...april(), month, days: [] }),
    },
    bookings: { submit },
  };
}

/** Clicks the days of seed 004's recap, activity by activity. */
async function fillSeedBasket(page: FamilyCalendarPage): Promise<void> {
  page.el.activityId = 'a36-journee';
  await page.settle();
  await page.click('2026-04-25');
  page.el.activityId = 'a36-matin';
  await page.settle();
  await page.click('2026-04-26');
  await page.click('2026-04-20');
  page.el.activityId = 'a36-am';
  await page.settle();
  await page.click('2026-04-18');
}

describe('<family-calendar>', () => {
  // First: the formats the elements keep would hide a use by an earlier test.
  it('draws a French or English month without Intl (its start-up would delay a first visit)', async () => {
    const real = { DateTimeFormat: Intl.DateTimeFormat, NumberFormat: Intl.NumberFormat };
    const used: string[] = [];
    const refuse = (name: string) =>
      function refused() {
        used.push(name);
        throw new Error(`Intl.${name} used`);
      } as never;
    Object.assign(Intl, { DateTimeFormat: refuse('DateTimeFormat'), NumberFormat: refuse('NumberFormat') });
    try {
      const page = await mount();
      expect(page.heading).to.equal('avril 2026');
      expect(page.label('2026-04-13')).to.match(/^13 avril/);
      const english = await mount({ lang: 'en' });
      expect(english.heading).to.equal('April 2026');
      expect(english.label('2026-04-13')).to.match(/^13 April/);
    } finally {
      Object.assign(Intl, real);
    }
    expect(used).to.deep.equal([]);
  });

  describe('day states', () => {
    const expected: [string, DayState, string][] = [
      ['2026-04-13', 'closed', '13 avril, non ouvert à la réservation'],
      ['2026-04-19', 'waitlist', "19 avril, complet, liste d'attente ouverte"],
      ['2026-04-20', 'open', '20 avril, ouvert à la réservation, 5 places restantes'],
      ['2026-04-21', 'booked', '21 avril, réservé, modifiable'],
      ['2026-04-22', 'locked', '22 avril, réservé, plus modifiable'],
      ['2026-04-23', 'full', "23 avril, complet, liste d'attente complète"],
      ['2026-04-24', 'waitlisted', "24 avril, en liste d'attente, position 2"],
    ];

    for (const [date, state, label] of expected) {
      it(`draws ${state} with its part, its words and a legend entry`, async () => {
        const page = await mount({ activityId: 'a36-matin' });
        expect(page.parts(date)).to.include.members(['day', state]);
        expect(page.label(date)).to.equal(label);
        expect(page.day(date).querySelector('svg.icon')).to.exist;
        expect(page.legend(state)?.textContent?.trim()).to.not.equal('');
        const disabled = ['closed', 'locked', 'full'].includes(state);
        expect(page.day(date).getAttribute('aria-disabled')).to.equal(String(disabled));
      });
    }

    it('shows the price of the activity and marks today', async () => {
      const page = await mount({ activityId: 'a36-journee' });
      const price = plain(page.root.querySelector('[part="price"]')!.textContent);
      expect(price).to.contain('2 × 6,65 €').and.contain('13,30 €');
      expect(page.day('2026-04-15').getAttribute('aria-current')).to.equal('date');
      expect(page.parts('2026-04-15')).to.include('today');
      expect(page.heading).to.equal('avril 2026');
    });

    it('draws a day of several activities with all of them in its label', async () => {
      const page = await mount();
      expect(page.parts('2026-04-20')).to.include.members(['day', 'open', 'multiple']);
      expect(page.label('2026-04-20')).to.match(/^20 avril, 2 activités\. ALSH 3-6 ans Matin : ouvert/);
    });
  });

  describe('keyboard', () => {
    it('keeps one tab stop, on today', async () => {
      const page = await mount();
      expect(page.days().filter((b) => b.tabIndex === 0)).to.have.length(1);
      expect(page.tabStop).to.equal('2026-04-15');
      // Unavailable days stay focusable.
      expect(page.day('2026-04-13').tabIndex).to.equal(-1);
      expect(page.day('2026-04-13').disabled).to.equal(false);
    });

    it('moves by day and week with the arrows, to the week ends with Home/End', async () => {
      const page = await mount();
      await page.focus('2026-04-15');
      const steps: [string, string][] = [
        ['ArrowRight', '2026-04-16'],
        ['ArrowDown', '2026-04-23'],
        ['ArrowLeft', '2026-04-22'],
        ['ArrowUp', '2026-04-15'],
        ['Home', '2026-04-13'],
        ['End', '2026-04-19'],
      ];
      for (const [key, date] of steps) {
        await page.pressKey(key);
        expect(page.focusedDay, key).to.equal(date);
        expect(page.tabStop, key).to.equal(date);
      }
    });

    it('changes month with PageDown/PageUp and across the month end, keeping the focus', async () => {
      const page = await mount();
      await page.focus('2026-04-19');
      await page.pressKey('PageDown');
      expect(page.heading).to.equal('mai 2026');
      expect(page.focusedDay).to.equal('2026-05-19');
      expect(page.announcement).to.equal('mai 2026');
      await page.pressKey('PageUp');
      expect(page.heading).to.equal('avril 2026');
      expect(page.focusedDay).to.equal('2026-04-19');
      await page.focus('2026-04-30');
      await page.pressKey('ArrowRight');
      expect(page.focusedDay).to.equal('2026-05-01');
    });

    it('stays within max', async () => {
      const page = await mount({ max: '2026-04' });
      await page.focus('2026-04-30');
      await page.pressKey('ArrowRight');
      expect(page.focusedDay).to.equal('2026-04-30');
      await page.pressKey('PageDown');
      expect(page.heading).to.equal('avril 2026');
      expect(page.root.querySelector('[part~="next"]')!.getAttribute('aria-disabled')).to.equal('true');
    });

    it('toggles a day with Enter and Space', async () => {
      const page = await mount({ activityId: 'a36-matin' });
      await page.focus('2026-04-20');
      await page.pressKey('Enter');
      expect(page.parts('2026-04-20')).to.include('pending-add');
      expect(page.announcement).to.equal(
        '20 avril, ouvert à la réservation, 5 places restantes, réservation demandée',
      );
      await page.pressKey(' ');
      expect(page.parts('2026-04-20')).to.not.include('pending-add');
    });
  });

  describe('basket and recap', () => {
    it('adds open and waiting-list days, removes booked ones, ignores closed, locked and full', async () => {
      const page = await mount({ activityId: 'a36-matin' });
      const changes: BookingChange[][] = [];
      page.el.addEventListener('guichet-basket-change', (e) => changes.push([...e.detail.basket]));
      for (const date of ['2026-04-19', '2026-04-21', '2026-04-13', '2026-04-22', '2026-04-23'])
        await page.click(date);
      expect(page.el.basket.map((c) => [c.op, c.date])).to.deep.equal([
        ['add', '2026-04-19'],
        ['remove', '2026-04-21'],
      ]);
      expect(changes).to.have.length(2);
      expect(page.parts('2026-04-19')).to.include.members(['waitlist', 'pending-add']);
      expect(page.parts('2026-04-21')).to.include.members(['booked', 'pending-remove']);
      expect(page.label('2026-04-21')).to.equal('21 avril, réservé, modifiable, annulation demandée');
    });

    it('opens a chooser on a day of several activities', async () => {
      const page = await mount();
      await page.click('2026-04-20');
      const dialog = page.chooser!;
      expect(dialog.open).to.equal(true);
      expect(dialog.querySelectorAll('.entry')).to.have.length(2);
      await page.press('Réserver', dialog.querySelector('.entry')!);
      expect(page.el.basket).to.deep.equal([
        { op: 'add', memberId: 'antoine', activityId: 'a36-matin', date: '2026-04-20' },
      ]);
      await expect(page.el).to.be.accessible();
      await page.press('Fermer', dialog);
      expect(page.chooser === null).to.equal(true);
      expect(page.focusedDay).to.equal('2026-04-20');
      expect(page.parts('2026-04-20')).to.include.members(['multiple', 'pending-add']);
      await expect(page.el).to.be.accessible();
    });

    it('takes supplements on a pending day', async () => {
      const page = await mount({ activityId: 'a36-matin' });
      await page.click('2026-04-20');
      const box = page.root.querySelector<HTMLInputElement>('[part="day-panel"] input[type="checkbox"]')!;
      box.click();
      await page.settle();
      expect(page.el.basket[0]!.supplementIds).to.deep.equal(['piscine']);
      await page.press('Valider', page.basket!);
      expect(page.net).to.equal('7,75 €');
    });

    it("shows seed 004's recap with its amounts, and Retour keeps the basket", async () => {
      const page = await mount();
      await fillSeedBasket(page);
      expect(plain(page.basket!.textContent))
        .to.contain('3 réservations, 1 annulation')
        .and.contain('18,05 €');
      await page.press('Valider', page.basket!);
      expect(page.recap).to.exist;
      expect(page.recapRows('Récapitulatif des réservations')).to.deep.equal([
        ['sam. 25/04', 'ALSH 3-6 ans Journée', '09:00', '17:30', '6,65 €', '2', '13,30 €'],
        ['dim. 26/04', 'ALSH 3-6 ans Matin', '09:00', '13:30', '4,75 €', '1', '4,75 €'],
        ['lun. 20/04', 'ALSH 3-6 ans Matin', '09:00', '13:30', '4,75 €', '1', '4,75 €'],
        ['Total des réservations', '22,80 €'],
      ]);
      expect(page.recapRows('Récapitulatif des annulations')).to.deep.equal([
        ['sam. 18/04', 'ALSH 3-6 ans Après Midi', '12:00', '17:30', '4,75 €', '1', '4,75 €'],
        ['Total des annulations', '4,75 €'],
      ]);
      expect(page.net).to.equal('18,05 €');
      expect(page.root.activeElement?.id).to.equal('recap-title');
      await expect(page.el).to.be.accessible();
      await page.press('Retour');
      expect(page.el.basket).to.have.length(4);
      expect(page.recap === null).to.equal(true);
      await page.press('Valider', page.basket!);
      await page.press('Abandonner');
      expect(page.el.basket).to.deep.equal([]);
    });
  });

  describe('sending', () => {
    it('shows and announces each line’s outcome, and fires guichet-booking-submitted', async () => {
      let sent: BookingChange[] = [];
      const page = await mount({
        client: fakeClient(async (_account, { changes }) => {
          sent = changes;
          return resultFor(changes);
        }),
      });
      await fillSeedBasket(page);
      await page.press('Valider', page.basket!);
      const submitted = oneEvent(page.el, 'guichet-booking-submitted');
      page.button('Valider').click();
      const event = await submitted;
      await page.settle();
      expect(sent).to.deep.equal(recapBasket);
      expect(event.detail.lines.map((l: BookingResult['lines'][number]) => l.outcome)).to.deep.equal([
        'accepted',
        'waitlisted',
        'refused',
        'cancelled',
      ]);
      expect(page.outcomeTexts()).to.deep.equal([
        'Réservation acceptée',
        "Mise en liste d'attente, position 2",
        "Refusée : l'activité et sa liste d'attente sont complètes",
        'Réservation annulée',
      ]);
      expect(page.announcement).to.contain(
        "Demandes traitées : 1 acceptée, 1 annulée, 1 en liste d'attente et 1 refusée.",
      );
      expect(page.announcement).to.contain("20 avril, ALSH 3-6 ans Matin : Refusée : l'activité");
      expect(page.el.basket).to.deep.equal([]);
      await expect(page.el).to.be.accessible();
    });

    it('words every refusal reason', async () => {
      const page = await mount();
      const reasons = [
        'closed',
        'deadline_passed',
        'full',
        'not_eligible',
        'same_day_conflict',
        'account_in_debit',
        'already_booked',
        'not_booked',
      ] as const;
      page.el.result = {
        ...resultFor(recapBasket),
        lines: reasons.map((reason) => ({ change: recapBasket[0]!, outcome: 'refused', reason })),
      };
      await page.settle();
      const texts = page.outcomeTexts();
      expect(new Set(texts).size).to.equal(reasons.length);
      for (const text of texts) expect(text).to.match(/^Refusée : \S/);
    });

    it('keeps the basket and tells the page when the session expired', async () => {
      const page = await mount({
        client: fakeClient(async () => {
          throw Object.assign(new Error('401'), { status: 401 });
        }),
      });
      await fillSeedBasket(page);
      await page.press('Valider', page.basket!);
      const expired = oneEvent(page.el, 'guichet-session-expired');
      page.button('Valider').click();
      await expired;
      await page.settle();
      expect(page.el.basket).to.have.length(4);
      expect(page.recap!.querySelector('[role="alert"]')!.textContent).to.contain('session a expiré');
    });

    it('never fires events when code sets properties', async () => {
      const page = await mount();
      let fired = 0;
      for (const type of ['guichet-basket-change', 'guichet-booking-submitted', 'guichet-calendar-change'])
        page.el.addEventListener(type, () => fired++);
      page.el.basket = recapBasket;
      page.el.month = '2026-05';
      page.el.result = resultFor(recapBasket);
      await page.settle();
      expect(fired).to.equal(0);
    });
  });

  describe('loading', () => {
    it('loads the members and the month through the client', async () => {
      const el = await fixture<FamilyCalendar>(html`<family-calendar
        today="2026-04-15"
        account="dupont"
        .client=${fakeClient(async () => resultFor(recapBasket))}
      ></family-calendar>`);
      const page = new FamilyCalendarPage(el);
      for (let i = 0; i < 5 && !el.calendar; i++) await new Promise((r) => setTimeout(r, 10));
      await page.settle();
      expect(el.memberId).to.equal('antoine');
      expect(page.parts('2026-04-19')).to.include('waitlist');
    });

    it('says it is loading until its first month arrives, asks for it once, then draws it', async () => {
      const client = fakeClient(async () => resultFor(recapBasket));
      let answer: (month: MonthCalendar) => void = () => {};
      const asked: string[] = [];
      client.calendar.month = (_account, { memberId, month }) => {
        asked.push(`${memberId}:${month}`);
        return new Promise((resolve) => (answer = resolve));
      };
      const el = await fixture<FamilyCalendar>(html`<family-calendar
        today="2026-04-15"
        account="dupont"
        .client=${client}
      ></family-calendar>`);
      const page = new FamilyCalendarPage(el);
      for (let i = 0; i < 20 && asked.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await page.settle();
      const status = page.root.querySelector('[role="status"]')!;
      expect(status.textContent!.trim()).to.equal('Chargement du calendrier…');
      expect(page.root.querySelector('table')).to.equal(null);
      await expect(el).to.be.accessible();
      answer(april());
      for (let i = 0; i < 20 && !el.calendar; i++) await new Promise((r) => setTimeout(r, 10));
      await page.settle();
      expect(asked).to.deep.equal(['antoine:2026-04']);
      expect(page.parts('2026-04-19')).to.include('waitlist');
    });

    it('shows a load error with a retry', async () => {
      const client = fakeClient(async () => resultFor(recapBasket));
      client.calendar.month = async () => {
        throw Object.assign(new Error('boom'), {
          messages: { fr: 'Serveur indisponible', en: 'Server down' },
        });
      };
      const el = await fixture<FamilyCalendar>(html`<family-calendar
        today="2026-04-15"
        account="dupont"
        .members=${MEMBERS}
        .client=${client}
      ></family-calendar>`);
      const page = new FamilyCalendarPage(el);
      for (let i = 0; i < 5 && !page.root.querySelector('[role="alert"]'); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(page.root.querySelector('[role="alert"]')!.textContent).to.contain('Serveur indisponible');
      expect(page.button('Réessayer')).to.exist;
    });
  });

  describe('read-only account in debit', () => {
    it('shows the reason and a link to pay, and books nothing', async () => {
      const page = await mount({ readOnly: true, activityId: 'a36-matin' });
      const notice = page.root.querySelector('[part="read-only"]')!;
      expect(notice.textContent).to.contain('débiteur');
      expect(notice.querySelector('a')!.getAttribute('href')).to.equal('/payer');
      expect(page.basket === null).to.equal(true);
      expect(page.day('2026-04-20').getAttribute('aria-disabled')).to.equal('true');
      await page.click('2026-04-20');
      expect(page.el.basket).to.deep.equal([]);
      await expect(page.el).to.be.accessible();
    });
  });

  describe('English', () => {
    it('speaks English', async () => {
      const page = await mount({ lang: 'en', activityId: 'a36-matin' });
      expect(page.heading).to.equal('April 2026');
      expect(page.label('2026-04-19')).to.equal('19 April, full, waiting list open');
      expect(page.label('2026-04-24')).to.equal('24 April, on the waiting list, position 2');
      expect(page.legend('locked')!.textContent!.trim()).to.equal('Booked, locked');
      await page.click('2026-04-20');
      await page.press('Confirm', page.basket!);
      expect(page.recapRows('New bookings')[0]).to.deep.equal([
        'Mon 20/04',
        'ALSH 3-6 ans Matin',
        '09:00',
        '13:30',
        '€4.75',
        '1',
        '€4.75',
      ]);
      expect(page.button('Back')).to.exist;
      expect(page.button('Discard')).to.exist;
    });
  });

  describe('accessibility', () => {
    it('has no axe violation in the grid', async () => {
      const page = await mount();
      await page.click('2026-04-25');
      await expect(page.el).to.be.accessible();
    });
  });

  // test-results/screenshots/widgets/, at phone and desktop widths, for people to look at.
  describe('screenshots', () => {
    it('draws the seven day states, then pending days and the basket', async () => {
      const page = await mount({ activityId: 'a36-matin' });
      await screenshot('family-calendar-states', page.el);
      await page.click('2026-04-20');
      await page.click('2026-04-21');
      await screenshot('family-calendar-basket', page.el);
    });

    it('draws all activities at once, the recap and the outcomes', async () => {
      const page = await mount({ client: fakeClient(async (_account, { changes }) => resultFor(changes)) });
      await screenshot('family-calendar-all-activities', page.el);
      await fillSeedBasket(page);
      await page.press('Valider', page.basket!);
      await screenshot('family-calendar-recap', page.el);
      const submitted = oneEvent(page.el, 'guichet-booking-submitted');
      page.button('Valider').click();
      await submitted;
      await page.settle();
      await screenshot('family-calendar-outcomes', page.el);
    });

    it('draws a read-only calendar in debit', async () => {
      const page = await mount({ readOnly: true, activityId: 'a36-matin' });
      await screenshot('family-calendar-read-only', page.el);
    });
  });
});
