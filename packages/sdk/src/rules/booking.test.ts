import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { antoine, activity as base, liou, reservation, slot } from '../../test/fixtures.js';
import type { Member } from '../schemas/account.js';
import type { Activity, Slot } from '../schemas/activity.js';
import type { BookingChange } from '../schemas/booking.js';
import type { Reservation } from '../schemas/reservation.js';
import {
  accountInDebit,
  basketKey,
  buildRecap,
  checkLine,
  type LineCheckInput,
  previewOutcomes,
  toggleChange,
} from './booking.js';

// Seed 004: the DUPONT family, Antoine in ALSH 3-6 ans, Liou in ALSH 6-12 ans, April 2026.
const members = [antoine, liou];

const activity = (id: string, name: string, overrides: Partial<Activity> = {}) =>
  base(id, { name, ...overrides });
const piscine = { id: 'piscine', activityId: 'journee', name: 'Piscine', unitPrice: 300, dates: [] };
const journee = activity('journee', 'ALSH 3-6 ans Journée', {
  endTime: '17:30',
  unitPrice: 665,
  quantity: 2,
  supplements: [piscine],
});
const matin = activity('matin', 'ALSH 3-6 ans Matin');
const apresMidi = activity('am', 'ALSH 3-6 ans Après Midi', { startTime: '12:00', endTime: '17:30' });
const matin612 = activity('matin612', 'ALSH 6-12 Matin', {
  unitPrice: 1035,
  eligibility: { minAge: 6, maxAge: 12 },
  conflictGroup: 'alsh612',
});
const garderie = activity('garderie', 'Garderie du soir', { conflictGroup: null, eligibility: {} });
const activities = [journee, matin, apresMidi, matin612, garderie];

const add = (
  memberId: string,
  activityId: string,
  date: string,
  supplementIds?: string[],
): BookingChange => ({
  op: 'add',
  memberId,
  activityId,
  date,
  ...(supplementIds ? { supplementIds } : {}),
});
const remove = (memberId: string, activityId: string, date: string): BookingChange => ({
  op: 'remove',
  memberId,
  activityId,
  date,
});

const now = new Date('2026-04-10T12:00:00Z');

describe('basketKey and toggleChange', () => {
  const a = add('antoine', 'matin', '2026-04-20');

  it('keys a change by member, activity and date', () => {
    expect(basketKey(a)).toBe('antoine:matin:2026-04-20');
    expect(basketKey(remove('antoine', 'matin', '2026-04-20'))).toBe(basketKey(a));
  });

  it('adds a new day, takes it out on a second click, and replaces the other op in place', () => {
    const b = add('antoine', 'matin', '2026-04-21');
    const basket = [a, b];
    expect(toggleChange([], a)).toEqual([a]);
    expect(toggleChange(basket, a)).toEqual([b]);
    const r = remove('antoine', 'matin', '2026-04-20');
    expect(toggleChange(basket, r)).toEqual([r, b]);
    expect(basket).toEqual([a, b]);
  });

  it('property: toggling twice gives the basket back; keys stay unique', () => {
    const change = fc.record({
      op: fc.constantFrom('add' as const, 'remove' as const),
      memberId: fc.constantFrom('antoine', 'liou'),
      activityId: fc.constantFrom('matin', 'am'),
      date: fc.constantFrom('2026-04-20', '2026-04-21', '2026-04-22'),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), change, (clicks, extra) => {
        const basket = clicks.reduce(toggleChange, [] as BookingChange[]);
        const keys = basket.map(basketKey);
        expect(new Set(keys).size).toBe(keys.length);
        if (!keys.includes(basketKey(extra))) {
          expect(toggleChange(toggleChange(basket, extra), extra)).toEqual(basket);
        }
      }),
    );
  });
});

describe('accountInDebit', () => {
  it('is true as soon as one wallet is below zero (seed 004: -46,05 €)', () => {
    expect(accountInDebit([{ balance: 0 }, { balance: -4605 }])).toBe(true);
    expect(accountInDebit([{ balance: 0 }, { balance: 4605 }])).toBe(false);
    expect(accountInDebit([])).toBe(false);
  });
});

