import * as z from 'zod/mini';
import {
  CountSchema,
  EmailSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
  NameSchema,
  PositiveCentsSchema,
  TextSchema,
  TimeZoneSchema,
} from './common.js';
import {
  CountermarkBookingSchema,
  CountermarkStatusSchema,
  OfferCategorySchema,
  OfferSchema,
  StockSchema,
} from './countermark.js';
import { endpoint } from './endpoint.js';
import { VenueSchema } from './structure.js';

const IdParams = z.object({ id: IdSchema });

// ---- venues

/**
 * Where a venue's desk checks countermarks: `guichet` (bookings made here) or `passculture`
 * (forwarded to the pass Culture public API with the server's key).
 */
export const CountermarkSourceKindSchema = z.enum(['guichet', 'passculture']);
export type CountermarkSourceKind = z.infer<typeof CountermarkSourceKindSchema>;

/** A venue of a cinema network with the source its desk checks countermarks against. */
export const CinemaVenueSchema = z.extend(VenueSchema, {
  countermarkSource: CountermarkSourceKindSchema,
  /** The venue's id at pass Culture: an upstream booking of another venue reads as unknown. */
  passCultureVenueId: z.nullable(z.string().check(z.maxLength(40))),
});
export type CinemaVenue = z.infer<typeof CinemaVenueSchema>;

export const VenueInputSchema = z.object({
  name: NameSchema,
  /** Where sessions take place; may differ from the network's seat (itinerant cinema). */
  address: NameSchema,
  timeZone: z.optional(TimeZoneSchema),
  countermarkSource: z.optional(CountermarkSourceKindSchema),
  passCultureVenueId: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(40)))),
});
export type VenueInput = z.infer<typeof VenueInputSchema>;

// ---- offers and stocks

export const OfferInputSchema = z.object({
  venueId: IdSchema,
  name: NameSchema,
  category: OfferCategorySchema,
  description: z.optional(TextSchema),
  /** A duo offer may be booked for 2 places under one countermark. */
  isDuo: z.optional(z.boolean()),
  active: z.optional(z.boolean()),
  durationMinutes: z.optional(z.nullable(z.int().check(z.gte(1), z.lte(1000)))),
  version: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(20)))),
  posterUrl: z.optional(z.nullable(z.url())),
});
export type OfferInput = z.infer<typeof OfferInputSchema>;

/** What may change on an offer; `active: false` deactivates it (its sessions can no longer be booked). */
export const OfferUpdateSchema = z.partial(z.omit(OfferInputSchema, { venueId: true }));
export type OfferUpdate = z.infer<typeof OfferUpdateSchema>;

export const StockInputSchema = z.object({
  beginsAt: InstantSchema,
  /** Price of one place. */
  price: PositiveCentsSchema,
  quantity: CountSchema,
  /** No booking after this instant; null or absent: until the session starts. */
  bookingLimit: z.optional(z.nullable(InstantSchema)),
  active: z.optional(z.boolean()),
});
export type StockInput = z.infer<typeof StockInputSchema>;

/** What may change on a session; the quantity never goes below the places booked. */
export const StockUpdateSchema = z.partial(StockInputSchema);
export type StockUpdate = z.infer<typeof StockUpdateSchema>;

/**
 * A cinema programme to import (see docs/showtimes-import.md): `content` is the JSON or CSV
 * file; `venueId` is the venue of rows that name none.
 */
export const ShowtimeImportRequestSchema = z.object({
  format: z.enum(['json', 'csv']),
  content: z.string().check(z.minLength(1), z.maxLength(900_000)),
  venueId: z.optional(IdSchema),
});
export type ShowtimeImportRequest = z.infer<typeof ShowtimeImportRequestSchema>;

/** What an import did; importing the same programme again only counts `unchanged`. */
export const ShowtimeImportResultSchema = z.object({
  offersCreated: CountSchema,
  offersUpdated: CountSchema,
  stocksCreated: CountSchema,
  stocksUpdated: CountSchema,
  unchanged: CountSchema,
});
export type ShowtimeImportResult = z.infer<typeof ShowtimeImportResultSchema>;

// ---- beneficiary bookings

/** The person who books, as the integrator (the network's ticketing site) knows them; one per email. */
export const BeneficiaryInputSchema = z.object({
  firstName: NameSchema,
  lastName: NameSchema,
  email: EmailSchema,
});
export type BeneficiaryInput = z.infer<typeof BeneficiaryInputSchema>;

