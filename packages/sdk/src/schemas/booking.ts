import * as z from 'zod/mini';
import { CentsSchema, IdSchema, IsoDateSchema, PositiveCentsSchema, TimeOfDaySchema } from './common.js';
import { RefusalReasonSchema } from './reservation.js';

/** One entry of a basket: book (`add`) or cancel (`remove`) a member's day of an activity. */
export const BookingChangeSchema = z.object({
  op: z.enum(['add', 'remove']),
  memberId: IdSchema,
  activityId: IdSchema,
  date: IsoDateSchema,
  supplementIds: z.optional(z.array(IdSchema).check(z.maxLength(20))),
});
export type BookingChange = z.infer<typeof BookingChangeSchema>;

/** What a family sends: its changes, and `dryRun` to get the recap without booking. */
export const BookingRequestSchema = z.object({
  changes: z.array(BookingChangeSchema).check(z.minLength(1), z.maxLength(400)),
  dryRun: z.optional(z.boolean()),
});
export type BookingRequest = z.infer<typeof BookingRequestSchema>;

/** One line of the recap: a day of an activity with its cost. */
export const RecapLineSchema = z.object({
  memberId: IdSchema,
  activityId: IdSchema,
  activityName: z.string(),
  date: IsoDateSchema,
  startTime: TimeOfDaySchema,
  endTime: TimeOfDaySchema,
  unitPrice: PositiveCentsSchema,
  quantity: z.int().check(z.gte(1)),
  /** Supplements on this line, each with its price. */
  supplements: z.array(z.object({ id: IdSchema, name: z.string(), unitPrice: PositiveCentsSchema })),
  /** unitPrice × quantity + supplements. */
  total: PositiveCentsSchema,
});
export type RecapLine = z.infer<typeof RecapLineSchema>;

/** What a basket will do and cost, before it is sent (récapitulatif). */
export const RecapSchema = z.object({
  additions: z.array(RecapLineSchema),
  cancellations: z.array(RecapLineSchema),
  totals: z.object({
    additions: PositiveCentsSchema,
    cancellations: PositiveCentsSchema,
    /** additions - cancellations. */
    net: CentsSchema,
  }),
});
export type Recap = z.infer<typeof RecapSchema>;

/** What happened to one line once sent. */
export const LineOutcomeKindSchema = z.enum(['accepted', 'waitlisted', 'cancelled', 'refused']);
export type LineOutcomeKind = z.infer<typeof LineOutcomeKindSchema>;

export const LineOutcomeSchema = z.object({
  change: BookingChangeSchema,
  outcome: LineOutcomeKindSchema,
  /** Waiting-list position when `waitlisted`. */
  position: z.optional(z.int().check(z.gte(1))),
  /** Why, when `refused`. */
  reason: z.optional(RefusalReasonSchema),
  reservationId: z.optional(IdSchema),
});
export type LineOutcome = z.infer<typeof LineOutcomeSchema>;

/** The answer to a booking request: the recap and the outcome of each line. */
export const BookingResultSchema = z.object({
  dryRun: z.boolean(),
  recap: RecapSchema,
  /** Same order as the request's changes; for a dry run, the outcomes expected now (not held). */
  lines: z.array(LineOutcomeSchema),
});
export type BookingResult = z.infer<typeof BookingResultSchema>;
