import * as z from 'zod/mini';
import { ActivitySchema } from './activity.js';
import { CountSchema, IdSchema, IsoDateSchema, IsoMonthSchema } from './common.js';

/**
 * The state of one day of one activity for one member (seed 004's colour code):
 * `closed` beige, `open` green, `booked` orange, `locked` red, `waitlist` green variant,
 * `full` beige variant, `waitlisted` (on the waiting list, with a position).
 */
export const DayStateSchema = z.enum([
  'closed',
  'open',
  'booked',
  'locked',
  'waitlist',
  'full',
  'waitlisted',
]);
export type DayState = z.infer<typeof DayStateSchema>;

/** Every day state, in legend order. */
export const DAY_STATES = DayStateSchema.options;

/** One cell of a member's month: a day of one activity. */
export const CalendarDaySchema = z.object({
  date: IsoDateSchema,
  activityId: IdSchema,
  state: DayStateSchema,
  slotId: z.nullable(IdSchema),
  /** Seats left, when there is a slot. */
  placesLeft: z.nullable(CountSchema),
  waitPosition: z.nullable(z.int().check(z.gte(1))),
  /** Supplements booked on this day. */
  supplementIds: z.array(IdSchema),
});
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

/** A member's month for one or all activities: the activities shown and one entry per day and activity. */
export const MonthCalendarSchema = z.object({
  memberId: IdSchema,
  month: IsoMonthSchema,
  activities: z.array(ActivitySchema),
  days: z.array(CalendarDaySchema),
  /** The account cannot send requests (a wallet is below zero); the calendar is read-only. */
  readOnly: z.boolean(),
});
export type MonthCalendar = z.infer<typeof MonthCalendarSchema>;