describe('buildRecap', () => {
  // Seed 004's "Récapitulatif de vos demandes".
  const changes = [
    add('antoine', 'journee', '2026-04-25'),
    add('antoine', 'matin', '2026-04-26'),
    add('antoine', 'matin', '2026-04-20'),
    remove('antoine', 'am', '2026-04-18'),
  ];

  it('prices the seed 004 basket: 22,80 € of reservations and 4,75 € of cancellations', () => {
    const recap = buildRecap({ changes, activities });
    expect(recap.totals).toEqual({ additions: 2280, cancellations: 475, net: 1805 });
    expect(recap.additions.map((l) => [l.date, l.activityName, l.unitPrice, l.quantity, l.total])).toEqual([
      ['2026-04-25', 'ALSH 3-6 ans Journée', 665, 2, 1330],
      ['2026-04-26', 'ALSH 3-6 ans Matin', 475, 1, 475],
      ['2026-04-20', 'ALSH 3-6 ans Matin', 475, 1, 475],
    ]);
    expect(recap.cancellations).toEqual([
      {
        memberId: 'antoine',
        activityId: 'am',
        activityName: 'ALSH 3-6 ans Après Midi',
        date: '2026-04-18',
        startTime: '12:00',
        endTime: '17:30',
        unitPrice: 475,
        quantity: 1,
        supplements: [],
        total: 475,
      },
    ]);
  });

  it('adds supplement prices to the line', () => {
    const recap = buildRecap({ changes: [add('antoine', 'journee', '2026-04-25', ['piscine'])], activities });
    expect(recap.additions[0]?.supplements).toEqual([{ id: 'piscine', name: 'Piscine', unitPrice: 300 }]);
    expect(recap.additions[0]?.total).toBe(1630);
  });

  it('prices a cancellation as it was booked when the reservation is known', () => {
    const s = slot('journee', '2026-04-18');
    const booked = reservation(s, 'antoine', { unitPrice: 600, quantity: 2, supplementIds: ['piscine'] });
    const gone = reservation(s, 'antoine', { id: 'old', status: 'cancelled', unitPrice: 1 });
    const recap = buildRecap({
      changes: [remove('antoine', 'journee', s.date)],
      activities,
      reservations: [gone, booked],
    });
    expect(recap.cancellations[0]?.total).toBe(1500);
    expect(recap.totals.net).toBe(-1500);
  });

  it('throws on an unknown activity or supplement', () => {
    expect(() => buildRecap({ changes: [add('antoine', 'cirque', '2026-04-25')], activities })).toThrow(
      RangeError,
    );
    expect(() =>
      buildRecap({ changes: [add('antoine', 'matin', '2026-04-25', ['piscine'])], activities }),
    ).toThrow(/supplement/);
  });

  it('property: totals are the sums of the lines and net is their difference', () => {
    const change = fc.record({
      op: fc.constantFrom('add' as const, 'remove' as const),
      memberId: fc.constantFrom('antoine', 'liou'),
      activityId: fc.constantFrom(...activities.map((a) => a.id)),
      date: fc.constantFrom('2026-04-20', '2026-04-21'),
      piscine: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (cs) => {
        const changes = cs.map(({ piscine: p, ...c }) =>
          p && c.activityId === 'journee' ? { ...c, supplementIds: ['piscine'] } : c,
        );
        const { additions, cancellations, totals } = buildRecap({ changes, activities });
        const sum = (lines: typeof additions) => lines.reduce((s, l) => s + l.total, 0);
        expect(additions.length + cancellations.length).toBe(changes.length);
        expect(totals.additions).toBe(sum(additions));
        expect(totals.cancellations).toBe(sum(cancellations));
        expect(totals.net).toBe(totals.additions - totals.cancellations);
        for (const l of [...additions, ...cancellations]) {
          expect(Number.isInteger(l.total)).toBe(true);
          expect(l.total).toBe(l.unitPrice * l.quantity + l.supplements.reduce((s, x) => s + x.unitPrice, 0));
        }
      }),
    );
  });
});

