import * as z from 'zod/mini';
import {
  CountSchema,
  EmailSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
  NameSchema,
  pageOf,
  TextSchema,
  TimeOfDaySchema,
} from './common.js';
import { endpoint } from './endpoint.js';
import { DebitSchema, LotSchema, VoucherNumberSchema, VoucherOrderSchema, VoucherSchema } from './voucher.js';

const AccountParams = z.object({ accountId: IdSchema });
const IdParams = z.object({ id: IdSchema });
const CursorSchema = z.optional(z.string().check(z.maxLength(200)));

/** What a cashier scanned or typed: a QR payload `GV1....` or a number `CT-XXXXXXXX` (case and spaces forgiven). */
export const VoucherCodeSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(300));

/** The next expiry among lots still holding places: the day and how many places expire then. */
export const NearestExpirySchema = z.object({ lastValidDay: IsoDateSchema, places: CountSchema });
export type NearestExpiry = z.infer<typeof NearestExpirySchema>;

/** A voucher as the desk and the staff list see it: who holds it, its state and its places. */
export const VoucherSummarySchema = z.object({
  id: IdSchema,
  number: VoucherNumberSchema,
  holderAccountId: IdSchema,
  holderName: NameSchema,
  status: z.enum(['active', 'blocked']),
  /** The day the server counted on, in the structure's zone. */
  today: IsoDateSchema,
  /** Places left in unexpired lots. */
  placesLeft: CountSchema,
  nearestExpiry: z.nullable(NearestExpirySchema),
  /** Every lot, the expired ones included, in debit order (the one expiring first first). */
  lots: z.array(LotSchema),
});
export type VoucherSummary = z.infer<typeof VoucherSummarySchema>;

/** An order as its centre and the staff see it; `voucherEmail` binds the voucher its first load creates. */
export const VoucherOrderViewSchema = z.extend(VoucherOrderSchema, {
  voucherEmail: z.nullable(EmailSchema),
});
export type VoucherOrderView = z.infer<typeof VoucherOrderViewSchema>;

/** A centre's cartoonette page: its voucher (null before the first load), places per lot, history. */
export const VoucherDetailSchema = z.object({
  accountId: IdSchema,
  holderName: NameSchema,
  voucher: z.nullable(VoucherSchema),
  today: IsoDateSchema,
  placesLeft: CountSchema,
  nearestExpiry: z.nullable(NearestExpirySchema),
  /** Places that expire within 30 days: use them first. */
  expiringSoon: CountSchema,
  lots: z.array(LotSchema),
  /** Debits and reversals, newest first (the latest 200). */
  debits: z.array(DebitSchema),
  /** Orders, newest first (the latest 100). */
  orders: z.array(VoucherOrderViewSchema),
});
export type VoucherDetail = z.infer<typeof VoucherDetailSchema>;

/** A centre's order of places (seed 000's email, as a form). */
export const VoucherOrderInputSchema = z.object({
  places: z.int().check(z.gte(1), z.lte(100_000)),
  /** At least 14 days after today: the network needs two weeks to handle an order. */
  firstSessionDate: IsoDateSchema,
  referent: z.object({
    firstName: NameSchema,
    lastName: NameSchema,
    phone: z.string().check(z.trim(), z.minLength(1), z.maxLength(30)),
  }),
  /** A quote is wanted, addressed to (Mairie de Paris, CASPE, the centre...). */
  quoteAddressee: z.optional(z.nullable(NameSchema)),
  /**
   * Another address than the account's for the voucher the first load creates. It cannot be
   * changed once the voucher exists.
   */
  voucherEmail: z.optional(z.nullable(EmailSchema)),
});
export type VoucherOrderInput = z.infer<typeof VoucherOrderInputSchema>;

/** A debit at the desk: the code read, the venue, and how many places (children present). */
export const VoucherDebitInputSchema = z.object({
  venueId: IdSchema,
  code: VoucherCodeSchema,
  places: z.int().check(z.gte(1), z.lte(1000)),
});
export type VoucherDebitInput = z.infer<typeof VoucherDebitInputSchema>;

