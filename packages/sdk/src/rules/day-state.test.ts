import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activity, antoine, liou, reservation, slot } from '../../test/fixtures.js';
import type { Slot } from '../schemas/activity.js';
import { DAY_STATES } from '../schemas/calendar.js';
import type { Reservation } from '../schemas/reservation.js';
import { daysOfMonth } from './dates.js';
import { activeReservation, ageOn, dayState, isEligible, monthStates } from './day-state.js';

const matin = activity('alsh36-matin');
const apresMidi = activity('alsh36-am', { startTime: '12:00', endTime: '17:30' });

const now = new Date('2026-04-10T12:00:00Z');
const s20 = slot(matin.id, '2026-04-20');

describe('ageOn', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('2020-04-25', '2026-04-24')).toBe(5);
    expect(ageOn('2020-04-25', '2026-04-25')).toBe(6);
    expect(ageOn('2020-04-25', '2020-04-25')).toBe(0);
  });
  it('makes someone born on 29 February a year older on 1 March in a common year', () => {
    expect(ageOn('2020-02-29', '2027-02-28')).toBe(6);
    expect(ageOn('2020-02-29', '2027-03-01')).toBe(7);
    expect(ageOn('2020-02-29', '2028-02-29')).toBe(8);
  });
  it('refuses an impossible date', () => {
    expect(() => ageOn('2020-02-30', '2026-01-01')).toThrow(RangeError);
  });
  it('property: is the years between, less one before the birthday in the year', () => {
    const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(day, day, (birth, on) => {
        const [b, d] = [birth, on].map((x) => x.toISOString().slice(0, 10)) as [string, string];
        const [by, bm, bd] = b.split('-').map(Number) as [number, number, number];
        const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
        expect(ageOn(b, d)).toBe(m < bm || (m === bm && dd < bd) ? y - by - 1 : y - by);
      }),
    );
  });
});

describe('isEligible', () => {
  it('includes both ends of the age range', () => {
    expect(isEligible({ birthDate: '2023-04-20' }, matin, '2026-04-20')).toBe(true); // 3 today
    expect(isEligible({ birthDate: '2023-04-21' }, matin, '2026-04-20')).toBe(false); // 3 tomorrow
    expect(isEligible({ birthDate: '2019-04-21' }, matin, '2026-04-20')).toBe(true); // 6, 7 tomorrow
    expect(isEligible({ birthDate: '2019-04-20' }, matin, '2026-04-20')).toBe(false); // 7 today
  });
  it('takes an unknown birth date or an absent bound as no restriction', () => {
    expect(isEligible({ birthDate: null }, matin, '2026-04-20')).toBe(true);
    const open = activity('open', { eligibility: {} });
    expect(isEligible({ birthDate: '1950-01-01' }, open, '2026-04-20')).toBe(true);
    const adults = activity('adults', { eligibility: { minAge: 18 } });
    expect(isEligible(liou, adults, '2026-04-20')).toBe(false);
  });
});

describe('activeReservation', () => {
  it('finds the accepted or waitlisted reservation of that member on that slot only', () => {
    const mine = reservation(s20, antoine.id);
    const rs = [
      reservation(s20, liou.id),
      reservation(s20, antoine.id, { id: 'old', status: 'cancelled' }),
      mine,
    ];
    expect(activeReservation(antoine.id, s20.id, rs)).toBe(mine);
    expect(activeReservation(antoine.id, 'other-slot', rs)).toBeUndefined();
    expect(activeReservation(antoine.id, s20.id, [rs[1]!])).toBeUndefined();
  });
});