describe('checkLine', () => {
  const s20 = slot('matin', '2026-04-20');
  const base: LineCheckInput = {
    change: add('antoine', 'matin', '2026-04-20'),
    member: antoine,
    activity: matin,
    activities,
    slot: s20,
    reservations: [],
    accountInDebit: false,
    now,
  };
  const check = (overrides: Partial<LineCheckInput>) => checkLine({ ...base, ...overrides });
  const removal = { change: remove('antoine', 'matin', '2026-04-20') };
  const mine = reservation(s20, 'antoine');

  it('accepts while seats are left, then waitlists at waiting + 1, then refuses as full', () => {
    expect(check({})).toEqual({ ok: true, outcome: 'accepted' });
    expect(check({ slot: { ...s20, booked: 10, waiting: 2 } })).toEqual({
      ok: true,
      outcome: 'waitlisted',
      position: 3,
    });
    expect(check({ slot: { ...s20, booked: 10, waiting: 5 } })).toEqual({ ok: false, reason: 'full' });
  });

  it('refuses adds and removes alike when the account is in debit, before anything else', () => {
    expect(check({ accountInDebit: true, slot: undefined })).toEqual({
      ok: false,
      reason: 'account_in_debit',
    });
    expect(check({ ...removal, accountInDebit: true, reservations: [mine] })).toEqual({
      ok: false,
      reason: 'account_in_debit',
    });
  });

  it('refuses as closed without a slot or before opening, and after the deadline', () => {
    expect(check({ slot: undefined })).toEqual({ ok: false, reason: 'closed' });
    expect(check({ now: new Date('2026-02-28T00:00:00Z'), member: liou })).toEqual({
      ok: false,
      reason: 'closed',
    });
    expect(check({ now: new Date('2026-04-18T10:00:00Z'), member: liou })).toEqual({
      ok: false,
      reason: 'deadline_passed',
    });
    expect(check({ ...removal, now: new Date('2026-04-18T10:00:00Z'), reservations: [mine] })).toEqual({
      ok: false,
      reason: 'deadline_passed',
    });
  });

  it('refuses a member outside the age range', () => {
    expect(check({ change: add('liou', 'matin', '2026-04-20'), member: liou })).toEqual({
      ok: false,
      reason: 'not_eligible',
    });
  });

  it('refuses a second request for a day already booked or waited for', () => {
    expect(check({ reservations: [mine] })).toEqual({ ok: false, reason: 'already_booked' });
    const waitingOne = reservation(s20, 'antoine', { status: 'waitlisted', waitPosition: 1 });
    expect(check({ reservations: [waitingOne] })).toEqual({ ok: false, reason: 'already_booked' });
    const cancelled = reservation(s20, 'antoine', { status: 'cancelled' });
    expect(check({ reservations: [cancelled] })).toEqual({ ok: true, outcome: 'accepted' });
  });

  it('refuses a day already taken by an activity of the same group, for that member only', () => {
    const journee20 = reservation(slot('journee', '2026-04-20'), 'antoine');
    expect(check({ reservations: [journee20] })).toEqual({ ok: false, reason: 'same_day_conflict' });
    const waitingAm = reservation(slot('am', '2026-04-20'), 'antoine', { status: 'waitlisted' });
    expect(check({ reservations: [waitingAm] })).toEqual({ ok: false, reason: 'same_day_conflict' });
    for (const other of [
      reservation(slot('journee', '2026-04-20'), 'liou'),
      reservation(slot('journee', '2026-04-21'), 'antoine'),
      reservation(slot('journee', '2026-04-20'), 'antoine', { status: 'cancelled' }),
      reservation(slot('garderie', '2026-04-20'), 'antoine'),
    ]) {
      expect(check({ reservations: [other] })).toEqual({ ok: true, outcome: 'accepted' });
    }
    // An activity without a group conflicts with nothing.
    const garderie20 = slot('garderie', '2026-04-20');
    expect(
      check({
        change: add('antoine', 'garderie', '2026-04-20'),
        activity: garderie,
        slot: garderie20,
        reservations: [journee20],
      }),
    ).toEqual({ ok: true, outcome: 'accepted' });
  });

  it('cancels a booked or waited-for day, and refuses to cancel a day not booked', () => {
    expect(check({ ...removal, reservations: [mine] })).toEqual({ ok: true, outcome: 'cancelled' });
    expect(
      check({ ...removal, reservations: [reservation(s20, 'antoine', { status: 'waitlisted' })] }),
    ).toEqual({
      ok: true,
      outcome: 'cancelled',
    });
    expect(check({ ...removal, reservations: [reservation(s20, 'liou')] })).toEqual({
      ok: false,
      reason: 'not_booked',
    });
  });

  it('lets a member no longer eligible give a place back', () => {
    const liouBooked = reservation(s20, 'liou');
    expect(
      check({ change: remove('liou', 'matin', '2026-04-20'), member: liou, reservations: [liouBooked] }),
    ).toEqual({ ok: true, outcome: 'cancelled' });
  });
});

