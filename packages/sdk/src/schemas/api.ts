import * as z from 'zod/mini';
import { AccountSchema, MemberSchema, SessionSchema } from './account.js';
import { ActivitySchema, EligibilitySchema, SlotSchema } from './activity.js';
import { countermarkApi } from './api-countermarks.js';
import { paymentApi } from './api-payments.js';
import { voucherApi } from './api-vouchers.js';
import { BookingRequestSchema, BookingResultSchema } from './booking.js';
import { MonthCalendarSchema } from './calendar.js';
import {
  EmailSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
  IsoMonthSchema,
  NameSchema,
  PositiveCentsSchema,
  pageOf,
  TextSchema,
  TimeOfDaySchema,
} from './common.js';
import { endpoint } from './endpoint.js';

export type { Endpoint } from './endpoint.js';

import { ReservationSchema, ReservationStatusSchema } from './reservation.js';
import { NoticeSchema, StructureSchema } from './structure.js';
import {
  HistoryMonthSchema,
  PaymentInputSchema,
  PaymentSchema,
  WalletEstimateSchema,
  WalletSchema,
} from './wallet.js';

const AccountParams = z.object({ accountId: IdSchema });
const MemberParams = z.object({ accountId: IdSchema, memberId: IdSchema });
const IdParams = z.object({ id: IdSchema });
const PasswordSchema = z.string().check(z.minLength(8), z.maxLength(200));

