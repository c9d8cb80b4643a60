import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Slot } from '../schemas/activity.js';
import type { Reservation } from '../schemas/reservation.js';
import { expiredWaiting, positions, promotion, waitingOrder } from './waitlist.js';

// The Après Midi of 26/04 (seed 004): full, three families on the waiting list.
const slot: Slot = {
  id: 'am-0426',
  activityId: 'alsh36-am',
  date: '2026-04-26',
  capacity: 10,
  waitingCapacity: 5,
  opensAt: '2026-03-01T08:00:00Z',
  deadline: '2026-04-24T10:00:00Z',
  booked: 10,
  waiting: 3,
};

function waiting(id: string, createdAt: string, overrides: Partial<Reservation> = {}): Reservation {
  return {
    id,
    accountId: `acc-${id}`,
    memberId: `m-${id}`,
    activityId: slot.activityId,
    slotId: slot.id,
    date: slot.date,
    status: 'waitlisted',
    waitPosition: null,
    supplementIds: [],
    unitPrice: 475,
    quantity: 1,
    refusalReason: null,
    createdAt,
    updatedAt: createdAt,
    chargedAt: null,
    ...overrides,
  };
}

const first = waiting('r-b', '2026-04-10T09:00:00Z');
const tie = waiting('r-c', '2026-04-10T09:00:00Z');
// 11:30 in Paris is 09:30 UTC: after `tie`, even though the string sorts first.
const third = waiting('r-a', '2026-04-10T11:30:00+02:00');
const accepted = waiting('r-0', '2026-04-01T08:00:00Z', { status: 'accepted' });
const cancelled = waiting('r-1', '2026-04-01T08:00:00Z', { status: 'cancelled' });
const reservations = [third, accepted, tie, cancelled, first];
const before = new Date('2026-04-20T08:00:00Z');

describe('waitingOrder', () => {
  it('keeps waitlisted entries, first asked first, ties broken by id, comparing instants', () => {
    expect(waitingOrder(reservations).map((r) => r.id)).toEqual(['r-b', 'r-c', 'r-a']);
  });
  it('does not reorder its input', () => {
    const input = [third, first];
    waitingOrder(input);
    expect(input).toEqual([third, first]);
  });
});

describe('positions', () => {
  it('numbers waiting entries from 1 within each slot', () => {
    const other = waiting('r-z', '2026-04-09T09:00:00Z', { slotId: 'matin-0426' });
    expect([...positions([...reservations, other])]).toEqual([
      ['r-z', 1],
      ['r-b', 1],
      ['r-c', 2],
      ['r-a', 3],
    ]);
  });
});

describe('promotion', () => {
  it('gives a seat freed before the deadline to the first waiting entry', () => {
    expect(promotion({ slot: { ...slot, booked: 9 }, reservations, now: before })).toBe(first);
  });
  it('promotes nobody while the slot is still full, after the deadline, or with nobody waiting', () => {
    expect(promotion({ slot, reservations, now: before })).toBeNull();
    expect(
      promotion({ slot: { ...slot, booked: 9 }, reservations, now: new Date(slot.deadline) }),
    ).toBeNull();
    expect(promotion({ slot: { ...slot, booked: 9 }, reservations: [accepted], now: before })).toBeNull();
  });
  it('ignores entries of other slots', () => {
    const other = waiting('r-z', '2026-04-01T09:00:00Z', { slotId: 'matin-0426' });
    expect(promotion({ slot: { ...slot, booked: 9 }, reservations: [other, tie], now: before })).toBe(tie);
  });

  it('property: freed seats go to the waiting entries in FIFO order', () => {
    const entry = fc.record({
      id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
      minute: fc.nat(20),
      otherSlot: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 15 }), (entries) => {
        const all = entries.map((e) =>
          waiting(e.id, new Date(Date.UTC(2026, 3, 10, 9, e.minute)).toISOString(), {
            slotId: e.otherSlot ? 'other' : slot.id,
          }),
        );
        const expected = all
          .filter((r) => r.slotId === slot.id)
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1))
          .map((r) => r.id);
        // Free one seat at a time; the promoted entry takes it and leaves the list.
        let current = all;
        const promoted: string[] = [];
        for (
          let next = promotion({ slot: { ...slot, booked: 9 }, reservations: current, now: before });
          next;
        ) {
          promoted.push(next.id);
          current = current.map((r) => (r === next ? { ...r, status: 'accepted' } : r));
          next = promotion({ slot: { ...slot, booked: 9 }, reservations: current, now: before });
        }
        expect(promoted).toEqual(expected);
        const pos = positions(all.filter((r) => r.slotId === slot.id));
        expect(expected.map((id) => pos.get(id))).toEqual(expected.map((_, i) => i + 1));
      }),
    );
  });
});

describe('expiredWaiting', () => {
  it('refuses nothing before the deadline', () => {
    expect(expiredWaiting({ slot, reservations, now: before })).toEqual([]);
  });
  it('refuses every waiting entry of the slot from the deadline on, in waiting order', () => {
    const other = waiting('r-z', '2026-04-01T09:00:00Z', { slotId: 'matin-0426' });
    const expired = expiredWaiting({
      slot,
      reservations: [...reservations, other],
      now: new Date(slot.deadline),
    });
    expect(expired.map((r) => r.id)).toEqual(['r-b', 'r-c', 'r-a']);
  });
});
