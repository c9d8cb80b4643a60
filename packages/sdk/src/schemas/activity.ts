import * as z from 'zod/mini';
import {
  CountSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
  NameSchema,
  PositiveCentsSchema,
  TimeOfDaySchema,
} from './common.js';

/** Who may attend: ages in whole years on the day, both ends included; absent means no bound. */
export const EligibilitySchema = z.object({
  minAge: z.optional(z.int().check(z.gte(0), z.lte(120))),
  maxAge: z.optional(z.int().check(z.gte(0), z.lte(120))),
});
export type Eligibility = z.infer<typeof EligibilitySchema>;

/** A priced add-on on a booked day (piscine, cirque, sortie, cheval). */
export const SupplementSchema = z.object({
  id: IdSchema,
  activityId: IdSchema,
  name: NameSchema,
  unitPrice: PositiveCentsSchema,
  /** Days it is offered on; empty means every day of the activity. */
  dates: z.array(IsoDateSchema),
});
export type Supplement = z.infer<typeof SupplementSchema>;

/** An activity (ALSH 3-6 ans Matin, 09:00–13:30, 4,75 €) billed to one wallet. */
export const ActivitySchema = z.object({
  id: IdSchema,
  structureId: IdSchema,
  name: NameSchema,
  startTime: TimeOfDaySchema,
  endTime: TimeOfDaySchema,
  /** Price of one unit, in cents. */
  unitPrice: PositiveCentsSchema,
  /** Units billed per day (a 3-6 "Journée" counts 2 × 6,65 €). */
  quantity: z.int().check(z.gte(1), z.lte(10)),
  /** The kind of wallet it bills (RESTAURATION, PERISCOLAIRE...): each account has one wallet per kind. */
  walletKindId: IdSchema,
  eligibility: EligibilitySchema,
  /** Activities of one group exclude each other on the same day (matin, après-midi, journée). */
  conflictGroup: z.nullable(z.string().check(z.maxLength(64))),
  supplements: z.array(SupplementSchema),
});
export type Activity = z.infer<typeof ActivitySchema>;

/** One day of an activity: its places, waiting places, opening and modification deadline. */
export const SlotSchema = z.object({
  id: IdSchema,
  activityId: IdSchema,
  date: IsoDateSchema,
  capacity: CountSchema,
  waitingCapacity: CountSchema,
  /** Bookings open at this instant. */
  opensAt: InstantSchema,
  /** After this instant a booking can no longer be changed, and waiting entries are refused. */
  deadline: InstantSchema,
  /** Accepted reservations now. */
  booked: CountSchema,
  /** Waiting entries now. */
  waiting: CountSchema,
});
export type Slot = z.infer<typeof SlotSchema>;
