import { CardPaymentSchema, HistoryMonthSchema, WalletsViewSchema } from '@guichet/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoIds, seedDemo } from '../src/demo/seed.js';
import {
  SANDBOX_SIGNATURE_HEADER,
  sandboxNotification,
  sandboxSecret,
  systempaySignature,
  systempayStatus,
  verifySystempayFields,
} from '../src/payments/index.js';
import { systempayFields } from '../src/payments/systempay.js';
import { testClock, testServer } from './harness.js';

const ORIGIN = 'http://guichet.test';
type Server = Awaited<ReturnType<typeof testServer>>;

/** A request outside /api/v1 (provider pages, notifications, return page). */
async function raw(
  t: Server,
  method: string,
  url: string,
  init: { body?: string; headers?: Record<string, string> } = {},
) {
  const { pathname, search } = new URL(url, ORIGIN);
  const res = await t.guichet.fetch(
    new Request(`${ORIGIN}${pathname}${search}`, {
      method,
      headers: init.headers ?? {},
      ...(init.body !== undefined ? { body: init.body } : {}),
      redirect: 'manual',
    }),
  );
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function balances(t: Server, ids: DemoIds) {
  const rows = await t.db
    .selectFrom('wallets')
    .select(['id', 'balance'])
    .where('account_id', '=', ids.dupont.accountId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.balance]));
}

