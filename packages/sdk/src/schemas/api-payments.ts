import * as z from 'zod/mini';
import { EmailSchema, IdSchema, InstantSchema, LangSchema, PositiveCentsSchema } from './common.js';
import { endpoint } from './endpoint.js';

const AccountParams = z.object({ accountId: IdSchema });

/** Where a card payment stands: `pending` until the provider's verified notification says otherwise. */
export const CardPaymentStatusSchema = z.enum(['pending', 'paid', 'refused', 'abandoned']);
export type CardPaymentStatus = z.infer<typeof CardPaymentStatusSchema>;

/** Cents to credit, by wallet id ("Montant à créditer"). Lines of 0 are ignored. */
export const PaymentAmountsSchema = z.record(IdSchema, PositiveCentsSchema);
export type PaymentAmounts = z.infer<typeof PaymentAmountsSchema>;

/** What a family sends to pay by card: the amount per wallet and where to mail the confirmation. */
export const StartPaymentRequestSchema = z.object({
  amounts: PaymentAmountsSchema,
  email: EmailSchema,
  /** The page to go back to after the payment: this server or an origin the structure declares. */
  returnUrl: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2000))),
  lang: z.optional(LangSchema),
});
export type StartPaymentRequest = z.infer<typeof StartPaymentRequestSchema>;

/** A started payment: send the family's browser to `redirectUrl` (the provider's page). */
export const StartPaymentResultSchema = z.object({
  paymentId: IdSchema,
  redirectUrl: z.url(),
  status: CardPaymentStatusSchema,
});
export type StartPaymentResult = z.infer<typeof StartPaymentResultSchema>;

/** A card payment as the family sees it. Its wallets are credited once, when it becomes `paid`. */
export const CardPaymentSchema = z.object({
  id: IdSchema,
  accountId: IdSchema,
  status: CardPaymentStatusSchema,
  total: PositiveCentsSchema,
  amounts: PaymentAmountsSchema,
  provider: z.string(),
  providerRef: z.nullable(z.string()),
  createdAt: InstantSchema,
  paidAt: z.nullable(InstantSchema),
});
export type CardPayment = z.infer<typeof CardPaymentSchema>;

/** A family's private iCalendar feed. `url` is in the answer that creates it only (it holds the secret). */
export const CalendarFeedSchema = z.object({
  active: z.boolean(),
  createdAt: z.nullable(InstantSchema),
  url: z.optional(z.url()),
});
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;

/** Card payments and the calendar feed of a family account. */
export const paymentApi = {
  startPayment: endpoint({
    method: 'POST',
    path: '/accounts/{accountId}/payments',
    summary: 'Start a card payment over wallets; answers where to send the browser',
    tag: 'payments',
    roles: ['family', 'admin'],
    params: AccountParams,
    body: StartPaymentRequestSchema,
    response: StartPaymentResultSchema,
    idempotent: true,
  }),
  paymentStatus: endpoint({
    method: 'GET',
    path: '/accounts/{accountId}/payments/{paymentId}',
    summary: 'A card payment and its status',
    tag: 'payments',
    roles: ['family', 'admin'],
    params: z.object({ accountId: IdSchema, paymentId: IdSchema }),
    response: CardPaymentSchema,
  }),
  calendarFeed: endpoint({
    method: 'GET',
    path: '/accounts/{accountId}/calendar-feed',
    summary: 'Whether the account has a private calendar feed',
    tag: 'feeds',
    roles: ['family', 'admin'],
    params: AccountParams,
    response: CalendarFeedSchema,
  }),
  rotateCalendarFeed: endpoint({
    method: 'POST',
    path: '/accounts/{accountId}/calendar-feed',
    summary: 'Create the private calendar feed, or replace its address (the old one stops working)',
    tag: 'feeds',
    roles: ['family', 'admin'],
    params: AccountParams,
    response: CalendarFeedSchema,
  }),
  revokeCalendarFeed: endpoint({
    method: 'DELETE',
    path: '/accounts/{accountId}/calendar-feed',
    summary: 'Revoke the private calendar feed',
    tag: 'feeds',
    roles: ['family', 'admin'],
    params: AccountParams,
  }),
} as const;
