import type { Member } from '../schemas/account.js';
import type { Activity, Slot } from '../schemas/activity.js';
import type { BookingChange, LineOutcome, Recap, RecapLine } from '../schemas/booking.js';
import type { IsoDate } from '../schemas/common.js';
import type { RefusalReason, Reservation } from '../schemas/reservation.js';
import { activeReservation, isEligible } from './day-state.js';

/**
 * The key of a basket entry: one member, one activity, one date. A basket holds at most one
 * change per key.
 * @example
 * basketKey({ op: 'add', memberId: 'antoine', activityId: 'alsh36-matin', date: '2026-04-20' })
 * // 'antoine:alsh36-matin:2026-04-20'
 */
export function basketKey(change: Pick<BookingChange, 'memberId' | 'activityId' | 'date'>): string {
  // Ids never contain ':' (IdSchema), so the key is unambiguous.
  return `${change.memberId}:${change.activityId}:${change.date}`;
}

/**
 * The basket after a click on a day: the same change again takes it out (the day goes back to
 * its state); a change of the other op on the same key replaces it in place; a new key is appended.
 * Returns a new array; `basket` is not modified.
 * @example
 * const add = { op: 'add', memberId: 'antoine', activityId: 'alsh36-matin', date: '2026-04-20' } as const;
 * toggleChange([], add) // [add]
 * toggleChange([add], add) // []
 */
export function toggleChange(basket: readonly BookingChange[], change: BookingChange): BookingChange[] {
  const key = basketKey(change);
  const index = basket.findIndex((c) => basketKey(c) === key);
  if (index === -1) return [...basket, change];
  if (basket[index]?.op === change.op) return basket.filter((_, i) => i !== index);
  return basket.map((c, i) => (i === index ? change : c));
}

/**
 * Whether an account is in debit: one of its wallets is below zero. Such a family still sees
 * everything but cannot send booking requests.
 * @example
 * accountInDebit([{ balance: 4605 }, { balance: -1 }]) // true
 * accountInDebit([{ balance: 0 }]) // false
 */
export function accountInDebit(wallets: readonly { balance: number }[]): boolean {
  return wallets.some((w) => w.balance < 0);
}

export interface RecapInput {
  changes: readonly BookingChange[];
  /** Activities the changes refer to (each change's activity must be here). */
  activities: readonly Activity[];
  /**
   * The account's reservations: a cancellation is then priced as it was booked (its unit price,
   * quantity and supplements), not at today's price.
   */
  reservations?: readonly Reservation[];
}

function findActivity(activities: readonly Activity[], id: string): Activity {
  const activity = activities.find((a) => a.id === id);
  if (!activity) throw new RangeError(`Unknown activity: ${id}`);
  return activity;
}

function recapLine(
  activity: Activity,
  change: BookingChange,
  unitPrice: number,
  quantity: number,
  supplementIds: readonly string[],
): RecapLine {
  const supplements = supplementIds.map((id) => {
    const supplement = activity.supplements.find((s) => s.id === id);
    if (!supplement) throw new RangeError(`Unknown supplement ${id} for activity ${activity.id}`);
    return { id, name: supplement.name, unitPrice: supplement.unitPrice };
  });
  return {
    memberId: change.memberId,
    activityId: activity.id,
    activityName: activity.name,
    date: change.date,
    startTime: activity.startTime,
    endTime: activity.endTime,
    unitPrice,
    quantity,
    supplements,
    total: unitPrice * quantity + supplements.reduce((sum, s) => sum + s.unitPrice, 0),
  };
}

function sumTotals(lines: readonly RecapLine[]): number {
  return lines.reduce((sum, line) => sum + line.total, 0);
}

/**
 * The recap (récapitulatif) of a basket, in basket order: new reservations and cancellations,
 * each line `unitPrice × quantity + supplements`, and the totals. All amounts in cents.
 * Throws a RangeError for an activity or supplement it does not know.
 * @example
 * // Seed 004: ALSH 3-6 ans Journée (6,65 € × 2) on 25/04, Matin (4,75 €) on 26/04 and 20/04,
 * // and the Après Midi of 18/04 cancelled.
 * buildRecap({ changes, activities }).totals
 * // { additions: 2280, cancellations: 475, net: 1805 }
 */
