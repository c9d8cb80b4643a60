// Fixtures of the rules' tests: seed 004's DUPONT family at an ALSH 3-6 ans leisure centre, April 2026.

import { addDaysIso } from '../src/rules/dates.js';
import type { Member } from '../src/schemas/account.js';
import type { Activity, Slot } from '../src/schemas/activity.js';
import type { Reservation } from '../src/schemas/reservation.js';

/** Antoine, 3-6 ans. */
export const antoine: Member = {
  id: 'antoine',
  accountId: 'dupont',
  firstName: 'Antoine',
  lastName: 'DUPONT',
  birthDate: '2021-06-10',
};
/** Liou, 6-12 ans. */
export const liou: Member = { ...antoine, id: 'liou', firstName: 'Liou', birthDate: '2017-03-02' };

/** An ALSH 3-6 ans morning at 4,75 €, unless `overrides` say otherwise. */
export function activity(id: string, overrides: Partial<Activity> = {}): Activity {
  return {
    id,
    structureId: 'cestas',
    name: `ALSH ${id}`,
    startTime: '09:00',
    endTime: '13:30',
    unitPrice: 475,
    quantity: 1,
    walletKindId: 'periscolaire',
    eligibility: { minAge: 3, maxAge: 6 },
    conflictGroup: 'alsh36',
    supplements: [],
    ...overrides,
  };
}

/** A slot open since 1 March with 10 seats and 5 waiting places; its deadline is two days before, at 10:00 UTC. */
export function slot(activityId: string, date: string, overrides: Partial<Slot> = {}): Slot {
  return {
    id: `${activityId}-${date}`,
    activityId,
    date,
    capacity: 10,
    waitingCapacity: 5,
    opensAt: '2026-03-01T08:00:00Z',
    deadline: `${addDaysIso(date, -2)}T10:00:00Z`,
    booked: 0,
    waiting: 0,
    ...overrides,
  };
}

/** An accepted reservation of `memberId` on `s`, booked on 2 March. */
export function reservation(s: Slot, memberId: string, overrides: Partial<Reservation> = {}): Reservation {
  return {
    id: `r-${memberId}-${s.id}`,
    accountId: 'dupont',
    memberId,
    activityId: s.activityId,
    slotId: s.id,
    date: s.date,
    status: 'accepted',
    waitPosition: null,
    supplementIds: [],
    unitPrice: 475,
    quantity: 1,
    refusalReason: null,
    createdAt: '2026-03-02T08:00:00Z',
    updatedAt: '2026-03-02T08:00:00Z',
    chargedAt: null,
    ...overrides,
  };
}