export const VoucherDebitResultSchema = z.object({ debit: DebitSchema, voucher: VoucherSummarySchema });
export type VoucherDebitResult = z.infer<typeof VoucherDebitResultSchema>;

/** How a group screening is paid: places of the cartoonette, or by card at the desk (last minute). */
export const ScreeningPaymentSchema = z.enum(['voucher', 'on_site']);
export type ScreeningPayment = z.infer<typeof ScreeningPaymentSchema>;

export const ScreeningStatusSchema = z.enum(['requested', 'confirmed', 'declined']);
export type ScreeningStatus = z.infer<typeof ScreeningStatusSchema>;

/** A leisure centre's request for a group screening (seed 000's booking form). */
export const ScreeningRequestSchema = z.object({
  id: IdSchema,
  accountId: IdSchema,
  centreName: NameSchema,
  venueId: IdSchema,
  venueName: NameSchema,
  /** The film or the session, as the centre wrote it. */
  session: NameSchema,
  date: IsoDateSchema,
  time: z.nullable(TimeOfDaySchema),
  children: z.int().check(z.gte(1), z.lte(500)),
  adults: z.int().check(z.gte(0), z.lte(200)),
  payment: ScreeningPaymentSchema,
  note: z.nullable(TextSchema),
  status: ScreeningStatusSchema,
  /** The cinema's answer to the centre. */
  staffMessage: z.nullable(TextSchema),
  decidedAt: z.nullable(InstantSchema),
  createdAt: InstantSchema,
});
export type ScreeningRequest = z.infer<typeof ScreeningRequestSchema>;

export const ScreeningRequestInputSchema = z.object({
  venueId: IdSchema,
  session: NameSchema,
  date: IsoDateSchema,
  time: z.optional(z.nullable(TimeOfDaySchema)),
  children: z.int().check(z.gte(1), z.lte(500)),
  adults: z.int().check(z.gte(0), z.lte(200)),
  payment: ScreeningPaymentSchema,
  note: z.optional(z.nullable(TextSchema)),
});
export type ScreeningRequestInput = z.infer<typeof ScreeningRequestInputSchema>;

export const ScreeningDecisionSchema = z.object({
  decision: z.enum(['confirmed', 'declined']),
  message: z.optional(z.nullable(TextSchema)),
});
export type ScreeningDecision = z.infer<typeof ScreeningDecisionSchema>;

const ScreeningList = z.object({ items: z.array(ScreeningRequestSchema) });