export function buildRecap({ changes, activities, reservations = [] }: RecapInput): Recap {
  const additions: RecapLine[] = [];
  const cancellations: RecapLine[] = [];
  for (const change of changes) {
    const activity = findActivity(activities, change.activityId);
    if (change.op === 'add') {
      additions.push(
        recapLine(activity, change, activity.unitPrice, activity.quantity, change.supplementIds ?? []),
      );
      continue;
    }
    const booked = reservations.find(
      (r) =>
        r.memberId === change.memberId &&
        r.activityId === change.activityId &&
        r.date === change.date &&
        (r.status === 'accepted' || r.status === 'waitlisted'),
    );
    cancellations.push(
      booked
        ? recapLine(activity, change, booked.unitPrice, booked.quantity, booked.supplementIds)
        : recapLine(activity, change, activity.unitPrice, activity.quantity, change.supplementIds ?? []),
    );
  }
  const totals = { additions: sumTotals(additions), cancellations: sumTotals(cancellations) };
  return { additions, cancellations, totals: { ...totals, net: totals.additions - totals.cancellations } };
}

export interface LineCheckInput {
  change: BookingChange;
  member: Member;
  activity: Activity;
  /**
   * The structure's activities, to know the conflict group of the member's other reservations
   * that day (a reservation carries only its activity id).
   */
  activities: readonly Activity[];
  /** The activity's slot on `change.date`, or undefined when it does not run that day. */
  slot: Slot | undefined;
  /** Reservations of the account, all members. */
  reservations: readonly Reservation[];
  accountInDebit: boolean;
  now: Date;
}

/** What a line would become: taken (with its waiting position) or refused with a reason. */
export type LineCheck =
  | { ok: true; outcome: 'accepted' | 'waitlisted' | 'cancelled'; position?: number }
  | { ok: false; reason: RefusalReason };

function sameDayConflict(input: LineCheckInput): boolean {
  const { change, member, activity, activities, reservations } = input;
  if (activity.conflictGroup === null) return false;
  const groupOf = new Map(activities.map((a) => [a.id, a.conflictGroup]));
  return reservations.some(
    (r) =>
      r.memberId === member.id &&
      r.date === change.date &&
      r.activityId !== activity.id &&
      (r.status === 'accepted' || r.status === 'waitlisted') &&
      groupOf.get(r.activityId) === activity.conflictGroup,
  );
}

/**
 * Decides one basket line, checking in this order: account in debit (adds and removes alike),
 * closed (no slot, or before `opensAt`), deadline passed; then, for an add: not eligible,
 * already booked or waiting on that slot, same-day conflict (another activity of the same
 * non-null conflict group that day), and seats: a free seat is `accepted`, else a free waiting
 * place is `waitlisted` at position `waiting + 1`, else `full`. For a remove: `not_booked`
 * unless the member holds or waits for a place there, else `cancelled`.
 * Eligibility is not checked on a remove: a member may always give a place back.
 * @example
 * checkLine({ change: { op: 'add', ... }, member, activity, activities, slot: { ...slot, booked: 10, capacity: 10,
 *   waiting: 2, waitingCapacity: 5 }, reservations: [], accountInDebit: false, now })
 * // { ok: true, outcome: 'waitlisted', position: 3 }
 */
export function checkLine(input: LineCheckInput): LineCheck {
  const { change, member, activity, slot, reservations, now } = input;
  if (input.accountInDebit) return { ok: false, reason: 'account_in_debit' };
  if (slot === undefined || now.getTime() < Date.parse(slot.opensAt)) return { ok: false, reason: 'closed' };
  if (now.getTime() >= Date.parse(slot.deadline)) return { ok: false, reason: 'deadline_passed' };

  const mine = activeReservation(member.id, slot.id, reservations);
  if (change.op === 'remove')
    return mine ? { ok: true, outcome: 'cancelled' } : { ok: false, reason: 'not_booked' };

  if (!isEligible(member, activity, change.date)) return { ok: false, reason: 'not_eligible' };
  if (mine) return { ok: false, reason: 'already_booked' };
  if (sameDayConflict(input)) return { ok: false, reason: 'same_day_conflict' };
  if (slot.booked < slot.capacity) return { ok: true, outcome: 'accepted' };
  if (slot.waiting < slot.waitingCapacity)
    return { ok: true, outcome: 'waitlisted', position: slot.waiting + 1 };
  return { ok: false, reason: 'full' };
}