export const LoginRequestSchema = z.object({
  login: z.string().check(z.minLength(1), z.maxLength(200)),
  password: z.string().check(z.minLength(1), z.maxLength(200)),
  /** `cookie` (same-site pages, httpOnly cookie) or `token` (cross-origin pages, bearer token). */
  mode: z.optional(z.enum(['cookie', 'token'])),
  structureId: z.optional(IdSchema),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const ProfileSchema = z.object({
  id: IdSchema,
  login: NameSchema,
  displayName: NameSchema,
  email: z.nullable(EmailSchema),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** A family's home: the account, its wallets and the structure's notices. */
export const AccountViewSchema = z.object({
  account: AccountSchema,
  structure: StructureSchema,
  wallets: z.array(WalletSchema),
  notices: z.array(NoticeSchema),
  inDebit: z.boolean(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/** Wallets "until" a date with the seed's totals (Votre crédit, Montant des réservations, Solde estimé). */
export const WalletsViewSchema = z.object({
  until: IsoDateSchema,
  estimates: z.array(WalletEstimateSchema),
  totals: z.object({
    credit: z.int(),
    reservations: PositiveCentsSchema,
    estimatedBalance: z.int(),
    amountDue: PositiveCentsSchema,
  }),
});
export type WalletsView = z.infer<typeof WalletsViewSchema>;

export const ActivityInputSchema = z.object({
  name: NameSchema,
  startTime: TimeOfDaySchema,
  endTime: TimeOfDaySchema,
  unitPrice: PositiveCentsSchema,
  quantity: z.optional(z.int().check(z.gte(1), z.lte(10))),
  walletKindId: IdSchema,
  eligibility: z.optional(EligibilitySchema),
  conflictGroup: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  supplements: z.optional(
    z.array(
      z.object({
        name: NameSchema,
        unitPrice: PositiveCentsSchema,
        dates: z.optional(z.array(IsoDateSchema)),
      }),
    ),
  ),
});
export type ActivityInput = z.infer<typeof ActivityInputSchema>;

/** A period's days of one activity at once (a school holiday): open on `opensAt`, changeable until `deadlineDaysBefore` days before at `deadlineTime`. */
export const SlotsBulkRequestSchema = z.object({
  activityId: IdSchema,
  from: IsoDateSchema,
  to: IsoDateSchema,
  /** ISO weekdays to create (1 = Monday ... 7 = Sunday). */
  weekdays: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1), z.maxLength(7)),
  capacity: z.int().check(z.gte(0), z.lte(100_000)),
  waitingCapacity: z.int().check(z.gte(0), z.lte(100_000)),
  opensAt: InstantSchema,
  deadlineDaysBefore: z.int().check(z.gte(0), z.lte(365)),
  deadlineTime: TimeOfDaySchema,
});
export type SlotsBulkRequest = z.infer<typeof SlotsBulkRequestSchema>;

export const AccountInputSchema = z.object({
  holderName: NameSchema,
  email: z.nullable(EmailSchema),
  /** Creates the family's login when given. */
  login: z.optional(z.string().check(z.minLength(3), z.maxLength(100))),
  password: z.optional(PasswordSchema),
});
export type AccountInput = z.infer<typeof AccountInputSchema>;

export const MemberInputSchema = z.object({
  firstName: NameSchema,
  lastName: NameSchema,
  birthDate: z.nullable(IsoDateSchema),
});
export type MemberInput = z.infer<typeof MemberInputSchema>;

export const NoticeInputSchema = z.object({ title: NameSchema, body: TextSchema });
export type NoticeInput = z.infer<typeof NoticeInputSchema>;

export const ApiKeySchema = z.object({
  id: IdSchema,
  name: NameSchema,
  /** Shown once at creation; only its hash is stored. */
  key: z.optional(z.string()),
  createdAt: InstantSchema,
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/**
 * The HTTP contract of `/api/v1`: every endpoint by the name the client uses, with its method,
 * path, inputs and answer as zod schemas. The server validates with it and serves it as OpenAPI;
 * the client is typed by it.
 */
export const api = {
  // ---- auth
  login: endpoint({
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in with login and password',
    tag: 'auth',
    roles: ['public'],
    body: LoginRequestSchema,
    response: SessionSchema,
  }),
  logout: endpoint({
    method: 'POST',
    path: '/auth/logout',
    summary: 'Sign out',
    tag: 'auth',
    roles: ['any'],
  }),
  session: endpoint({
    method: 'GET',
    path: '/auth/session',
    summary: 'The current session',
    tag: 'auth',
    roles: ['any'],
    response: SessionSchema,
  }),
  switchStructure: endpoint({
    method: 'POST',
    path: '/auth/switch',
    summary: 'Switch to another structure of the user',
    tag: 'auth',
    roles: ['any'],
    body: z.object({ structureId: IdSchema }),
    response: SessionSchema,
  }),
  requestPasswordReset: endpoint({
    method: 'POST',
    path: '/auth/password-reset',
    summary: 'Mail a single-use reset link (answers 202 whether or not the login exists)',
    tag: 'auth',
    roles: ['public'],
    body: z.object({
      login: z.string().check(z.minLength(1), z.maxLength(254)),
      lang: z.optional(z.enum(['fr', 'en'])),
    }),
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/auth/password-reset/confirm',
    summary: 'Set a new password with a reset link token',
    tag: 'auth',
    roles: ['public'],
    body: z.object({ token: z.string().check(z.minLength(20), z.maxLength(200)), password: PasswordSchema }),
  }),
  profile: endpoint({
    method: 'GET',
    path: '/profile',
    summary: 'The signed-in user',
    tag: 'auth',
    roles: ['any'],
    response: ProfileSchema,
  }),
  updateProfile: endpoint({
    method: 'PATCH',
    path: '/profile',
    summary: 'Change email',
    tag: 'auth',
    roles: ['any'],
    body: z.object({ email: z.nullable(EmailSchema) }),
    response: ProfileSchema,
  }),
  changePassword: endpoint({
    method: 'POST',
    path: '/profile/password',
    summary: 'Change password (other sessions are closed)',
    tag: 'auth',
    roles: ['any'],
    body: z.object({ current: z.string().check(z.maxLength(200)), password: PasswordSchema }),
  }),

  // ---- family
  account: endpoint({
    method: 'GET',
    path: '/accounts/{accountId}',
    summary: 'Account with members, wallets and notices',
    tag: 'family',
    roles: ['family', 'admin'],
    params: AccountParams,
    response: AccountViewSchema,
  }),
  calendar: endpoint({
    method: 'GET',
    path: '/accounts/{accountId}/members/{memberId}/calendar',
    summary: "A member's month for one or all activities",
    tag: 'family',
    roles: ['family', 'admin'],
    params: MemberParams,
    query: z.object({ month: IsoMonthSchema, activityId: z.optional(IdSchema) }),
    response: MonthCalendarSchema,
  }),
  book: endpoint({
    method: 'POST',
    path: '/accounts/{accountId}/bookings',
    summary: 'Send a basket of changes (dryRun: the recap only)',
    tag: 'family',
    roles: ['family', 'admin'],
    params: AccountParams,
    body: BookingRequestSchema,
    response: BookingResultSchema,
    idempotent: true,
  }),
  reservations: endpoint({
    method: 'GET',
    path: '/accounts/{accountId}/reservations',
    summary: 'Reservations by period and status (suivi)',
    tag: 'family',
    roles: ['family', 'admin'],
    params: AccountParams,
    query: z.object({
      from: z.optional(IsoDateSchema),
      to: z.optional(IsoDateSchema),
      status: z.optional(ReservationStatusSchema),
      memberId: z.optional(IdSchema),
      cursor: z.optional(z.string().check(z.maxLength(200))),
      limit: z.optional(z.string().check(z.regex(/^[1-9]\d{0,2}$/))),
    }),
    response: pageOf(ReservationSchema),
  }),
  wallets: endpoint({
    method: 'GET',
    path: '/accounts/{accountId}/wallets',
    summary: 'Wallets with the estimated cost until a date',
    tag: 'family',
    roles: ['family', 'admin'],
    params: AccountParams,
    query: z.object({ until: z.optional(IsoDateSchema) }),
    response: WalletsViewSchema,
  }),
  history: endpoint({
    method: 'GET',
    path: '/accounts/{accountId}/history',
    summary: 'Consumptions and payments of a month',
    tag: 'family',
    roles: ['family', 'admin'],
    params: AccountParams,
    query: z.object({ month: IsoMonthSchema }),
    response: HistoryMonthSchema,
  }),

  // ---- admin of a structure
  adminActivities: endpoint({
    method: 'GET',
    path: '/admin/activities',
    summary: 'Activities of the structure',
    tag: 'admin',
    roles: ['admin'],
    response: z.object({ items: z.array(ActivitySchema) }),
  }),
  createActivity: endpoint({
    method: 'POST',
    path: '/admin/activities',
    summary: 'Create an activity',
    tag: 'admin',
    roles: ['admin'],
    body: ActivityInputSchema,
    response: ActivitySchema,
    idempotent: true,
  }),
  updateActivity: endpoint({
    method: 'PATCH',
    path: '/admin/activities/{id}',
    summary: 'Change an activity (prices apply to new bookings)',
    tag: 'admin',
    roles: ['admin'],
    params: IdParams,
    body: z.partial(ActivityInputSchema),
    response: ActivitySchema,
  }),
  createSlots: endpoint({
    method: 'POST',
    path: '/admin/slots/bulk',
    summary: "Create or update a period's days of an activity",
    tag: 'admin',
    roles: ['admin'],
    body: SlotsBulkRequestSchema,
    response: z.object({ created: z.int(), updated: z.int() }),
    idempotent: true,
  }),
  adminSlots: endpoint({
    method: 'GET',
    path: '/admin/slots',
    summary: 'Days of an activity in a period, with their counts',
    tag: 'admin',
    roles: ['admin'],
    query: z.object({ activityId: IdSchema, from: IsoDateSchema, to: IsoDateSchema }),
    response: z.object({ items: z.array(SlotSchema) }),
  }),
  adminAccounts: endpoint({
    method: 'GET',
    path: '/admin/accounts',
    summary: 'Family accounts of the structure',
    tag: 'admin',
    roles: ['admin'],
    query: z.object({
      cursor: z.optional(z.string().check(z.maxLength(200))),
      q: z.optional(z.string().check(z.maxLength(100))),
    }),
    response: pageOf(AccountSchema),
  }),
  createAccount: endpoint({
    method: 'POST',
    path: '/admin/accounts',
    summary: 'Create a family account (and its login)',
    tag: 'admin',
    roles: ['admin'],
    body: AccountInputSchema,
    response: AccountSchema,
    idempotent: true,
  }),
  createMember: endpoint({
    method: 'POST',
    path: '/admin/accounts/{accountId}/members',
    summary: 'Add a member to an account',
    tag: 'admin',
    roles: ['admin'],
    params: AccountParams,
    body: MemberInputSchema,
    response: MemberSchema,
    idempotent: true,
  }),
  recordPayment: endpoint({
    method: 'POST',
    path: '/admin/payments',
    summary: 'Record a cheque, cash or transfer payment',
    tag: 'admin',
    roles: ['admin'],
    body: PaymentInputSchema,
    response: PaymentSchema,
    idempotent: true,
  }),
  createNotice: endpoint({
    method: 'POST',
    path: '/admin/notices',
    summary: 'Publish a notice to families',
    tag: 'admin',
    roles: ['admin'],
    body: NoticeInputSchema,
    response: NoticeSchema,
  }),
  createApiKey: endpoint({
    method: 'POST',
    path: '/admin/api-keys',
    summary: 'Create an API key for an integrator (shown once)',
    tag: 'admin',
    roles: ['admin'],
    body: z.object({ name: NameSchema }),
    response: ApiKeySchema,
  }),
  ...voucherApi,
  ...countermarkApi,
  ...paymentApi,
} as const;

export type Api = typeof api;
export type EndpointName = keyof Api;
