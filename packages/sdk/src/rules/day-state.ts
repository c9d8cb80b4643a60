import type { Member } from '../schemas/account.js';
import type { Activity, Slot } from '../schemas/activity.js';
import type { CalendarDay, DayState } from '../schemas/calendar.js';
import type { IsoDate, IsoMonth } from '../schemas/common.js';
import type { Reservation } from '../schemas/reservation.js';
import { daysOfMonth, isoDateNumber } from './dates.js';

/**
 * Age in whole years on `date` of someone born on `birthDate` (both `YYYY-MM-DD`).
 * Someone born on 29 February turns a year older on 1 March in common years.
 * @example
 * ageOn('2020-04-25', '2026-04-24') // 5
 * ageOn('2020-04-25', '2026-04-25') // 6
 */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  // YYYYMMDD numbers, no Date: the years between them, less one until the birthday's month and
  // day (0229 comes after 0228 and before 0301).
  return Math.floor((isoDateNumber(date) - isoDateNumber(birthDate)) / 10000);
}

/**
 * Whether `member` may attend `activity` on `date`: age within the activity's bounds, both ends
 * included. A member without a known birth date is eligible (staff checks them at the desk).
 * @example
 * // ALSH 3-6 ans: { minAge: 3, maxAge: 6 }
 * isEligible({ birthDate: '2021-05-01' }, alsh36, '2026-04-25') // true (4 ans)
 * isEligible({ birthDate: '2024-05-01' }, alsh36, '2026-04-25') // false (1 an)
 * isEligible({ birthDate: null }, alsh36, '2026-04-25') // true
 */
export function isEligible(
  member: Pick<Member, 'birthDate'>,
  activity: Pick<Activity, 'eligibility'>,
  date: IsoDate,
): boolean {
  return member.birthDate === null || withinAges(ageOn(member.birthDate, date), activity);
}

function withinAges(
  age: number,
  { eligibility: { minAge, maxAge } }: Pick<Activity, 'eligibility'>,
): boolean {
  return (minAge === undefined || age >= minAge) && (maxAge === undefined || age <= maxAge);
}

/**
 * The member's reservation that holds or waits for a place on `slotId` (`accepted` or
 * `waitlisted`), if any. Cancelled and refused reservations hold nothing.
 * @example
 * activeReservation('antoine', 'slot-2026-04-25', reservations)?.status // 'accepted'
 */
export function activeReservation(
  memberId: string,
  slotId: string,
  reservations: readonly Reservation[],
): Reservation | undefined {
  return reservations.find(
    (r) =>
      r.memberId === memberId &&
      r.slotId === slotId &&
      (r.status === 'accepted' || r.status === 'waitlisted'),
  );
}

export interface DayStateInput {
  member: Member;
  activity: Activity;
  /** The activity's slot on that date; `undefined` when the activity does not run that day. */
  slot: Slot | undefined;
  /** Reservations that may concern this member (others are ignored). */
  reservations: readonly Reservation[];
  now: Date;
}

export interface DayStateResult {
  state: DayState;
  /** Position on the waiting list when `waitlisted`, else null. */
  waitPosition: number | null;
  /** Seats left when there is a slot, else null. */
  placesLeft: number | null;
}

/**
 * The state of one day of one activity for one member (seed 004's colour code).
 * The member's own reservation wins over the slot's availability: a booked day stays
 * `booked`/`locked` (and a waiting one `waitlisted`) even if the slot is not open or the
 * member is no longer eligible, so a family always sees what it will be billed for.
 * Otherwise: `closed` before `opensAt`, from the `deadline` on, or for an ineligible member;
 * then `open` while seats are left, `waitlist` while the waiting list has room, else `full`.
 * @example
 * dayState({ member, activity, slot: { ...slot, capacity: 10, booked: 10, waiting: 2, waitingCapacity: 5 },
 *   reservations: [], now }) // { state: 'waitlist', waitPosition: null, placesLeft: 0 }
 */
export function dayState({ member, activity, slot, reservations, now }: DayStateInput): DayStateResult {
  if (slot === undefined) return { state: 'closed', waitPosition: null, placesLeft: null };
  const mine = activeReservation(member.id, slot.id, reservations);
  return {
    state: slotState(slot, mine, now.getTime(), isEligible(member, activity, slot.date), Date.parse),
    waitPosition: mine?.status === 'waitlisted' ? mine.waitPosition : null,
    placesLeft: seatsLeft(slot),
  };
}

