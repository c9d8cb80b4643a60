import type { GuichetConfig } from '../services/context.js';
import { type PaymentConfig, type PaymentProvider, PROCESS_SANDBOX_SECRET } from './provider.js';
import { sandboxProvider } from './sandbox.js';
import { systempayProvider } from './systempay.js';

export * from './provider.js';
export { bankPage, SANDBOX_SIGNATURE_HEADER, sandboxNotification, signSandbox } from './sandbox.js';
export { systempaySignature, systempayStatus, verifySystempayFields } from './systempay.js';

/** The configured provider: the sandbox unless `config.payments` names a real one. */
export function paymentConfig(config: GuichetConfig): PaymentConfig {
  return config.payments ?? { provider: 'sandbox' };
}

/** The secret the sandbox signs its notifications with. */
export function sandboxSecret(config: GuichetConfig): string {
  const payments = paymentConfig(config);
  return (payments.provider === 'sandbox' && payments.secret) || PROCESS_SANDBOX_SECRET;
}

/** Guichet's own addresses of a payment (under `publicUrl`). */
export const paymentUrls = (config: GuichetConfig) => ({
  sandboxPage: (id: string) => `${config.publicUrl}/payments/sandbox/${id}`,
  relayPage: (id: string) => `${config.publicUrl}/payments/systempay/${id}`,
  returnPage: (id: string) => `${config.publicUrl}/payments/${id}/return`,
  notify: (provider: string) => `${config.publicUrl}/payments/notify/${provider}`,
});

/** Makes the provider of the configuration. */
export function createPaymentProvider(config: GuichetConfig): PaymentProvider {
  const payments = paymentConfig(config);
  const urls = paymentUrls(config);
  if (payments.provider === 'systempay') return systempayProvider(payments, urls.relayPage);
  return sandboxProvider(sandboxSecret(config), urls.sandboxPage);
}

/**
 * The provider from the environment: `PAYMENT_PROVIDER=systempay` with `SYSTEMPAY_SITE_ID`,
 * `SYSTEMPAY_KEY`, `SYSTEMPAY_MODE` (TEST or PRODUCTION), optional `SYSTEMPAY_FORM_URL` and
 * `SYSTEMPAY_ALGORITHM` (HMAC-SHA-256 or SHA-1); otherwise the sandbox, signed with
 * `PAYMENT_SANDBOX_SECRET` when set.
 */
export function paymentConfigFromEnv(env: Record<string, string | undefined>): PaymentConfig {
  if (env.PAYMENT_PROVIDER === 'systempay') {
    const { SYSTEMPAY_SITE_ID: siteId, SYSTEMPAY_KEY: key, SYSTEMPAY_MODE: mode } = env;
    if (!siteId || !key || (mode !== 'TEST' && mode !== 'PRODUCTION'))
      throw new Error(
        'PAYMENT_PROVIDER=systempay needs SYSTEMPAY_SITE_ID, SYSTEMPAY_KEY and SYSTEMPAY_MODE (TEST or PRODUCTION)',
      );
    const algorithm = env.SYSTEMPAY_ALGORITHM === 'SHA-1' ? 'SHA-1' : 'HMAC-SHA-256';
    return {
      provider: 'systempay',
      siteId,
      key,
      mode,
      algorithm,
      ...(env.SYSTEMPAY_FORM_URL ? { formUrl: env.SYSTEMPAY_FORM_URL } : {}),
    };
  }
  if (env.PAYMENT_PROVIDER && env.PAYMENT_PROVIDER !== 'sandbox')
    throw new Error(`PAYMENT_PROVIDER: unknown provider ${env.PAYMENT_PROVIDER} (sandbox or systempay)`);
  return {
    provider: 'sandbox',
    ...(env.PAYMENT_SANDBOX_SECRET ? { secret: env.PAYMENT_SANDBOX_SECRET } : {}),
  };
}