describe('dayState (seed 004 colour code)', () => {
  const state = (s: Slot | undefined, reservations: Reservation[] = [], at = now, member = antoine) =>
    dayState({ member, activity: matin, slot: s, reservations, now: at });

  it('is closed (beige) without a slot', () => {
    expect(state(undefined)).toEqual({ state: 'closed', waitPosition: null, placesLeft: null });
  });

  it('is closed before bookings open and open (green) from that instant', () => {
    const s = slot(matin.id, '2026-04-20', { opensAt: '2026-04-10T12:00:00Z', booked: 3 });
    expect(state(s, [], new Date('2026-04-10T11:59:59Z'))).toEqual({
      state: 'closed',
      waitPosition: null,
      placesLeft: 7,
    });
    expect(state(s)).toEqual({ state: 'open', waitPosition: null, placesLeft: 7 });
  });

  it('is closed from the deadline on for a member without a booking', () => {
    expect(state(s20, [], new Date('2026-04-18T09:59:59Z')).state).toBe('open');
    expect(state(s20, [], new Date('2026-04-18T10:00:00Z')).state).toBe('closed');
  });

  it('is booked (orange) until the deadline, then locked (red)', () => {
    const rs = [reservation(s20, antoine.id)];
    expect(state(s20, rs).state).toBe('booked');
    expect(state(s20, rs, new Date('2026-04-18T10:00:00Z')).state).toBe('locked');
  });

  it('offers the waiting list when full (green variant), and is full when both are', () => {
    expect(state({ ...s20, booked: 10, waiting: 4 })).toEqual({
      state: 'waitlist',
      waitPosition: null,
      placesLeft: 0,
    });
    expect(state({ ...s20, booked: 10, waiting: 5 })).toEqual({
      state: 'full',
      waitPosition: null,
      placesLeft: 0,
    });
    expect(state({ ...s20, booked: 10, waitingCapacity: 0 }).state).toBe('full');
  });

  it('shows the member on the waiting list with its position', () => {
    const rs = [reservation(s20, antoine.id, { status: 'waitlisted', waitPosition: 2 })];
    expect(state({ ...s20, booked: 10, waiting: 3 }, rs)).toEqual({
      state: 'waitlisted',
      waitPosition: 2,
      placesLeft: 0,
    });
  });

  it('ignores cancelled and refused reservations and other members', () => {
    const rs = [
      reservation(s20, antoine.id, { status: 'cancelled' }),
      reservation(s20, antoine.id, { id: 'r2', status: 'refused', refusalReason: 'full' }),
      reservation(s20, liou.id),
    ];
    expect(state(s20, rs).state).toBe('open');
  });

  it('is closed for a member outside the age range, but still shows a booking made for them', () => {
    expect(state(s20, [], now, liou).state).toBe('closed');
    expect(state(s20, [reservation(s20, liou.id)], now, liou).state).toBe('booked');
  });
});

