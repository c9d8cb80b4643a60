import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  type PaymentProvider,
  PaymentSignatureError,
  type ProviderStatus,
  type StartedPayment,
  type StartPayment,
  type SystempayConfig,
} from './provider.js';

/**
 * Systempay (Caisse d'Épargne / Banque Populaire) and PayZen, both run by Lyra Network: the
 * "formulaire de paiement" (hosted payment page) protocol, V2. Guichet posts signed `vads_*` fields
 * to the provider's page; the provider posts the result (IPN, "URL de notification instantanée")
 * back to Guichet with the same kind of signature. Details and references: docs/payments.md.
 */

export const SYSTEMPAY_FORM_URL = 'https://paiement.systempay.fr/vads-payment/';

/**
 * The signature of a set of fields: the values of every `vads_*` field sorted by field name,
 * joined with `+`, then `+` and the key; HMAC-SHA-256 keyed with the key, in base64 (or, on
 * shops still set to the legacy algorithm, the SHA-1 of that string in hexadecimal).
 * @example
 * systempaySignature({ vads_amount: '5124', ... }, '1122334455667788') // 'ycA5Do5tNvsnKdc/eP1bj2xa19z9q3iWPy9/rpesfS0='
 */
export function systempaySignature(
  fields: Readonly<Record<string, string>>,
  key: string,
  algorithm: 'HMAC-SHA-256' | 'SHA-1' = 'HMAC-SHA-256',
): string {
  const names = Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort();
  const content = [...names.map((n) => fields[n]!), key].join('+');
  if (algorithm === 'SHA-1') return createHash('sha1').update(content, 'utf8').digest('hex');
  return createHmac('sha256', key).update(content, 'utf8').digest('base64');
}

/** `vads_trans_status` -> what it means for the payment. Statuses not listed wait (`pending`). */
const STATUSES: Record<string, ProviderStatus> = {
  AUTHORISED: 'paid',
  CAPTURED: 'paid',
  ACCEPTED: 'paid',
  REFUSED: 'refused',
  CAPTURE_FAILED: 'refused',
  ABANDONED: 'abandoned',
  CANCELLED: 'abandoned',
  EXPIRED: 'abandoned',
  NOT_CREATED: 'abandoned',
};

/**
 * Maps a `vads_trans_status`. `AUTHORISED_TO_VALIDATE`, `WAITING_AUTHORISATION`,
 * `UNDER_VERIFICATION`... stay pending: the money is not taken yet, a later IPN will say.
 */
export function systempayStatus(status: string): ProviderStatus {
  return STATUSES[status] ?? 'pending';
}

/** `YYYYMMDDHHmmss` in UTC, as `vads_trans_date` wants. */
export function systempayDate(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The six characters of `vads_trans_id`, unique per shop and day: from the payment's number. */
export function systempayTransId(number: number): string {
  return String(number % 900_000).padStart(6, '0');
}

/** The signed form fields of a payment, ready to post to the provider's page. */
export function systempayFields(config: SystempayConfig, payment: StartPayment): Record<string, string> {
  const fields: Record<string, string> = {
    vads_action_mode: 'INTERACTIVE',
    vads_amount: String(payment.amount),
    vads_ctx_mode: config.mode,
    vads_currency: '978',
    vads_cust_email: payment.email,
    vads_language: payment.lang,
    vads_order_id: payment.id,
    vads_page_action: 'PAYMENT',
    vads_payment_config: 'SINGLE',
    vads_site_id: config.siteId,
    vads_trans_date: systempayDate(payment.now),
    vads_trans_id: systempayTransId(payment.number),
    vads_url_check: payment.notifyUrl,
    vads_url_return: payment.returnUrl,
    vads_version: 'V2',
  };
  return { ...fields, signature: systempaySignature(fields, config.key, config.algorithm) };
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Hash both sides to equal lengths so the comparison takes the same time whatever was sent.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/**
 * Checks an IPN's fields: the signature over every `vads_*` field received, and that it is for
 * this shop in this mode. Throws {@link PaymentSignatureError} otherwise.
 */
export function verifySystempayFields(config: SystempayConfig, fields: Readonly<Record<string, string>>) {
  const signature = fields.signature;
  if (!signature) throw new PaymentSignatureError('missing signature');
  if (!sameSignature(signature, systempaySignature(fields, config.key, config.algorithm)))
    throw new PaymentSignatureError();
  if (fields.vads_site_id !== config.siteId) throw new PaymentSignatureError('another shop');
  if (fields.vads_ctx_mode !== config.mode) throw new PaymentSignatureError('another mode');
  const orderId = fields.vads_order_id;
  if (!orderId) throw new PaymentSignatureError('no order id');
  const raw = fields.vads_trans_status ?? '';
  return {
    paymentId: orderId,
    status: systempayStatus(raw),
    providerRef:
      fields.vads_trans_uuid ||
      (fields.vads_trans_id ? `${fields.vads_trans_date}-${fields.vads_trans_id}` : null),
    amount: fields.vads_amount === undefined ? undefined : Number(fields.vads_amount),
    raw,
  };
}

/** The Systempay / PayZen provider. The browser goes through Guichet's relay page, which posts the form. */
export function systempayProvider(
  config: SystempayConfig,
  relayUrl: (paymentId: string) => string,
): PaymentProvider {
  return {
    name: 'systempay',
    label: 'Systempay',
    start(payment): StartedPayment {
      return {
        redirectUrl: relayUrl(payment.id),
        providerData: { fields: systempayFields(config, payment) },
      };
    },
    async verify(request) {
      const type = request.headers.get('Content-Type') ?? '';
      if (!type.startsWith('application/x-www-form-urlencoded'))
        throw new PaymentSignatureError('not a form');
      const form = new URLSearchParams(await request.text());
      const fields: Record<string, string> = {};
      for (const [name, value] of form) fields[name] = value;
      return verifySystempayFields(config, fields);
    },
  };
}
