import { randomUUID } from 'node:crypto';
import { validatePaymentSplit } from '@guichet/sdk/rules';
import type { CardPayment, StartPaymentRequest, StartPaymentResult } from '@guichet/sdk/schemas';
import { type Selectable, sql } from 'kysely';
import { problem } from '../http/problem.js';
import type { Job } from '../jobs/scheduler.js';
import type { Mailer } from '../mail/outbox.js';
import { paymentConfirmedMail } from '../mail/templates.js';
import { createPaymentProvider, paymentUrls, type VerifiedNotification } from '../payments/index.js';
import type { CardPaymentsTable, Db } from '../store/db.js';
import type { Ctx, GuichetConfig } from './context.js';
import { accessAccount, structureOf, todayOf, walletsOf } from './family.js';

/**
 * Card payments: a family pays an amount split over its wallets through the configured provider.
 * The wallets are credited when the provider's verified notification says `paid`, once: the
 * payment row is locked, its status moves to `paid` by a conditional update, and the ledger
 * entries, payment lines (mode CB) and balances are written in that same transaction. A later
 * `paid` wins over `refused` or `abandoned` (money the bank took is never ignored).
 */

type Row = Selectable<CardPaymentsTable>;

function toCardPayment(r: Row): CardPayment {
  return {
    id: r.id,
    accountId: r.account_id,
    status: r.status,
    total: r.total,
    amounts: r.amounts,
    provider: r.provider,
    providerRef: r.provider_ref,
    createdAt: r.created_at.toISOString(),
    paidAt: r.paid_at ? r.paid_at.toISOString() : null,
  };
}

/** A return address must be this server or an origin the structure declares (no open redirect). */
function checkReturnUrl(returnUrl: string, config: GuichetConfig, origins: readonly string[]) {
  const origin = new URL(returnUrl).origin;
  const allowed = new Set([new URL(config.publicUrl).origin, ...origins.map((o) => new URL(o).origin)]);
  if (!allowed.has(origin)) throw problem('return_url_not_allowed');
}

/** Starts a payment: records it `pending` and asks the provider where to send the browser. */
export async function startPayment(
  ctx: Ctx,
  accountId: string,
  input: StartPaymentRequest,
): Promise<StartPaymentResult> {
  const account = await accessAccount(ctx, accountId);
  const structure = await structureOf(ctx.db, account.structureId);
  if (input.returnUrl) checkReturnUrl(input.returnUrl, ctx.config, structure.origins);
  const wallets = await walletsOf(ctx.db, account.id);
  const estimates = wallets.map((wallet) => ({
    wallet,
    until: '',
    estimatedCost: 0,
    newBalance: 0,
    amountDue: 0,
  }));
  const split = validatePaymentSplit(estimates, input.amounts);
  if (!split.ok) {
    if (split.reason === 'unknown_wallet') throw problem('unknown_wallet', { walletId: split.walletId });
    throw problem('nothing_to_pay');
  }
  const provider = createPaymentProvider(ctx.config);
  const urls = paymentUrls(ctx.config);
  const id = randomUUID();
  const { rows } = await sql<{ n: number }>`select nextval('card_payment_numbers') as n`.execute(ctx.db);
  const number = Number(rows[0]!.n);
  const lang = input.lang ?? 'fr';
  const names = new Map(wallets.map((w) => [w.id, w.name]));
  const started = provider.start({
    id,
    number,
    amount: split.total,
    lines: split.lines.map((l) => ({ ...l, walletName: names.get(l.walletId)! })),
    email: input.email,
    lang,
    merchantName: structure.name,
    returnUrl: urls.returnPage(id),
    notifyUrl: urls.notify(provider.name),
    now: ctx.now,
  });
  await ctx.db
    .insertInto('card_payments')
    .values({
      id,
      number,
      account_id: account.id,
      structure_id: account.structureId,
      provider: provider.name,
      amounts: JSON.stringify(Object.fromEntries(split.lines.map((l) => [l.walletId, l.amount]))),
      total: split.total,
      email: input.email,
      lang,
      return_url: input.returnUrl ?? null,
      status: 'pending',
      provider_ref: null,
      provider_data: JSON.stringify(started.providerData ?? {}),
      created_at: ctx.now,
      updated_at: ctx.now,
      paid_at: null,
    })
    .execute();
  return { paymentId: id, redirectUrl: started.redirectUrl, status: 'pending' };
}

/** A payment of the account (another account's reads as not found). */
export async function paymentStatus(ctx: Ctx, accountId: string, paymentId: string): Promise<CardPayment> {
  const account = await accessAccount(ctx, accountId);
  const row = await ctx.db
    .selectFrom('card_payments')
    .selectAll()
    .where('id', '=', paymentId)
    .where('account_id', '=', account.id)
    .executeTakeFirst();
  if (!row) throw problem('not_found');
  return toCardPayment(row);
}