/** Endpoints of vouchers (cartoonettes): orders, loads, the desk's debits, the referent's view, group screenings. */
export const voucherApi = {
  // ---- the centre (referent), or the network's staff for it
  accountVoucher: endpoint({
    method: 'GET',
    path: '/accounts/{accountId}/voucher',
    summary: "A centre's cartoonette: places left per lot with expiry, debits and orders",
    tag: 'vouchers',
    roles: ['referent', 'admin'],
    params: AccountParams,
    response: VoucherDetailSchema,
  }),
  orderVoucherPlaces: endpoint({
    method: 'POST',
    path: '/accounts/{accountId}/voucher-orders',
    summary: 'Order places (at least 14 days before the first session), with an optional quote',
    tag: 'vouchers',
    roles: ['referent', 'admin'],
    params: AccountParams,
    body: VoucherOrderInputSchema,
    response: VoucherOrderViewSchema,
    idempotent: true,
  }),
  requestScreening: endpoint({
    method: 'POST',
    path: '/accounts/{accountId}/screening-requests',
    summary: 'Ask for a group screening, paid by cartoonette or on site by card',
    tag: 'vouchers',
    roles: ['referent', 'admin'],
    params: AccountParams,
    body: ScreeningRequestInputSchema,
    response: ScreeningRequestSchema,
    idempotent: true,
  }),
  accountScreenings: endpoint({
    method: 'GET',
    path: '/accounts/{accountId}/screening-requests',
    summary: "A centre's group screening requests, newest session first",
    tag: 'vouchers',
    roles: ['referent', 'admin'],
    params: AccountParams,
    response: ScreeningList,
  }),

  // ---- the desk (cashier of a venue)
  deskVoucherLookup: endpoint({
    method: 'POST',
    path: '/desk/vouchers/lookup',
    summary: 'Read a scanned or typed cartoonette (the signature is checked first)',
    tag: 'desk',
    roles: ['cashier'],
    body: z.object({ venueId: IdSchema, code: VoucherCodeSchema }),
    response: VoucherSummarySchema,
  }),
  deskVoucherDebit: endpoint({
    method: 'POST',
    path: '/desk/vouchers/debits',
    summary: 'Debit places at a venue: lots expiring first, all or nothing',
    tag: 'desk',
    roles: ['cashier'],
    body: VoucherDebitInputSchema,
    response: VoucherDebitResultSchema,
    idempotent: true,
  }),
  deskGroups: endpoint({
    method: 'GET',
    path: '/desk/venues/{venueId}/groups',
    summary: 'Confirmed group screenings of a day at a venue',
    tag: 'desk',
    roles: ['cashier', 'admin'],
    params: z.object({ venueId: IdSchema }),
    query: z.object({ date: IsoDateSchema }),
    response: ScreeningList,
  }),

  // ---- the network's staff
  screeningRequests: endpoint({
    method: 'GET',
    path: '/screening-requests',
    summary: "Group screening requests of the caller's venues, by session date",
    tag: 'vouchers',
    roles: ['admin', 'cashier'],
    query: z.object({
      venueId: z.optional(IdSchema),
      status: z.optional(ScreeningStatusSchema),
      from: z.optional(IsoDateSchema),
      to: z.optional(IsoDateSchema),
    }),
    response: ScreeningList,
  }),
  decideScreening: endpoint({
    method: 'POST',
    path: '/screening-requests/{id}/decision',
    summary: 'Confirm or decline a group screening, with a message to the centre',
    tag: 'vouchers',
    roles: ['admin', 'cashier'],
    params: IdParams,
    body: ScreeningDecisionSchema,
    response: ScreeningRequestSchema,
    idempotent: true,
  }),
  adminVoucherOrders: endpoint({
    method: 'GET',
    path: '/admin/voucher-orders',
    summary: 'Orders of places, newest first',
    tag: 'vouchers',
    roles: ['admin'],
    query: z.object({ status: z.optional(VoucherOrderSchema.shape.status), cursor: CursorSchema }),
    response: pageOf(VoucherOrderViewSchema),
  }),
  markVoucherOrderPaid: endpoint({
    method: 'POST',
    path: '/admin/voucher-orders/{id}/paid',
    summary:
      'Mark an order paid by administrative order: loads its places (the first load creates the voucher)',
    tag: 'vouchers',
    roles: ['admin'],
    params: IdParams,
    body: z.object({ paymentReference: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)) }),
    response: z.object({ order: VoucherOrderViewSchema, voucher: VoucherSchema }),
    idempotent: true,
  }),
  adminVouchers: endpoint({
    method: 'GET',
    path: '/admin/vouchers',
    summary: 'Vouchers of the network by number; `q` searches the number or the holder',
    tag: 'vouchers',
    roles: ['admin'],
    query: z.object({ q: z.optional(z.string().check(z.maxLength(100))), cursor: CursorSchema }),
    response: pageOf(VoucherSummarySchema),
  }),
  setVoucherStatus: endpoint({
    method: 'POST',
    path: '/admin/vouchers/{id}/status',
    summary: 'Block or unblock a voucher',
    tag: 'vouchers',
    roles: ['admin'],
    params: IdParams,
    body: z.object({ status: z.enum(['active', 'blocked']) }),
    response: VoucherSummarySchema,
  }),
  reverseVoucherDebit: endpoint({
    method: 'POST',
    path: '/admin/voucher-debits/{id}/reverse',
    summary: 'Give back the places of a debit (a compensating entry with its reason), once',
    tag: 'vouchers',
    roles: ['admin'],
    params: IdParams,
    body: z.object({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) }),
    response: DebitSchema,
    idempotent: true,
  }),
} as const;
