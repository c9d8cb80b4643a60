import { randomBytes } from 'node:crypto';
import type { Lang } from '@guichet/sdk/schemas';

/**
 * The card payment provider interface. A provider sends the family's browser to its payment page
 * (`start`), then tells the server what happened in a signed notification (`verify`). The server
 * credits the wallets only on a verified `paid` notification, once (services/payments.ts).
 */

/** A payment's outcome as a provider says it; `pending` for a provider's intermediate states. */
export type ProviderStatus = 'paid' | 'refused' | 'abandoned' | 'pending';

/** What a provider needs to start a payment. */
export interface StartPayment {
  id: string;
  /** A short increasing number (card_payment_numbers). */
  number: number;
  /** Total in cents. */
  amount: number;
  lines: readonly { walletId: string; walletName: string; amount: number }[];
  email: string;
  lang: Lang;
  merchantName: string;
  /** Guichet's return page for this payment (it shows the state, it changes nothing). */
  returnUrl: string;
  /** Where the provider POSTs its notification. */
  notifyUrl: string;
  now: Date;
}

export interface StartedPayment {
  /** Where to send the browser. */
  redirectUrl: string;
  /** Kept with the payment (the signed fields of a hosted form, for the relay page). */
  providerData?: Record<string, unknown>;
}

/** A notification whose signature checked out. */
export interface VerifiedNotification {
  paymentId: string;
  status: ProviderStatus;
  /** The provider's reference of the bank transaction (unique). */
  providerRef: string | null;
  /** Cents the provider says it handled, when it says. */
  amount?: number | undefined;
  /** The provider's own status word, for logs. */
  raw?: string | undefined;
}

export interface PaymentProvider {
  /** `sandbox`, `systempay`: the `{provider}` of the notification URL. */
  readonly name: string;
  /** Shown as the bank in the payment history. */
  readonly label: string;
  start(payment: StartPayment): StartedPayment;
  /** Checks a notification request. Throws {@link PaymentSignatureError} when it is not genuine. */
  verify(request: Request): Promise<VerifiedNotification>;
}

/** A notification that is not the provider's (bad or missing signature, wrong shop). */
export class PaymentSignatureError extends Error {
  constructor(message = 'bad signature') {
    super(message);
    this.name = 'PaymentSignatureError';
  }
}

/** Systempay / PayZen (Lyra) hosted payment form. See docs/payments.md. */
export interface SystempayConfig {
  provider: 'systempay';
  /** `vads_site_id`: the shop id (8 digits) from the back office. */
  siteId: string;
  /** The key of `mode` (test or production key) from the back office. */
  key: string;
  mode: 'TEST' | 'PRODUCTION';
  /** Default https://paiement.systempay.fr/vads-payment/ (PayZen: https://secure.payzen.eu/vads-payment/). */
  formUrl?: string;
  /** The shop's signature algorithm in the back office. Default HMAC-SHA-256. */
  algorithm?: 'HMAC-SHA-256' | 'SHA-1';
}

/** The built-in sandbox: a bank-like page served by Guichet itself. Never for real money. */
export interface SandboxConfig {
  provider: 'sandbox';
  /** HMAC key of the sandbox notifications; set it when several processes serve one store. */
  secret?: string;
}

export type PaymentConfig = SandboxConfig | SystempayConfig;

/** Used when no sandbox secret is configured: random for this process. */
export const PROCESS_SANDBOX_SECRET = randomBytes(32).toString('base64url');
