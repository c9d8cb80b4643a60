import { formatMoney } from '@guichet/sdk/rules';
import type { Hono } from 'hono';
import type { Mailer } from '../mail/outbox.js';
import { mountOutboxViewer } from '../mail/outbox-viewer.js';
import { escapeHtml, htmlPage } from '../payments/html.js';
import {
  bankPage,
  createPaymentProvider,
  PaymentSignatureError,
  paymentConfig,
  paymentUrls,
  SANDBOX_SIGNATURE_HEADER,
  sandboxNotification,
  sandboxSecret,
} from '../payments/index.js';
import { SYSTEMPAY_FORM_URL } from '../payments/systempay.js';
import type { GuichetConfig } from '../services/context.js';
import * as ical from '../services/ical.js';
import * as payments from '../services/payments.js';
import type { Db } from '../store/db.js';
import type { Handlers } from './handlers.js';

export const paymentHandlers: Handlers = {
  startPayment: (ctx, { params, body }) => payments.startPayment(ctx, params.accountId, body),
  paymentStatus: (ctx, { params }) => payments.paymentStatus(ctx, params.accountId, params.paymentId),
  calendarFeed: (ctx, { params }) => ical.calendarFeed(ctx, params.accountId),
  rotateCalendarFeed: (ctx, { params }) => ical.rotateCalendarFeed(ctx, params.accountId),
  async revokeCalendarFeed(ctx, { params }) {
    await ical.revokeCalendarFeed(ctx, params.accountId);
    return undefined;
  },
};

export interface PaymentRouteDeps {
  db: Db;
  clock: () => Date;
  mailer: Mailer;
  config: GuichetConfig;
  /** The outbox viewer's key; the viewer is not mounted without one. */
  outboxKey?: string | null | undefined;
}

