import type { Slot } from '../schemas/activity.js';
import type { Reservation } from '../schemas/reservation.js';

/**
 * The waiting list of a slot is FIFO: first asked, first served. Ties on `createdAt`
 * (same instant) are broken by id so every process computes the same order.
 */

/**
 * The `waitlisted` reservations among `reservations` (give those of one slot), first served first:
 * by `createdAt`, then by id.
 * @example
 * waitingOrder([
 *   { id: 'b', status: 'waitlisted', createdAt: '2026-04-10T09:00:00Z', ... },
 *   { id: 'a', status: 'waitlisted', createdAt: '2026-04-10T09:00:00Z', ... },
 *   { id: 'c', status: 'accepted', ... },
 * ]).map((r) => r.id) // ['a', 'b']
 */
export function waitingOrder(reservations: readonly Reservation[]): Reservation[] {
  return reservations
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareIds(a.id, b.id));
}

// Code-unit order, not localeCompare: every runtime must agree on it.
function compareIds(a: string, b: string): number {
  return Number(a > b) - Number(a < b);
}

/**
 * The 1-based waiting-list position of every `waitlisted` reservation, counted within its own
 * slot; keyed by reservation id, in waiting order. The server stores them as `waitPosition`.
 * @example
 * positions(reservationsOfSlot) // Map { 'r-12' => 1, 'r-15' => 2 }
 */
export function positions(reservations: readonly Reservation[]): Map<string, number> {
  const result = new Map<string, number>();
  const countBySlot = new Map<string, number>();
  for (const r of waitingOrder(reservations)) {
    const position = (countBySlot.get(r.slotId) ?? 0) + 1;
    countBySlot.set(r.slotId, position);
    result.set(r.id, position);
  }
  return result;
}

export interface WaitlistInput {
  /** The slot with its counts as they are now (after the cancellation, for a promotion). */
  slot: Slot;
  /** Reservations of the slot; those of other slots are ignored. */
  reservations: readonly Reservation[];
  now: Date;
}

/**
 * The waiting entry a free seat goes to: the first in waiting order, provided the deadline has
 * not passed and the slot has a free seat (`booked < capacity`, counts taken after the
 * cancellation). Null when nobody is promoted. Call again while it returns someone.
 * @example
 * // a cancellation took booked from 10 to 9 on a slot of capacity 10
 * promotion({ slot: { ...slot, booked: 9, capacity: 10 }, reservations, now })?.id // 'r-12' (first waiting)
 */
export function promotion({ slot, reservations, now }: WaitlistInput): Reservation | null {
  if (now.getTime() >= Date.parse(slot.deadline) || slot.booked >= slot.capacity) return null;
  return waitingOrder(reservations.filter((r) => r.slotId === slot.id))[0] ?? null;
}

/**
 * The waiting entries to refuse because the slot's deadline has passed (all of them, in
 * waiting order), or none before the deadline.
 * @example
 * expiredWaiting({ slot, reservations, now: new Date('2026-04-24T10:00:00Z') }) // [] before the deadline
 */
export function expiredWaiting({ slot, reservations, now }: WaitlistInput): Reservation[] {
  if (now.getTime() < Date.parse(slot.deadline)) return [];
  return waitingOrder(reservations.filter((r) => r.slotId === slot.id));
}
