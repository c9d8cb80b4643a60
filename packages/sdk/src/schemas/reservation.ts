import * as z from 'zod/mini';
import { IdSchema, InstantSchema, IsoDateSchema, PositiveCentsSchema } from './common.js';

/** Why a booking line is refused. A widget words it; code branches on it. */
export const RefusalReasonSchema = z.enum([
  'closed',
  'deadline_passed',
  'full',
  'not_eligible',
  'same_day_conflict',
  'account_in_debit',
  'already_booked',
  'not_booked',
]);
export type RefusalReason = z.infer<typeof RefusalReasonSchema>;

/** `accepted` holds a seat; `waitlisted` waits in FIFO order; the others hold nothing. */
export const ReservationStatusSchema = z.enum(['accepted', 'waitlisted', 'cancelled', 'refused']);
export type ReservationStatus = z.infer<typeof ReservationStatusSchema>;

/** A member on a slot, with its status (the "suivi"). */
export const ReservationSchema = z.object({
  id: IdSchema,
  accountId: IdSchema,
  memberId: IdSchema,
  activityId: IdSchema,
  slotId: IdSchema,
  date: IsoDateSchema,
  status: ReservationStatusSchema,
  /** 1-based position on the waiting list while `waitlisted`. */
  waitPosition: z.nullable(z.int().check(z.gte(1))),
  supplementIds: z.array(IdSchema),
  /** Price of one unit when booked (later price changes do not move it). */
  unitPrice: PositiveCentsSchema,
  quantity: z.int().check(z.gte(1)),
  refusalReason: z.nullable(RefusalReasonSchema),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  /** When charged to the wallet as a consumption; null until then. */
  chargedAt: z.nullable(InstantSchema),
});
export type Reservation = z.infer<typeof ReservationSchema>;