describe('card payments through the sandbox provider', () => {
  const clock = testClock('2026-04-08T08:00:00Z');
  let t: Server;
  let ids: DemoIds;
  let dupont: string;
  let peri: string;
  let resto: string;

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
    dupont = await t.login('dupont', 'dupont-demo');
    peri = ids.dupont.wallets.periscolaire;
    resto = ids.dupont.wallets.restauration;
  });
  afterAll(() => t.close());

  const start = (amounts: Record<string, number>, key = crypto.randomUUID(), extra: object = {}) =>
    t.call('POST', `/accounts/${ids.dupont.accountId}/payments`, {
      token: dupont,
      headers: { 'Idempotency-Key': key },
      body: {
        amounts,
        email: 'jean-paul.dupont@example.fr',
        returnUrl: 'http://localhost:8080/famille',
        ...extra,
      },
    });

  const notify = (body: string, signature: string) =>
    raw(t, 'POST', '/payments/notify/sandbox', {
      body,
      headers: { 'Content-Type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
    });

  it('credits once: return before notification, notification replayed, bank page replayed', async () => {
    const before = await balances(t, ids);
    const key = crypto.randomUUID();
    const started = await start({ [peri]: 7900, [resto]: 1000 }, key);
    expect(started.status).toBe(200);
    const { paymentId, redirectUrl } = started.body;
    expect(started.body.status).toBe('pending');
    // Idempotency-Key: a resent request is the same payment.
    const again = await start({ [peri]: 7900, [resto]: 1000 }, key);
    expect(again.body.paymentId).toBe(paymentId);
    expect(await t.db.selectFrom('card_payments').select('id').execute()).toHaveLength(1);

    // The bank page: forms only, a strict CSP, the amounts.
    const bank = await raw(t, 'GET', redirectUrl);
    expect(bank.status).toBe(200);
    const csp = bank.headers.get('Content-Security-Policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(bank.text).not.toMatch(/<script/i);
    expect(bank.text).toContain('name="decision" value="pay"');
    expect(bank.text).toContain('value="refuse"');
    expect(bank.text).toContain('value="abandon"');
    expect(bank.text).toContain('89,00\u00a0€');
    expect(bank.text).toContain('Mairie de CarteVille');

    // The family comes back before the bank's notification: "en cours", nothing credited.
    const early = await raw(t, 'GET', `/payments/${paymentId}/return`);
    expect(early.status).toBe(200);
    expect(early.text).toContain('en cours');
    expect(await balances(t, ids)).toEqual(before);

    // The notification, sent 3 times at once and once more later.
    const secret = sandboxSecret(t.guichet.config);
    const n = sandboxNotification(secret, {
      paymentId,
      status: 'paid',
      providerRef: 'SBX-TEST-0001',
      amount: 8900,
    });
    const answers = await Promise.all([1, 2, 3].map(() => notify(n.body, n.signature)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.text === 'OK credited')).toHaveLength(1);
    expect((await notify(n.body, n.signature)).text).toBe('OK already_paid');

    const after = await balances(t, ids);
    expect(after[peri]).toBe(before[peri]! + 7900);
    expect(after[resto]).toBe(before[resto]! + 1000);
    const lines = await t.db.selectFrom('payments').selectAll().where('mode', '=', 'CB').execute();
    expect(lines.map((l) => [l.wallet_id, l.amount, l.piece_number, l.payer_name]).sort()).toEqual(
      [
        [peri, 7900, 'SBX-TEST-0001', 'DUPONT Jean-Paul'],
        [resto, 1000, 'SBX-TEST-0001', 'DUPONT Jean-Paul'],
      ].sort(),
    );
    const mails = await t.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('kind', '=', 'payment_confirmed')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('jean-paul.dupont@example.fr');
    expect(mails[0]!.text_body).toContain('89,00\u00a0€');
    expect(mails[0]!.text_body).toContain('SBX-TEST-0001');

    // The return page now says accepted; the bank page, posted again, changes nothing.
    expect((await raw(t, 'GET', `/payments/${paymentId}/return`)).text).toContain('Paiement accepté');
    const replay = await raw(t, 'POST', redirectUrl, {
      body: 'decision=pay',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(replay.status).toBe(303);
    expect(await balances(t, ids)).toEqual(after);

    // The API, the history (mode CB) and the wallets view agree.
    const status = await t.call('GET', `/accounts/${ids.dupont.accountId}/payments/${paymentId}`, {
      token: dupont,
    });
    expect(CardPaymentSchema.parse(status.body)).toMatchObject({
      status: 'paid',
      total: 8900,
      providerRef: 'SBX-TEST-0001',
    });
    const history = HistoryMonthSchema.parse(
      (await t.call('GET', `/accounts/${ids.dupont.accountId}/history?month=2026-04`, { token: dupont }))
        .body,
    );
    expect(
      history.payments
        .filter((p) => p.mode === 'CB')
        .map((p) => p.amount)
        .sort(),
    ).toEqual([1000, 7900]);
    const wallets = WalletsViewSchema.parse(
      (await t.call('GET', `/accounts/${ids.dupont.accountId}/wallets`, { token: dupont })).body,
    );
    expect(wallets.estimates.find((e) => e.wallet.id === peri)!.wallet.balance).toBe(after[peri]);
  });

  it('goes through the bank page: pay, refuse, abandon', async () => {
    const decide = async (decision: string) => {
      const started = await start({ [resto]: 500 });
      const res = await raw(t, 'POST', started.body.redirectUrl, {
        body: `decision=${decision}&card=4970+1000+0000+0000`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get('Location')!).pathname).toBe(
        `/payments/${started.body.paymentId}/return`,
      );
      const back = await raw(t, 'GET', res.headers.get('Location')!);
      const row = await t.db
        .selectFrom('card_payments')
        .select(['status'])
        .where('id', '=', started.body.paymentId)
        .executeTakeFirstOrThrow();
      return { status: row.status, page: back.text, paymentId: started.body.paymentId as string };
    };
    const before = (await balances(t, ids))[resto]!;
    const paid = await decide('pay');
    expect(paid.status).toBe('paid');
    expect(paid.page).toContain('Paiement accepté');
    expect((await balances(t, ids))[resto]).toBe(before + 500);

    const refused = await decide('refuse');
    expect(refused.status).toBe('refused');
    expect(refused.page).toContain('refusé');
    const abandoned = await decide('abandon');
    expect(abandoned.status).toBe('abandoned');
    expect(abandoned.page).toContain('abandonné');
    expect((await balances(t, ids))[resto]).toBe(before + 500);
    // A refused payment's bank page sends back to the return page.
    expect((await raw(t, 'GET', `/payments/sandbox/${refused.paymentId}`)).status).toBe(303);
  });

  it('refuses a notification with a bad signature or a changed body, and credits nothing', async () => {
    const started = await start({ [peri]: 1234 });
    const { paymentId } = started.body;
    const before = await balances(t, ids);
    const secret = sandboxSecret(t.guichet.config);
    const good = sandboxNotification(secret, {
      paymentId,
      status: 'paid',
      providerRef: 'SBX-FORGED',
      amount: 1234,
    });
    const forged = sandboxNotification('not-the-secret', {
      paymentId,
      status: 'paid',
      providerRef: 'SBX-F',
      amount: 1234,
    });
    expect((await notify(forged.body, forged.signature)).status).toBe(400);
    expect((await notify(good.body.replace('1234', '99999'), good.signature)).status).toBe(400);
    expect((await notify(good.body, '')).status).toBe(400);
    // Genuine but for another amount than the one asked: not applied.
    const wrongAmount = sandboxNotification(secret, {
      paymentId,
      status: 'paid',
      providerRef: 'SBX-W',
      amount: 1,
    });
    expect((await notify(wrongAmount.body, wrongAmount.signature)).status).toBe(400);
    expect(await balances(t, ids)).toEqual(before);
    const row = await t.db
      .selectFrom('card_payments')
      .selectAll()
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });

  it('lets a late paid notification win over abandoned, once', async () => {
    const started = await start({ [peri]: 300 });
    const { paymentId } = started.body;
    const secret = sandboxSecret(t.guichet.config);
    const before = (await balances(t, ids))[peri]!;
    const gaveUp = sandboxNotification(secret, {
      paymentId,
      status: 'abandoned',
      providerRef: 'SBX-L1',
      amount: 300,
    });
    expect((await notify(gaveUp.body, gaveUp.signature)).text).toBe('OK updated');
    const paid = sandboxNotification(secret, {
      paymentId,
      status: 'paid',
      providerRef: 'SBX-L2',
      amount: 300,
    });
    expect((await notify(paid.body, paid.signature)).text).toBe('OK credited');
    // An abandon arriving after the payment changes nothing.
    expect((await notify(gaveUp.body, gaveUp.signature)).text).toBe('OK unchanged');
    expect((await balances(t, ids))[peri]).toBe(before + 300);
  });

  it('checks who pays what, and where the browser may come back to', async () => {
    expect((await start({ [peri]: 0 })).body.code).toBe('nothing_to_pay');
    expect((await start({ 'no-such-wallet': 100 })).body.code).toBe('unknown_wallet');
    expect((await start({ [peri]: -5 })).body.code).toBe('validation_failed');
    expect(
      (await start({ [peri]: 100 }, undefined, { returnUrl: 'https://evil.example/phish' })).body.code,
    ).toBe('return_url_not_allowed');
    const other = await t.call('POST', `/accounts/${ids.martin.accountId}/payments`, {
      token: dupont,
      body: { amounts: { [peri]: 100 }, email: 'jean-paul.dupont@example.fr' },
    });
    expect(other.status).toBe(404);
    expect((await raw(t, 'GET', '/payments/00000000-0000-0000-0000-000000000000/return')).status).toBe(404);
    expect((await raw(t, 'POST', '/payments/notify/systempay', { body: '' })).status).toBe(404);
  });
});

describe('Systempay / PayZen hosted form adapter', () => {
  // The worked example of Lyra's "Guide d'implémentation formulaire de paiement" (Systempay and
  // PayZen), section "Calculer la signature": shop 12345678, test key 1122334455667788.
  const GUIDE_FIELDS = {
    vads_action_mode: 'INTERACTIVE',
    vads_amount: '5124',
    vads_ctx_mode: 'TEST',
    vads_currency: '978',
    vads_page_action: 'PAYMENT',
    vads_payment_config: 'SINGLE',
    vads_site_id: '12345678',
    vads_trans_date: '20170129130025',
    vads_trans_id: '123456',
    vads_version: 'V2',
  };
  const GUIDE_KEY = '1122334455667788';

  it('computes the signatures of the published example (HMAC-SHA-256 and legacy SHA-1)', () => {
    expect(systempaySignature(GUIDE_FIELDS, GUIDE_KEY)).toBe('ycA5Do5tNvsnKdc/eP1bj2xa19z9q3iWPy9/rpesfS0=');
    expect(systempaySignature(GUIDE_FIELDS, GUIDE_KEY, 'SHA-1')).toBe(
      '59c96b34c74b9375c332b0b6a32e6deeec87de2b',
    );
    // Field order does not matter (sorted by name); fields that are not vads_* are not signed.
    const shuffled = Object.fromEntries(Object.entries(GUIDE_FIELDS).reverse());
    expect(systempaySignature({ ...shuffled, signature: 'x', other: 'y' }, GUIDE_KEY)).toBe(
      'ycA5Do5tNvsnKdc/eP1bj2xa19z9q3iWPy9/rpesfS0=',
    );
  });

  it('verifies an IPN and maps its statuses', () => {
    const config = {
      provider: 'systempay' as const,
      siteId: '12345678',
      key: GUIDE_KEY,
      mode: 'TEST' as const,
    };
    const ipn = {
      ...GUIDE_FIELDS,
      vads_order_id: '5f0c6c1e-8a7b-4b7e-9d51-6f8f2a7b1c3d',
      vads_trans_status: 'AUTHORISED',
      vads_trans_uuid: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      vads_hash: 'ignored-but-signed',
    };
    const signed = { ...ipn, signature: systempaySignature(ipn, GUIDE_KEY) };
    expect(verifySystempayFields(config, signed)).toMatchObject({
      paymentId: ipn.vads_order_id,
      status: 'paid',
      providerRef: ipn.vads_trans_uuid,
      amount: 5124,
    });
    expect(() => verifySystempayFields(config, { ...signed, vads_amount: '1' })).toThrow(/signature/);
    expect(() => verifySystempayFields(config, { ...signed, signature: undefined as never })).toThrow();
    expect(() => verifySystempayFields({ ...config, siteId: '87654321' }, signed)).toThrow(/shop/);
    expect(() => verifySystempayFields({ ...config, mode: 'PRODUCTION' }, signed)).toThrow(/mode/);
    expect(systempayStatus('REFUSED')).toBe('refused');
    expect(systempayStatus('ABANDONED')).toBe('abandoned');
    expect(systempayStatus('CANCELLED')).toBe('abandoned');
    expect(systempayStatus('CAPTURED')).toBe('paid');
    expect(systempayStatus('AUTHORISED_TO_VALIDATE')).toBe('pending');
    expect(systempayStatus('UNDER_VERIFICATION')).toBe('pending');
  });

  it('builds the signed form: amount in cents, EUR, order id, a six-digit transaction id', () => {
    const config = {
      provider: 'systempay' as const,
      siteId: '12345678',
      key: GUIDE_KEY,
      mode: 'TEST' as const,
    };
    const fields = systempayFields(config, {
      id: 'pay-1',
      number: 1_234_567,
      amount: 7900,
      lines: [],
      email: 'a@example.fr',
      lang: 'fr',
      merchantName: 'Mairie',
      returnUrl: 'http://localhost:8080/payments/pay-1/return',
      notifyUrl: 'http://localhost:8080/payments/notify/systempay',
      now: new Date('2026-04-08T08:09:10Z'),
    });
    expect(fields).toMatchObject({
      vads_amount: '7900',
      vads_currency: '978',
      vads_order_id: 'pay-1',
      vads_trans_id: '334567',
      vads_trans_date: '20260408080910',
      vads_version: 'V2',
    });
    const { signature, ...signedFields } = fields;
    expect(signature).toBe(systempaySignature(signedFields, GUIDE_KEY));
  });

  it('runs a payment end to end against the app: relay form, IPN, credited once', async () => {
    const clock = testClock('2026-04-08T08:00:00Z');
    const key = 'test-key-0123456789';
    const t = await testServer({
      clock,
      config: { payments: { provider: 'systempay', siteId: '11223344', key, mode: 'TEST' } },
    });
    try {
      const ids = await seedDemo(t.db, clock());
      const token = await t.login('dupont', 'dupont-demo');
      const peri = ids.dupont.wallets.periscolaire;
      const started = await t.call('POST', `/accounts/${ids.dupont.accountId}/payments`, {
        token,
        body: { amounts: { [peri]: 2500 }, email: 'jean-paul.dupont@example.fr' },
      });
      expect(started.status).toBe(200);
      const relay = await raw(t, 'GET', started.body.redirectUrl);
      expect(relay.status).toBe(200);
      expect(relay.text).toContain('action="https://paiement.systempay.fr/vads-payment/"');
      expect(relay.headers.get('Content-Security-Policy')).toContain(
        "form-action 'self' https://paiement.systempay.fr",
      );
      const fields = Object.fromEntries(
        [...relay.text.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
      );
      expect(fields.vads_amount).toBe('2500');
      // The provider answers (IPN) with the payment's fields plus its own, signed with the shop key.
      const ipn: Record<string, string> = {
        vads_amount: '2500',
        vads_ctx_mode: 'TEST',
        vads_currency: '978',
        vads_order_id: started.body.paymentId,
        vads_site_id: '11223344',
        vads_trans_date: fields.vads_trans_date!,
        vads_trans_id: fields.vads_trans_id!,
        vads_trans_status: 'AUTHORISED',
        vads_trans_uuid: '0123456789abcdef0123456789abcdef',
        vads_card_brand: 'CB',
        vads_cust_email: 'jean-paul.dupont+test@example.fr',
      };
      const body = new URLSearchParams({ ...ipn, signature: systempaySignature(ipn, key) }).toString();
      const post = (text: string) =>
        raw(t, 'POST', '/payments/notify/systempay', {
          body: text,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
      expect((await post(body.replace('AUTHORISED', 'REFUSED'))).status).toBe(400);
      const before = (
        await t.db.selectFrom('wallets').select('balance').where('id', '=', peri).executeTakeFirstOrThrow()
      ).balance;
      expect((await post(body)).text).toBe('OK credited');
      expect((await post(body)).text).toBe('OK already_paid');
      const after = (
        await t.db.selectFrom('wallets').select('balance').where('id', '=', peri).executeTakeFirstOrThrow()
      ).balance;
      expect(after).toBe(before + 2500);
      const line = await t.db
        .selectFrom('payments')
        .selectAll()
        .where('mode', '=', 'CB')
        .executeTakeFirstOrThrow();
      expect(line).toMatchObject({ piece_number: ipn.vads_trans_uuid, bank_name: 'Systempay', amount: 2500 });
      // No sandbox bank on a real provider.
      expect((await raw(t, 'GET', `/payments/sandbox/${started.body.paymentId}`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