/**
 * `dayState`'s state on a day with a slot, given the member's live reservation of it, `now` in ms
 * and how to read an instant (`Date.parse`, or a memo of it).
 */
function slotState(
  slot: Slot,
  mine: Pick<Reservation, 'status'> | undefined,
  nowMs: number,
  eligible: boolean,
  instant: (iso: string) => number,
): DayState {
  const beforeDeadline = nowMs < instant(slot.deadline);
  if (mine?.status === 'accepted') return beforeDeadline ? 'booked' : 'locked';
  if (mine?.status === 'waitlisted') return 'waitlisted';
  if (!beforeDeadline || nowMs < instant(slot.opensAt) || !eligible) return 'closed';
  if (slot.booked < slot.capacity) return 'open';
  return slot.waiting < slot.waitingCapacity ? 'waitlist' : 'full';
}

const seatsLeft = (slot: Slot) => Math.max(0, slot.capacity - slot.booked);

/** What {@link monthStates} reads of a reservation (a whole {@link Reservation} will do). */
export type MonthReservation = Pick<
  Reservation,
  'memberId' | 'slotId' | 'status' | 'waitPosition' | 'supplementIds'
>;

export interface MonthStatesInput {
  member: Member;
  /** The activities shown, in display order. */
  activities: readonly Activity[];
  /** Slots of these activities; slots outside the month are ignored. */
  slots: readonly Slot[];
  reservations: readonly MonthReservation[];
  month: IsoMonth;
  now: Date;
}

/**
 * A member's month: exactly one {@link CalendarDay} per day of the month and per activity,
 * ordered by date, then by the order of `activities`. Days without a slot are `closed`.
 * @example
 * monthStates({ member, activities: [matin, apresMidi], slots, reservations, month: '2026-04', now })
 *   .length // 60 (30 days × 2 activities)
 */
export function monthStates({
  member,
  activities,
  slots,
  reservations,
  month,
  now,
}: MonthStatesInput): CalendarDay[] {
  // The server answers this for every calendar request: each slot, reservation and age is looked
  // at once, and the days are indexed by their number, not by a key string built for each.
  const dates = daysOfMonth(month);
  const slotsByActivity = new Map<string, (Slot | undefined)[]>();
  for (const slot of slots) {
    if (!slot.date.startsWith(month)) continue;
    let byDay = slotsByActivity.get(slot.activityId);
    if (!byDay) {
      byDay = new Array<Slot | undefined>(dates.length);
      slotsByActivity.set(slot.activityId, byDay);
    }
    byDay[(isoDateNumber(slot.date) % 100) - 1] = slot;
  }
  const mineBySlot = new Map<string, MonthReservation>();
  for (const r of reservations)
    if (r.memberId === member.id && (r.status === 'accepted' || r.status === 'waitlisted'))
      mineBySlot.set(r.slotId, r);
  const birthDate = member.birthDate;
  const nowMs = now.getTime();
  // The activities of a day share its deadline, and a month's slots mostly one opening: each
  // instant is parsed once (Date.parse was most of this function's time).
  const parsed = new Map<string, number>();
  const instant = (iso: string) => {
    let ms = parsed.get(iso);
    if (ms === undefined) {
      ms = Date.parse(iso);
      parsed.set(iso, ms);
    }
    return ms;
  };
  // One object a day and activity, and nothing else built for it (no closure, no result object):
  // the server draws 180 of them for every calendar request.
  const days: CalendarDay[] = [];
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i]!;
    const age = birthDate === null ? null : ageOn(birthDate, date);
    for (const activity of activities) {
      const slot = slotsByActivity.get(activity.id)?.[i];
      const mine = slot && mineBySlot.get(slot.id);
      days.push({
        date,
        activityId: activity.id,
        state: slot
          ? slotState(slot, mine, nowMs, age === null || withinAges(age, activity), instant)
          : 'closed',
        slotId: slot?.id ?? null,
        placesLeft: slot ? seatsLeft(slot) : null,
        waitPosition: mine?.status === 'waitlisted' ? mine.waitPosition : null,
        supplementIds: mine?.supplementIds ?? [],
      });
    }
  }
  return days;
}
