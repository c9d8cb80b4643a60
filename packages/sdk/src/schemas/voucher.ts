import * as z from 'zod/mini';
import {
  CountSchema,
  EmailSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
  NameSchema,
  TextSchema,
} from './common.js';

/** A voucher number as printed on the card: `CT-` and 8 characters of the countermark alphabet. */
export const VoucherNumberSchema = z.string().check(z.regex(/^CT-[A-HJ-NP-Z2-7]{8}$/));

/** A cartoonette: prepaid cinema places held by a leisure centre, as a number and a signed QR. */
export const VoucherSchema = z.object({
  id: IdSchema,
  number: VoucherNumberSchema,
  holderAccountId: IdSchema,
  holderName: NameSchema,
  /** Set once, never changed. */
  email: EmailSchema,
  status: z.enum(['active', 'blocked']),
  /** What the QR code carries: `GV1.<number>.<key id>.<signature>`. */
  qrPayload: z.string().check(z.maxLength(300)),
  createdAt: InstantSchema,
});
export type Voucher = z.infer<typeof VoucherSchema>;

/** Places loaded at once, valid one year date to date (loaded 2026-06-15, last day 2027-06-14). */
export const LotSchema = z.object({
  id: IdSchema,
  voucherId: IdSchema,
  places: z.int().check(z.gte(1), z.lte(100_000)),
  remaining: CountSchema,
  loadedOn: IsoDateSchema,
  lastValidDay: IsoDateSchema,
});
export type Lot = z.infer<typeof LotSchema>;

/** Places of one lot taken by a debit. */
export const AllocationSchema = z.object({ lotId: IdSchema, places: z.int().check(z.gte(1)) });
export type Allocation = z.infer<typeof AllocationSchema>;

/** Places debited at a cinema desk, or given back by a reversal (negative `places`). */
export const DebitSchema = z.object({
  id: IdSchema,
  voucherId: IdSchema,
  venueId: IdSchema,
  venueName: NameSchema,
  cashierId: IdSchema,
  places: z.int().check(z.gte(-100_000), z.lte(100_000)),
  allocations: z.array(AllocationSchema),
  at: InstantSchema,
  /** For a reversal: the debit it compensates and why. */
  reverses: z.nullable(IdSchema),
  reason: z.nullable(TextSchema),
});
export type Debit = z.infer<typeof DebitSchema>;

/** A centre's order of places (seed 000): at least two weeks before the first session. */
export const VoucherOrderSchema = z.object({
  id: IdSchema,
  holderAccountId: IdSchema,
  centreName: NameSchema,
  referent: z.object({
    firstName: NameSchema,
    lastName: NameSchema,
    phone: z.string().check(z.maxLength(30)),
  }),
  places: z.int().check(z.gte(1), z.lte(100_000)),
  firstSessionDate: IsoDateSchema,
  /** Quote requested and to whom it is addressed (Mairie de Paris, CASPE, the centre...). */
  quoteAddressee: z.nullable(NameSchema),
  status: z.enum(['requested', 'paid', 'loaded', 'cancelled']),
  /** The administrative order reference, once paid. */
  paymentReference: z.nullable(z.string().check(z.maxLength(100))),
  createdAt: InstantSchema,
  lotId: z.nullable(IdSchema),
});
export type VoucherOrder = z.infer<typeof VoucherOrderSchema>;

/** Why a debit is refused. */
export const DebitRefusalSchema = z.enum([
  'unknown_voucher',
  'forged_code',
  'insufficient_places',
  'only_expired_places',
  'voucher_blocked',
]);
export type DebitRefusal = z.infer<typeof DebitRefusalSchema>;