const RETURN_WORDS = {
  fr: {
    title: 'Paiement par carte',
    paid: 'Paiement accepté : vos porte-monnaie sont crédités. Un mail de confirmation vous est envoyé.',
    pending: 'Paiement en cours : la banque n’a pas encore confirmé. Cette page se met à jour toute seule.',
    refused: 'Paiement refusé par la banque. Aucune somme n’a été prélevée.',
    abandoned: 'Paiement abandonné. Aucune somme n’a été prélevée.',
    amount: 'Montant',
    back: 'Retour au site',
    missing: 'Paiement introuvable.',
  },
  en: {
    title: 'Card payment',
    paid: 'Payment accepted: your wallets are credited. A confirmation mail is on its way.',
    pending: 'Payment in progress: the bank has not confirmed yet. This page updates itself.',
    refused: 'Payment refused by the bank. No money was taken.',
    abandoned: 'Payment abandoned. No money was taken.',
    amount: 'Amount',
    back: 'Back to the site',
    missing: 'Payment not found.',
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const notFound = () => htmlPage({ lang: 'fr', title: '404', body: '<main><h1>404</h1></main>', status: 404 });

/**
 * Mounts what is not JSON API: the provider's pages (the sandbox bank, or the relay that posts a
 * hosted form), the provider's notification endpoint, the return page, the calendar feeds and,
 * when a key is given, the outbox viewer.
 */
export function mountPaymentRoutes(app: Hono, deps: PaymentRouteDeps): void {
  const { db, config } = deps;
  const provider = createPaymentProvider(config);
  const urls = paymentUrls(config);
  const view = (id: string) => (UUID.test(id) ? payments.paymentPageView(db, id) : Promise.resolve(null));

  // ---- the provider's notification: verified, then applied in one transaction
  app.post('/payments/notify/:provider', async (c) => {
    if (c.req.param('provider') !== provider.name) return c.text('unknown provider', 404);
    let verified: Awaited<ReturnType<typeof provider.verify>>;
    try {
      verified = await provider.verify(c.req.raw);
    } catch (err) {
      if (err instanceof PaymentSignatureError) return c.text(`refused: ${err.message}`, 400);
      throw err;
    }
    try {
      const outcome = await db
        .transaction()
        .execute((trx) =>
          payments.applyNotification(trx, { now: deps.clock(), mailer: deps.mailer, config }, verified),
        );
      if (outcome === 'unknown_payment') return c.text('unknown payment', 404);
      return c.text(`OK ${outcome}`);
    } catch (err) {
      console.error('[guichet] payment notification:', err);
      return c.text('not applied', 400);
    }
  });

  // ---- the return page: reads, never changes anything
  app.get('/payments/:id/return', async (c) => {
    const v = await view(c.req.param('id'));
    if (!v) return notFound();
    const lang = v.payment.lang;
    const w = RETURN_WORDS[lang];
    const status = v.payment.status;
    const back = v.payment.return_url
      ? `<p><a class="button" href="${escapeHtml(v.payment.return_url)}">${escapeHtml(w.back)}</a></p>`
      : '';
    const body = `<main><h1>${escapeHtml(w.title)} – ${escapeHtml(v.structure.name)}</h1>
<p class="status ${status}" role="status">${escapeHtml(w[status])}</p>
<p>${escapeHtml(w.amount)} : ${escapeHtml(formatMoney(v.payment.total, lang))}</p>${back}</main>`;
    return htmlPage({ lang, title: w.title, body, ...(status === 'pending' ? { refresh: 5 } : {}) });
  });

  // ---- the sandbox bank
  if (provider.name === 'sandbox') {
    const secret = sandboxSecret(config);
    app.get('/payments/sandbox/:id', async (c) => {
      const v = await view(c.req.param('id'));
      if (!v) return notFound();
      if (v.payment.status !== 'pending') return c.redirect(urls.returnPage(v.payment.id), 303);
      return bankPage({
        paymentId: v.payment.id,
        number: v.payment.number,
        merchantName: v.structure.name,
        total: v.payment.total,
        lines: v.lines,
        lang: v.payment.lang,
        action: `/payments/sandbox/${v.payment.id}`,
      });
    });
    app.post('/payments/sandbox/:id', async (c) => {
      const v = await view(c.req.param('id'));
      if (!v) return notFound();
      const returnPage = urls.returnPage(v.payment.id);
      if (v.payment.status !== 'pending') return c.redirect(returnPage, 303);
      const form = await c.req.parseBody();
      const decision = form.decision;
      const status = decision === 'pay' ? 'paid' : decision === 'refuse' ? 'refused' : 'abandoned';
      const ref = `SBX-${String(v.payment.number).padStart(6, '0')}-${crypto.randomUUID().slice(0, 8)}`;
      const { body, signature } = sandboxNotification(secret, {
        paymentId: v.payment.id,
        status,
        providerRef: ref,
        amount: v.payment.total,
      });
      // The bank notifies the merchant server to server, through the real notification route.
      await app.fetch(
        new Request(new URL('/payments/notify/sandbox', c.req.url), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
          body,
        }),
      );
      return c.redirect(returnPage, 303);
    });
  }

  // ---- Systempay: the page that posts the signed form to the provider
  const settings = paymentConfig(config);
  if (settings.provider === 'systempay') {
    const formUrl = settings.formUrl ?? SYSTEMPAY_FORM_URL;
    app.get('/payments/systempay/:id', async (c) => {
      const v = await view(c.req.param('id'));
      if (!v) return notFound();
      if (v.payment.status !== 'pending') return c.redirect(urls.returnPage(v.payment.id), 303);
      const fields = (v.payment.provider_data.fields ?? {}) as Record<string, string>;
      const lang = v.payment.lang;
      const inputs = Object.entries(fields)
        .map(
          ([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
        )
        .join('');
      const label =
        lang === 'fr' ? 'Continuer vers le paiement sécurisé' : 'Go on to the secure payment page';
      const body = `<main><h1>${escapeHtml(v.structure.name)}</h1><p>${escapeHtml(formatMoney(v.payment.total, lang))}</p>
<form method="post" action="${escapeHtml(formUrl)}">${inputs}<button class="primary">${escapeHtml(label)}</button></form></main>`;
      return htmlPage({ lang, title: label, body, formTargets: [new URL(formUrl).origin] });
    });
  }

  // ---- private calendar feeds
  app.get('/feeds/:file', async (c) => {
    const file = c.req.param('file');
    const text = file.endsWith('.ics') ? await ical.feedCalendar(db, file.slice(0, -4), deps.clock()) : null;
    if (text === null) return c.text('Not found', 404);
    return c.body(text, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="guichet.ics"',
      'Cache-Control': 'private, max-age=300',
    });
  });

  if (deps.outboxKey) mountOutboxViewer(app, db, deps.outboxKey);
}