export const CountermarkBookingRequestSchema = z.object({
  stockId: IdSchema,
  /** 1, or 2 on a duo offer. Default 1. */
  quantity: z.optional(z.union([z.literal(1), z.literal(2)])),
  beneficiary: BeneficiaryInputSchema,
});
export type CountermarkBookingRequest = z.infer<typeof CountermarkBookingRequestSchema>;

export const CountermarkCancelRequestSchema = z.object({
  /** `beneficiary`: only before the cancellation limit; `venue`: at any time before use. */
  by: z.enum(['beneficiary', 'venue']),
});
export type CountermarkCancelRequest = z.infer<typeof CountermarkCancelRequestSchema>;

// ---- the desk

/** A token as typed or scanned (any case, spaces, dashes, or a `PASSCULTURE:v3;TOKEN:...` payload). */
export const TypedTokenSchema = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * A countermark as the desk sees it, from Guichet's bookings or from pass Culture. pass Culture
 * does not give the session's date (`beginsAt` is then null) nor when a booking was used,
 * cancelled or reimbursed; its ids are its own, as text.
 */
export const DeskCountermarkSchema = z.extend(CountermarkBookingSchema, {
  source: CountermarkSourceKindSchema,
  /** pass Culture's symbols are wider than Guichet's 30: 6 upper-case letters or digits. */
  token: z.string().check(z.regex(/^[A-Z0-9]{6}$/)),
  beginsAt: z.nullable(InstantSchema),
});
export type DeskCountermark = z.infer<typeof DeskCountermarkSchema>;

/** The desk's venue; absent, every venue of the cashier is searched. */
const DeskQuery = z.object({ venueId: z.optional(IdSchema) });
const TokenParams = z.object({ token: TypedTokenSchema });

// ---- reimbursements

/** What a venue is paid for the bookings validated in one half-month. */
export const ReimbursementStatementSchema = z.object({
  id: IdSchema,
  venueId: IdSchema,
  venueName: NameSchema,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
  bookings: CountSchema,
  /** Sum of the bookings' prices. */
  gross: PositiveCentsSchema,
  /** The yearly rate reached at the end of the period, in basis points (10000 = 100 %). */
  rate: z.int().check(z.gte(0), z.lte(10_000)),
  /** Sum of what each booking is paid, each at the rate of the year's revenue it brings. */
  reimbursed: PositiveCentsSchema,
  createdAt: InstantSchema,
});
export type ReimbursementStatement = z.infer<typeof ReimbursementStatementSchema>;