export interface PreviewInput {
  changes: readonly BookingChange[];
  /** Members of the account (each change's member must be here). */
  members: readonly Member[];
  activities: readonly Activity[];
  /** Slots the changes refer to; a change without a slot is refused as `closed`. */
  slots: readonly Slot[];
  /** Reservations of the account, all members. */
  reservations: readonly Reservation[];
  accountInDebit: boolean;
  now: Date;
}

function slotKey(activityId: string, date: IsoDate): string {
  return `${activityId}:${date}`;
}

/**
 * The account's waiting entries on a slot behind position `from` move up one place; one that
 * moves up from position 1 has been promoted (a list shortened from its head has `from` 0).
 */
function moveUp(reservations: Reservation[], slotId: string, from: number): Reservation[] {
  return reservations.map((r) => {
    if (
      r.slotId !== slotId ||
      r.status !== 'waitlisted' ||
      r.waitPosition === null ||
      r.waitPosition <= from
    ) {
      return r;
    }
    return r.waitPosition === 1
      ? { ...r, status: 'accepted', waitPosition: null }
      : { ...r, waitPosition: r.waitPosition - 1 };
  });
}

/**
 * The outcome each line of a basket would get if sent now (what a dry run shows), in basket
 * order. Lines are decided one after the other as the server does, each seeing the seats and
 * reservations the previous ones took or freed: two adds for the last seat give `accepted`
 * then `waitlisted`. A cancelled seat goes to the head of the waiting list when there is one,
 * as the server promotes at once; the account's own waiting entries (known by their
 * `waitPosition`) move up, and the head becomes accepted. Throws a RangeError for an unknown member or activity.
 * @example
 * // one seat left, two 3-6 children asked
 * previewOutcomes({ changes: [addAntoine, addJules], members, activities, slots, reservations: [],
 *   accountInDebit: false, now }).map((l) => l.outcome) // ['accepted', 'waitlisted']
 */
export function previewOutcomes(input: PreviewInput): LineOutcome[] {
  const { changes, members, activities, accountInDebit, now } = input;
  const slots = new Map(input.slots.map((s) => [slotKey(s.activityId, s.date), { ...s }]));
  let reservations = [...input.reservations];

  return changes.map((change, index): LineOutcome => {
    const member = members.find((m) => m.id === change.memberId);
    if (!member) throw new RangeError(`Unknown member: ${change.memberId}`);
    const activity = findActivity(activities, change.activityId);
    const slot = slots.get(slotKey(change.activityId, change.date));
    const check = checkLine({
      change,
      member,
      activity,
      activities,
      slot,
      reservations,
      accountInDebit,
      now,
    });
    if (!check.ok) return { change, outcome: 'refused', reason: check.reason };
    // checkLine only takes a line when there is a slot.
    const s = slot!;

    if (check.outcome === 'cancelled') {
      const mine = activeReservation(member.id, s.id, reservations)!;
      reservations = reservations.map((r) => (r === mine ? { ...r, status: 'cancelled' } : r));
      if (mine.status === 'waitlisted') {
        s.waiting -= 1;
        reservations = moveUp(reservations, s.id, mine.waitPosition ?? Number.POSITIVE_INFINITY);
      } else if (s.waiting > 0) {
        // The freed seat goes at once to the head of the waiting list: booked stays, the list shortens.
        s.waiting -= 1;
        reservations = moveUp(reservations, s.id, 0);
      } else {
        s.booked -= 1;
      }
      return { change, outcome: 'cancelled' };
    }

    const status = check.outcome;
    if (status === 'accepted') s.booked += 1;
    else s.waiting += 1;
    reservations.push({
      id: `preview-${index}`,
      accountId: member.accountId,
      memberId: member.id,
      activityId: activity.id,
      slotId: s.id,
      date: change.date,
      status,
      waitPosition: check.position ?? null,
      supplementIds: change.supplementIds ?? [],
      unitPrice: activity.unitPrice,
      quantity: activity.quantity,
      refusalReason: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      chargedAt: null,
    });
    return check.position === undefined
      ? { change, outcome: status }
      : { change, outcome: status, position: check.position };
  });
}