describe('previewOutcomes', () => {
  const base = { members, activities, reservations: [] as Reservation[], accountInDebit: false, now };
  // Two 3-6 children in the family for the last-seat race.
  const jules: Member = { ...antoine, id: 'jules', firstName: 'Jules', birthDate: '2022-01-15' };

  it('gives the last seat to the first line and waitlists the second', () => {
    const s = slot('matin', '2026-04-20', { booked: 9, waiting: 1 });
    const lines = previewOutcomes({
      ...base,
      members: [...members, jules],
      slots: [s],
      changes: [add('antoine', 'matin', s.date), add('jules', 'matin', s.date)],
    });
    expect(lines).toEqual([
      { change: add('antoine', 'matin', s.date), outcome: 'accepted' },
      { change: add('jules', 'matin', s.date), outcome: 'waitlisted', position: 2 },
    ]);
  });

  it('sees the reservations earlier lines made: a second add is already booked, a conflict is found', () => {
    const s = slot('matin', '2026-04-20');
    const lines = previewOutcomes({
      ...base,
      slots: [s, slot('am', '2026-04-20')],
      changes: [
        add('antoine', 'matin', s.date),
        add('antoine', 'matin', s.date),
        add('antoine', 'am', s.date),
      ],
    });
    expect(lines.map((l) => l.reason ?? l.outcome)).toEqual([
      'accepted',
      'already_booked',
      'same_day_conflict',
    ]);
  });

  it('lets a cancellation free a seat for a later line, unless someone is waiting', () => {
    const full = slot('matin', '2026-04-20', { booked: 10 });
    const mine = reservation(full, 'antoine');
    const swap = [remove('antoine', 'matin', full.date), add('jules', 'matin', full.date)];
    const outcomes = (s: Slot) =>
      previewOutcomes({
        ...base,
        members: [...members, jules],
        slots: [s],
        reservations: [mine],
        changes: swap,
      }).map((l) => l.outcome);
    expect(outcomes(full)).toEqual(['cancelled', 'accepted']);
    // The freed seat is promoted to the first waiting entry at once; Jules waits behind the others.
    expect(outcomes({ ...full, waiting: 2 })).toEqual(['cancelled', 'waitlisted']);
  });

  it('shortens the waiting list when a waiting entry is cancelled', () => {
    const s = slot('matin', '2026-04-20', { booked: 10, waiting: 5 });
    const waitingOne = reservation(s, 'antoine', { status: 'waitlisted', waitPosition: 5 });
    const lines = previewOutcomes({
      ...base,
      members: [...members, jules],
      slots: [s],
      reservations: [waitingOne],
      changes: [
        remove('antoine', 'matin', s.date),
        add('jules', 'matin', s.date),
        add('antoine', 'matin', s.date),
      ],
    });
    expect(lines.map((l) => [l.outcome, l.position ?? l.reason])).toEqual([
      ['cancelled', undefined],
      ['waitlisted', 5],
      ['refused', 'full'],
    ]);
  });

  it("promotes the account's own first waiting entry, and moves the others up", () => {
    // Found by the property below: Jules waits first, Antoine gives his seat back, then Jules cancels.
    const s = slot('matin', '2026-04-20', { booked: 10, waiting: 2 });
    const antoineBooked = reservation(s, 'antoine');
    const julesWaiting = reservation(s, 'jules', { status: 'waitlisted', waitPosition: 1 });
    const liouWaiting = reservation(s, 'liou', { status: 'waitlisted', waitPosition: 2 });
    const lines = previewOutcomes({
      ...base,
      members: [...members, jules],
      slots: [s],
      reservations: [antoineBooked, julesWaiting, liouWaiting],
      changes: [
        remove('antoine', 'matin', s.date),
        remove('jules', 'matin', s.date), // now holds the seat: cancelling frees it for Liou
        remove('liou', 'matin', s.date), // now accepted: the seat is free again
        add('antoine', 'matin', s.date),
        add('jules', 'matin', s.date),
      ],
    });
    expect(lines.map((l) => [l.outcome, l.position])).toEqual([
      ['cancelled', undefined],
      ['cancelled', undefined],
      ['cancelled', undefined],
      ['accepted', undefined],
      ['waitlisted', 1],
    ]);
  });

  it('refuses every line of a family in debit and a day without a slot', () => {
    const changes = [add('antoine', 'matin', '2026-04-20')];
    expect(previewOutcomes({ ...base, slots: [], changes })[0]).toEqual({
      change: changes[0],
      outcome: 'refused',
      reason: 'closed',
    });
    const s = slot('matin', '2026-04-20');
    expect(previewOutcomes({ ...base, accountInDebit: true, slots: [s], changes })[0]?.reason).toBe(
      'account_in_debit',
    );
  });

  it('throws on an unknown member or activity', () => {
    expect(() =>
      previewOutcomes({ ...base, slots: [], changes: [add('nobody', 'matin', '2026-04-20')] }),
    ).toThrow(RangeError);
    expect(() =>
      previewOutcomes({ ...base, slots: [], changes: [add('antoine', 'cirque', '2026-04-20')] }),
    ).toThrow(RangeError);
  });

  it('property: accepted lines never take more seats than are free or freed', () => {
    const kids = Array.from({ length: 6 }, (_, i): Member => ({ ...antoine, id: `kid${i}` }));
    const input = fc.record({
      capacity: fc.nat(5),
      booked: fc.nat(5),
      waitingCapacity: fc.nat(3),
      waiting: fc.nat(3),
      // What each kid holds already; waiting kids queue behind `othersAhead` other families.
      holds: fc.array(fc.constantFrom('none', 'accepted', 'waitlisted'), { minLength: 6, maxLength: 6 }),
      othersAhead: fc.nat(2),
      changes: fc.array(
        fc.record({ op: fc.constantFrom('add' as const, 'remove' as const), kid: fc.nat(5) }),
        {
          maxLength: 20,
        },
      ),
    });
    fc.assert(
      fc.property(input, ({ capacity, booked, waitingCapacity, waiting, holds, othersAhead, changes }) => {
        const seated = holds.filter((h) => h === 'accepted').length;
        const queued = holds.filter((h) => h === 'waitlisted').length;
        const cap = Math.max(capacity, seated);
        const inLine = Math.max(waiting, othersAhead + queued);
        const s = slot('matin', '2026-04-20', {
          capacity: cap,
          booked: Math.min(cap, Math.max(booked, seated)),
          waitingCapacity: Math.max(waitingCapacity, inLine),
          waiting: inLine,
        });
        let position = othersAhead;
        const reservations = holds.flatMap((h, i) => {
          if (h === 'none') return [];
          if (h === 'accepted') return [reservation(s, `kid${i}`)];
          position += 1;
          return [reservation(s, `kid${i}`, { status: 'waitlisted', waitPosition: position })];
        });
        const lines = previewOutcomes({
          ...base,
          members: kids,
          slots: [s],
          reservations,
          changes: changes.map(({ op, kid }) => ({
            op,
            memberId: `kid${kid}`,
            activityId: 'matin',
            date: s.date,
          })),
        });
        // A model of the server that sees every family: the seats taken and the whole waiting line.
        let taken = s.booked;
        const seatedKids = new Set(
          reservations.filter((r) => r.status === 'accepted').map((r) => r.memberId),
        );
        const line = [
          ...Array.from({ length: othersAhead }, (_, i) => `other${i}`),
          ...reservations.filter((r) => r.status === 'waitlisted').map((r) => r.memberId),
          ...Array.from({ length: inLine - othersAhead - queued }, (_, i) => `behind${i}`),
        ];
        const expected = changes.map(({ op, kid }) => {
          const id = `kid${kid}`;
          if (op === 'remove') {
            if (seatedKids.delete(id)) {
              const head = line.shift();
              if (head === undefined) taken -= 1;
              else if (head.startsWith('kid')) seatedKids.add(head);
              return ['cancelled'];
            }
            if (line.includes(id)) {
              line.splice(line.indexOf(id), 1);
              return ['cancelled'];
            }
            return ['refused', 'not_booked'];
          }
          if (seatedKids.has(id) || line.includes(id)) return ['refused', 'already_booked'];
          if (taken < s.capacity) {
            taken += 1;
            seatedKids.add(id);
            return ['accepted'];
          }
          if (line.length < s.waitingCapacity) return ['waitlisted', line.push(id)];
          return ['refused', 'full'];
        });
        expect(lines.map((l) => [l.outcome, l.reason ?? l.position].filter((x) => x !== undefined))).toEqual(
          expected,
        );
        expect(taken).toBeLessThanOrEqual(s.capacity);

        const count = (o: string) => lines.filter((l) => l.outcome === o).length;
        expect(lines).toHaveLength(changes.length);
        expect(count('accepted')).toBeLessThanOrEqual(s.capacity - s.booked + count('cancelled'));
        expect(count('waitlisted')).toBeLessThanOrEqual(s.waitingCapacity - s.waiting + count('cancelled'));
        for (const l of lines.filter((x) => x.outcome === 'waitlisted')) {
          expect(l.position).toBeGreaterThanOrEqual(1);
          expect(l.position).toBeLessThanOrEqual(s.waitingCapacity);
        }
      }),
      // Promotions need a few steps to go wrong: look harder than the default 100 runs.
      { numRuns: 1000 },
    );
  });
});