/** Endpoints of venues, offers, stocks, beneficiary bookings and the desk's countermarks. */
export const countermarkApi = {
  venues: endpoint({
    method: 'GET',
    path: '/venues',
    summary: "Venues of the network (a cashier's own venues only)",
    tag: 'offers',
    roles: ['admin', 'cashier'],
    response: z.object({ items: z.array(CinemaVenueSchema) }),
  }),
  createVenue: endpoint({
    method: 'POST',
    path: '/venues',
    summary: 'Add a venue to the network',
    tag: 'offers',
    roles: ['admin'],
    body: VenueInputSchema,
    response: CinemaVenueSchema,
    idempotent: true,
  }),
  updateVenue: endpoint({
    method: 'PATCH',
    path: '/venues/{id}',
    summary: 'Change a venue (address, time zone, countermark source)',
    tag: 'offers',
    roles: ['admin'],
    params: IdParams,
    body: z.partial(VenueInputSchema),
    response: CinemaVenueSchema,
  }),
  offers: endpoint({
    method: 'GET',
    path: '/offers',
    summary: 'Offers of the network, of one venue, active or not',
    tag: 'offers',
    roles: ['admin'],
    query: z.object({ venueId: z.optional(IdSchema), active: z.optional(z.enum(['true', 'false'])) }),
    response: z.object({ items: z.array(OfferSchema) }),
  }),
  createOffer: endpoint({
    method: 'POST',
    path: '/offers',
    summary: 'Create an offer (screening, film event, open-air cinema, festival)',
    tag: 'offers',
    roles: ['admin'],
    body: OfferInputSchema,
    response: OfferSchema,
    idempotent: true,
  }),
  updateOffer: endpoint({
    method: 'PATCH',
    path: '/offers/{id}',
    summary: 'Change, activate or deactivate an offer',
    tag: 'offers',
    roles: ['admin'],
    params: IdParams,
    body: OfferUpdateSchema,
    response: OfferSchema,
  }),
  offerStocks: endpoint({
    method: 'GET',
    path: '/offers/{id}/stocks',
    summary: 'Sessions of an offer, by date',
    tag: 'offers',
    roles: ['admin'],
    params: IdParams,
    response: z.object({ items: z.array(StockSchema) }),
  }),
  createStock: endpoint({
    method: 'POST',
    path: '/offers/{id}/stocks',
    summary: 'Add a session (date-time, price, quantity, booking limit)',
    tag: 'offers',
    roles: ['admin'],
    params: IdParams,
    body: StockInputSchema,
    response: StockSchema,
    idempotent: true,
  }),
  updateStock: endpoint({
    method: 'PATCH',
    path: '/stocks/{id}',
    summary: 'Change, activate or deactivate a session',
    tag: 'offers',
    roles: ['admin'],
    params: IdParams,
    body: StockUpdateSchema,
    response: StockSchema,
  }),
  importShowtimes: endpoint({
    method: 'POST',
    path: '/offers/import',
    summary: 'Import a programme (JSON or CSV): creates or updates offers and sessions',
    tag: 'offers',
    roles: ['admin'],
    body: ShowtimeImportRequestSchema,
    response: ShowtimeImportResultSchema,
    idempotent: true,
  }),
  bookCountermark: endpoint({
    method: 'POST',
    path: '/countermark-bookings',
    summary: 'Book a session for a beneficiary (1 place, 2 on a duo): the answer carries the countermark',
    tag: 'countermarks',
    roles: ['admin'],
    body: CountermarkBookingRequestSchema,
    response: CountermarkBookingSchema,
    idempotent: true,
  }),
  countermarkBookings: endpoint({
    method: 'GET',
    path: '/countermark-bookings',
    summary: 'Bookings of a session, an offer or a beneficiary (the latest 500)',
    tag: 'countermarks',
    roles: ['admin'],
    query: z.object({
      stockId: z.optional(IdSchema),
      offerId: z.optional(IdSchema),
      email: z.optional(EmailSchema),
      status: z.optional(CountermarkStatusSchema),
    }),
    response: z.object({ items: z.array(CountermarkBookingSchema) }),
  }),
  countermarkBooking: endpoint({
    method: 'GET',
    path: '/countermark-bookings/{id}',
    summary: 'One booking',
    tag: 'countermarks',
    roles: ['admin'],
    params: IdParams,
    response: CountermarkBookingSchema,
  }),
  cancelCountermarkBooking: endpoint({
    method: 'POST',
    path: '/countermark-bookings/{id}/cancel',
    summary: 'Cancel a booking for its beneficiary (before the cancellation limit) or the venue (before use)',
    tag: 'countermarks',
    roles: ['admin'],
    params: IdParams,
    body: CountermarkCancelRequestSchema,
    response: CountermarkBookingSchema,
    idempotent: true,
  }),
  deskCountermark: endpoint({
    method: 'GET',
    path: '/desk/countermarks/{token}',
    summary: 'Check a countermark: its details when it can be validated now, else why not',
    tag: 'desk',
    roles: ['cashier', 'admin'],
    params: TokenParams,
    query: DeskQuery,
    response: DeskCountermarkSchema,
  }),
  deskUseCountermark: endpoint({
    method: 'POST',
    path: '/desk/countermarks/{token}/use',
    summary: 'Validate a countermark (the beneficiary came)',
    tag: 'desk',
    roles: ['cashier', 'admin'],
    params: TokenParams,
    query: DeskQuery,
    response: DeskCountermarkSchema,
    idempotent: true,
  }),
  deskKeepCountermark: endpoint({
    method: 'POST',
    path: '/desk/countermarks/{token}/keep',
    summary: 'Undo the validation of a countermark, until it is reimbursed',
    tag: 'desk',
    roles: ['cashier', 'admin'],
    params: TokenParams,
    query: DeskQuery,
    response: DeskCountermarkSchema,
    idempotent: true,
  }),
  deskCancelCountermark: endpoint({
    method: 'POST',
    path: '/desk/countermarks/{token}/cancel',
    summary: 'Cancel a booking at the desk (the venue may, at any time before use)',
    tag: 'desk',
    roles: ['cashier', 'admin'],
    params: TokenParams,
    query: DeskQuery,
    idempotent: true,
  }),
  reimbursementStatements: endpoint({
    method: 'GET',
    path: '/reimbursement-statements',
    summary: 'Half-monthly reimbursement statements of the venues, newest first',
    tag: 'countermarks',
    roles: ['admin'],
    query: z.object({ venueId: z.optional(IdSchema) }),
    response: z.object({ items: z.array(ReimbursementStatementSchema) }),
  }),
} as const;
