import * as z from 'zod/mini';
import {
  CountSchema,
  EmailSchema,
  IdSchema,
  InstantSchema,
  NameSchema,
  PositiveCentsSchema,
  TextSchema,
} from './common.js';

export { COUNTERMARK_ALPHABET } from './alphabet.js';

/** A normalised countermark token: 6 upper-case symbols of the alphabet. */
export const CountermarkTokenSchema = z.string().check(z.regex(/^[A-HJ-NP-Z2-7]{6}$/));
export type CountermarkToken = z.infer<typeof CountermarkTokenSchema>;

/** pass Culture categories of a cinema offer. */
export const OfferCategorySchema = z.enum(['screening', 'film_event', 'open_air', 'festival']);
export type OfferCategory = z.infer<typeof OfferCategorySchema>;

/** What a venue offers (a film, a festival...). A duo offer may be booked for 2 places. */
export const OfferSchema = z.object({
  id: IdSchema,
  venueId: IdSchema,
  name: NameSchema,
  category: OfferCategorySchema,
  description: TextSchema,
  isDuo: z.boolean(),
  active: z.boolean(),
  /** Film details when imported from a programme. */
  durationMinutes: z.nullable(z.int().check(z.gte(1), z.lte(1000))),
  version: z.nullable(z.string().check(z.maxLength(20))),
  posterUrl: z.nullable(z.url()),
});
export type Offer = z.infer<typeof OfferSchema>;

/** A dated session of an offer with its price and gauge (jauge). */
export const StockSchema = z.object({
  id: IdSchema,
  offerId: IdSchema,
  beginsAt: InstantSchema,
  price: PositiveCentsSchema,
  quantity: CountSchema,
  booked: CountSchema,
  /** No booking after this instant; null means until the session starts. */
  bookingLimit: z.nullable(InstantSchema),
  active: z.boolean(),
});
export type Stock = z.infer<typeof StockSchema>;

export const CountermarkStatusSchema = z.enum(['confirmed', 'used', 'cancelled', 'reimbursed']);
export type CountermarkStatus = z.infer<typeof CountermarkStatusSchema>;

/** A booking behind a countermark, as the desk sees it. */
export const CountermarkBookingSchema = z.object({
  id: IdSchema,
  token: CountermarkTokenSchema,
  status: CountermarkStatusSchema,
  offerId: IdSchema,
  offerName: NameSchema,
  stockId: IdSchema,
  venueId: IdSchema,
  venueName: NameSchema,
  beginsAt: InstantSchema,
  /** 1, or 2 for a duo. */
  quantity: z.int().check(z.gte(1), z.lte(2)),
  /** Total price of the booking. */
  price: PositiveCentsSchema,
  beneficiary: z.object({ firstName: NameSchema, lastName: NameSchema, email: z.nullable(EmailSchema) }),
  createdAt: InstantSchema,
  /** Before it the beneficiary may cancel; from it the desk may validate. */
  cancellationLimit: InstantSchema,
  usedAt: z.nullable(InstantSchema),
  cancelledAt: z.nullable(InstantSchema),
  reimbursedAt: z.nullable(InstantSchema),
});
export type CountermarkBooking = z.infer<typeof CountermarkBookingSchema>;

/** Why a desk action on a countermark is refused, in the reference system's order of checks. */
export const CountermarkRefusalSchema = z.enum([
  'reimbursed',
  'already_used',
  'cancelled',
  'too_early',
  'not_used',
  'cancellation_limit_passed',
]);
export type CountermarkRefusal = z.infer<typeof CountermarkRefusalSchema>;