describe('monthStates', () => {
  const activities = [matin, apresMidi];

  it('gives one day per date and activity, date first, with the booked supplements', () => {
    const s20am = slot(apresMidi.id, '2026-04-20', { booked: 10, waiting: 1 });
    const days = monthStates({
      member: antoine,
      activities,
      slots: [s20, s20am, slot(matin.id, '2026-05-04')],
      reservations: [reservation(s20, antoine.id, { supplementIds: ['piscine'] })],
      month: '2026-04',
      now,
    });
    expect(days).toHaveLength(60);
    expect(days.slice(0, 2).map((d) => [d.date, d.activityId])).toEqual([
      ['2026-04-01', matin.id],
      ['2026-04-01', apresMidi.id],
    ]);
    expect(days.filter((d) => d.date === '2026-04-20')).toEqual([
      {
        date: '2026-04-20',
        activityId: matin.id,
        state: 'booked',
        slotId: s20.id,
        placesLeft: 10,
        waitPosition: null,
        supplementIds: ['piscine'],
      },
      {
        date: '2026-04-20',
        activityId: apresMidi.id,
        state: 'waitlist',
        slotId: s20am.id,
        placesLeft: 0,
        waitPosition: null,
        supplementIds: [],
      },
    ]);
    expect(days.filter((d) => d.state !== 'closed')).toHaveLength(2);
    expect(days.find((d) => d.date === '2026-04-21')?.slotId).toBeNull();
  });

  it('property: each day is what dayState says of it, ages, bounds and reservations drawn at random', () => {
    const input = fc.record({
      month: fc.integer({ min: 1, max: 12 }),
      birthDate: fc.option(
        fc.date({ min: new Date('2014-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }),
      ),
      bounds: fc.array(fc.record({ minAge: fc.option(fc.nat(12)), maxAge: fc.option(fc.nat(12)) }), {
        minLength: 1,
        maxLength: 3,
      }),
      slots: fc.array(
        fc.record({
          activity: fc.nat(2),
          day: fc.integer({ min: 1, max: 28 }),
          capacity: fc.nat(3),
          booked: fc.nat(4),
          waiting: fc.nat(2),
          opensIn: fc.integer({ min: -30, max: 30 }),
          closesIn: fc.integer({ min: -30, max: 30 }),
          mine: fc.constantFrom(undefined, 'accepted', 'waitlisted', 'cancelled', 'other member'),
        }),
        { maxLength: 30 },
      ),
      nowDay: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(input, ({ month, birthDate, bounds, slots, nowDay }) => {
        const iso = `2026-${String(month).padStart(2, '0')}`;
        const member = { ...antoine, birthDate: birthDate ? birthDate.toISOString().slice(0, 10) : null };
        const acts = bounds.map((b, i) =>
          activity(`a${i}`, {
            eligibility: {
              ...(b.minAge === null ? {} : { minAge: b.minAge }),
              ...(b.maxAge === null ? {} : { maxAge: b.maxAge }),
            },
          }),
        );
        const at = (day: number, shift: number) => {
          const d = new Date(`${iso}-01T09:00:00Z`);
          d.setUTCDate(day + shift);
          return d;
        };
        const generated = slots.map((s, i) =>
          slot(`a${s.activity}`, `${iso}-${String(s.day).padStart(2, '0')}`, {
            id: `s${i}`,
            capacity: s.capacity,
            booked: s.booked,
            waiting: s.waiting,
            opensAt: at(s.day, s.opensIn).toISOString(),
            deadline: at(s.day, s.closesIn).toISOString(),
          }),
        );
        const reservations = slots.flatMap((s, i) =>
          s.mine === undefined
            ? []
            : [
                reservation(generated[i]!, s.mine === 'other member' ? liou.id : member.id, {
                  status: s.mine === 'other member' ? 'accepted' : s.mine,
                  waitPosition: s.mine === 'waitlisted' ? i + 1 : null,
                  supplementIds: [`sup${i}`],
                }),
              ],
        );
        const now = at(nowDay, 0);
        const days = monthStates({
          member,
          activities: acts,
          slots: generated,
          reservations,
          month: iso,
          now,
        });
        for (const day of days) {
          const act = acts.find((a) => a.id === day.activityId)!;
          // The last slot drawn for a day wins, as a Map keyed by day would keep it.
          const daySlot = generated.findLast((s) => s.activityId === act.id && s.date === day.date);
          const expected = dayState({ member, activity: act, slot: daySlot, reservations, now });
          expect({ state: day.state, waitPosition: day.waitPosition, placesLeft: day.placesLeft }).toEqual(
            expected,
          );
          expect(day.slotId).toBe(daySlot?.id ?? null);
          const mine = daySlot && activeReservation(member.id, daySlot.id, reservations);
          expect(day.supplementIds).toEqual(mine?.supplementIds ?? []);
        }
      }),
    );
  });

  it('property: a month always has exactly one state per day per activity', () => {
    const input = fc.record({
      year: fc.integer({ min: 1990, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      activityCount: fc.integer({ min: 0, max: 4 }),
      slots: fc.array(
        fc.record({
          activity: fc.nat(3),
          day: fc.integer({ min: 1, max: 31 }),
          capacity: fc.nat(5),
          booked: fc.nat(6),
          waiting: fc.nat(3),
        }),
        { maxLength: 40 },
      ),
      nowOffsetDays: fc.integer({ min: -40, max: 40 }),
    });
    fc.assert(
      fc.property(input, ({ year, month, activityCount, slots, nowOffsetDays }) => {
        const iso = `${year}-${String(month).padStart(2, '0')}`;
        const dates = daysOfMonth(iso);
        const acts = Array.from({ length: activityCount }, (_, i) => activity(`a${i}`));
        const generated = slots
          .filter((s) => s.day <= dates.length)
          .map((s, i) =>
            slot(`a${s.activity}`, dates[s.day - 1]!, {
              id: `s${i}`,
              capacity: s.capacity,
              booked: s.booked,
              waiting: s.waiting,
              opensAt: `${year - 1}-01-01T00:00:00Z`,
            }),
          );
        const at = new Date(`${dates[14]}T12:00:00Z`);
        at.setUTCDate(at.getUTCDate() + nowOffsetDays);
        const days = monthStates({
          member: antoine,
          activities: acts,
          slots: generated,
          reservations: [],
          month: iso,
          now: at,
        });
        expect(days).toHaveLength(dates.length * acts.length);
        days.forEach((d, i) => {
          expect(d.date).toBe(dates[Math.floor(i / acts.length)]);
          expect(d.activityId).toBe(acts[i % acts.length]!.id);
          expect(DAY_STATES).toContain(d.state);
          expect(d.placesLeft === null || d.placesLeft >= 0).toBe(true);
        });
      }),
    );
  });
});