/** What the provider pages and the return page show of a payment (no session there: the id is the secret). */
export async function paymentPageView(db: Db, paymentId: string) {
  const row = await db.selectFrom('card_payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  if (!row) return null;
  const structure = await structureOf(db, row.structure_id);
  const wallets = await walletsOf(db, row.account_id);
  const names = new Map(wallets.map((w) => [w.id, w.name]));
  return {
    payment: row,
    structure,
    lines: Object.entries(row.amounts).map(([walletId, amount]) => ({
      walletId,
      walletName: names.get(walletId) ?? walletId,
      amount,
    })),
  };
}

export type NotificationOutcome = 'credited' | 'already_paid' | 'updated' | 'unchanged' | 'unknown_payment';

/**
 * Applies a verified notification, in the caller's transaction. Replays and late or out-of-order
 * notifications change nothing: only the first `paid` credits.
 * @throws Error when the provider's amount is not the payment's (nothing is written)
 */
export async function applyNotification(
  db: Db,
  deps: { now: Date; mailer: Mailer; config: GuichetConfig },
  n: VerifiedNotification,
): Promise<NotificationOutcome> {
  // Ids are UUIDs: anything else cannot be ours (and would not fit the column's comparisons).
  if (!/^[0-9a-f-]{36}$/.test(n.paymentId)) return 'unknown_payment';
  const row = await db
    .selectFrom('card_payments')
    .selectAll()
    .where('id', '=', n.paymentId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return 'unknown_payment';
  if (n.amount !== undefined && n.amount !== row.total)
    throw new Error(`payment ${row.id}: the provider says ${n.amount} cents, ${row.total} were asked`);
  if (n.status === 'pending') return 'unchanged';

  if (n.status !== 'paid') {
    const changed = await db
      .updateTable('card_payments')
      .set({ status: n.status, updated_at: deps.now })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return changed.numUpdatedRows > 0n ? 'updated' : 'unchanged';
  }

  const paid = await db
    .updateTable('card_payments')
    .set({ status: 'paid', provider_ref: n.providerRef, paid_at: deps.now, updated_at: deps.now })
    .where('id', '=', row.id)
    .where('status', '!=', 'paid')
    .executeTakeFirst();
  if (paid.numUpdatedRows === 0n) return 'already_paid';

  const provider = createPaymentProvider(deps.config);
  const account = await db
    .selectFrom('accounts')
    .select(['holder_name', 'structure_id'])
    .where('id', '=', row.account_id)
    .executeTakeFirstOrThrow();
  const receivedOn = await todayOf(db, row.structure_id, deps.now);
  // Wallets in id order: two payments of one family lock them in the same order.
  const lines = Object.entries(row.amounts).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [walletId, amount] of lines) {
    const entry = await db
      .insertInto('ledger_entries')
      .values({ wallet_id: walletId, amount, kind: 'payment', created_at: deps.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('payments')
      .values({
        id: randomUUID(),
        wallet_id: walletId,
        ledger_entry_id: entry.id,
        received_on: receivedOn,
        mode: 'CB',
        piece_number: (n.providerRef ?? String(row.number)).slice(0, 64),
        payer_name: account.holder_name,
        bank_name: provider.label,
        amount,
        created_at: deps.now,
      })
      .execute();
    await db
      .updateTable('wallets')
      .set({ balance: sql`balance + ${amount}` })
      .where('id', '=', walletId)
      .where('account_id', '=', row.account_id)
      .execute();
  }

  const view = await paymentPageView(db, row.id);
  await deps.mailer.queue(
    db,
    paymentConfirmedMail({
      to: row.email,
      holderName: account.holder_name,
      structureName: view!.structure.name,
      total: row.total,
      lines: view!.lines,
      reference: n.providerRef ?? String(row.number),
      paidAt: deps.now,
      timeZone: view!.structure.timeZone,
    }),
  );
  return 'credited';
}

/** Payments left pending for a day are abandoned (a later `paid` notification still credits them). */
export async function abandonStalePayments(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('card_payments')
    .set({ status: 'abandoned', updated_at: now })
    .where('status', '=', 'pending')
    .where('created_at', '<', new Date(now.getTime() - 24 * 3600_000))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Background jobs of card payments (added to JOBS). */
export function paymentJobs(): Job[] {
  return [
    {
      name: 'abandon-stale-card-payments',
      everyMs: 15 * 60_000,
      async run(db, now) {
        const n = await abandonStalePayments(db, now);
        return n ? `${n} card payment(s) abandoned` : undefined;
      },
    },
  ];
}
