import { createHmac, timingSafeEqual } from 'node:crypto';
import { formatMoney } from '@guichet/sdk/rules';
import { escapeHtml, htmlPage } from './html.js';
import { type PaymentProvider, PaymentSignatureError, type ProviderStatus } from './provider.js';

/**
 * The sandbox provider: a bank-like page served by Guichet where a payment succeeds, is refused
 * or is abandoned, and a notification signed with HMAC-SHA-256 like a real provider's. It moves no
 * money: a real deployment configures a real provider (docs/payments.md).
 */

export const SANDBOX_SIGNATURE_HEADER = 'Guichet-Sandbox-Signature';

/** What the sandbox bank notifies. */
export interface SandboxNotification {
  paymentId: string;
  status: Exclude<ProviderStatus, 'pending'>;
  providerRef: string;
  amount: number;
}

/** `sha256=<hex HMAC-SHA-256 of the raw body>`. */
export function signSandbox(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** The body and signature header of a notification, as the sandbox bank sends it. */
export function sandboxNotification(secret: string, notification: SandboxNotification) {
  const body = JSON.stringify(notification);
  return { body, signature: signSandbox(secret, body) };
}

const STATUSES = new Set(['paid', 'refused', 'abandoned']);

export function sandboxProvider(secret: string, pageUrl: (paymentId: string) => string): PaymentProvider {
  return {
    name: 'sandbox',
    label: 'Bac à sable',
    start: (payment) => ({ redirectUrl: pageUrl(payment.id) }),
    async verify(request) {
      const given = request.headers.get(SANDBOX_SIGNATURE_HEADER) ?? '';
      const body = await request.text();
      const expected = Buffer.from(signSandbox(secret, body));
      const sent = Buffer.from(given);
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
        throw new PaymentSignatureError();
      let n: Partial<SandboxNotification>;
      try {
        n = JSON.parse(body) as Partial<SandboxNotification>;
      } catch {
        throw new PaymentSignatureError('not JSON');
      }
      if (
        typeof n.paymentId !== 'string' ||
        typeof n.providerRef !== 'string' ||
        typeof n.amount !== 'number' ||
        !STATUSES.has(n.status as string)
      )
        throw new PaymentSignatureError('malformed notification');
      return {
        paymentId: n.paymentId,
        status: n.status as SandboxNotification['status'],
        providerRef: n.providerRef,
        amount: n.amount,
        raw: n.status,
      };
    },
  };
}

const WORDS = {
  fr: {
    title: 'Banque bac à sable – paiement sécurisé',
    heading: 'Paiement par carte (bac à sable)',
    merchant: 'Marchand',
    reference: 'Référence',
    wallet: 'Porte-monnaie',
    amount: 'Montant',
    total: 'Total',
    card: 'Numéro de carte (fictif, non transmis)',
    pay: (amount: string) => `Payer ${amount}`,
    refuse: 'Simuler un refus',
    abandon: 'Abandonner',
    note: 'Bac à sable de Guichet : aucune somme n’est prélevée. Le résultat est notifié au serveur avec une signature HMAC, comme le ferait une banque.',
    done: 'Ce paiement a déjà été traité.',
  },
  en: {
    title: 'Sandbox bank – secure payment',
    heading: 'Card payment (sandbox)',
    merchant: 'Merchant',
    reference: 'Reference',
    wallet: 'Wallet',
    amount: 'Amount',
    total: 'Total',
    card: 'Card number (fake, not sent)',
    pay: (amount: string) => `Pay ${amount}`,
    refuse: 'Simulate a refusal',
    abandon: 'Give up',
    note: "Guichet's sandbox: no money is taken. The outcome is notified to the server with an HMAC signature, as a bank would.",
    done: 'This payment was already processed.',
  },
};

/** What the bank page shows. */
export interface BankPageView {
  paymentId: string;
  number: number;
  merchantName: string;
  total: number;
  lines: readonly { walletName: string; amount: number }[];
  lang: 'fr' | 'en';
  /** Where the decision is posted. */
  action: string;
}

/** The sandbox bank's page: forms only, no script. */
export function bankPage(view: BankPageView): Response {
  const w = WORDS[view.lang];
  const m = (cents: number) => escapeHtml(formatMoney(cents, view.lang));
  const rows = view.lines
    .map((l) => `<tr><td>${escapeHtml(l.walletName)}</td><td class="amount">${m(l.amount)}</td></tr>`)
    .join('');
  const body = `<main class="bank"><h1>${escapeHtml(w.heading)}</h1>
<p>${escapeHtml(w.merchant)} : <strong>${escapeHtml(view.merchantName)}</strong><br>${escapeHtml(w.reference)} : ${escapeHtml(String(view.number))}</p>
<table><thead><tr><th>${escapeHtml(w.wallet)}</th><th class="amount">${escapeHtml(w.amount)}</th></tr></thead>
<tbody>${rows}<tr class="total"><td>${escapeHtml(w.total)}</td><td class="amount">${m(view.total)}</td></tr></tbody></table>
<form method="post" action="${escapeHtml(view.action)}">
<label>${escapeHtml(w.card)} <input name="card" inputmode="numeric" autocomplete="off" value="4970 1000 0000 0000"></label>
<div class="actions"><button class="primary" name="decision" value="pay">${escapeHtml(w.pay(formatMoney(view.total, view.lang)))}</button>
<button name="decision" value="refuse">${escapeHtml(w.refuse)}</button>
<button name="decision" value="abandon">${escapeHtml(w.abandon)}</button></div></form>
<p class="note">${escapeHtml(w.note)}</p></main>`;
  return htmlPage({ lang: view.lang, title: w.title, body });
}
