import { randomInt, randomUUID } from 'node:crypto';
import {
  addDaysIso,
  compareLotsForDebit,
  expiringWithin,
  formatIsoDate,
  reverseDebit as giveBack,
  isoDateInZone,
  lotExpiry,
  nearestExpiry,
  planDebit,
  voucherBalance,
} from '@guichet/sdk/rules';
import {
  COUNTERMARK_ALPHABET,
  type Debit,
  type IsoDate,
  type Lot,
  type Page,
  type ScreeningDecision,
  type ScreeningRequest,
  type ScreeningRequestInput,
  type ScreeningStatus,
  type Voucher,
  type VoucherDebitInput,
  type VoucherDebitResult,
  type VoucherDetail,
  type VoucherOrderInput,
  type VoucherOrderView,
  type VoucherSummary,
} from '@guichet/sdk/schemas';
import { type Selectable, sql } from 'kysely';
import type { KeyClaim } from '../http/handlers.js';
import { ProblemError, problem } from '../http/problem.js';
import { voucherMail } from '../mail/templates.js';
import { screeningAnswerMail } from '../mail/voucher-mails.js';
import type { Db, ScreeningRequestsTable, VoucherOrdersTable, VouchersTable } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { Ctx, Principal } from './context.js';
import { qrPayload, verifyPayload } from './signing.js';

/**
 * Cartoonettes (seed 000): prepaid cinema places of a leisure centre, in lots valid one year date
 * to date. Writes run in the request's transaction (READ COMMITTED); a debit or a reversal locks
 * the voucher row first (`for update`), so concurrent desks take turns on one voucher and never
 * take more places than it holds. A debit is all or nothing and append-only: a reversal is a
 * compensating row with negative places.
 */

/** A centre orders at least this many days before its first session. */
export const ORDER_NOTICE_DAYS = 14;
/** "Expiring soon" on the centre's page. */
const SOON_DAYS = 30;
const DETAIL_DEBITS = 200;
const DETAIL_ORDERS = 100;
const PAGE_SIZE = 50;
const SCREENINGS_MAX = 500;

type VoucherRow = Selectable<VouchersTable>;
type OrderRow = Selectable<VoucherOrdersTable> & { holder_name: string };
type ScreeningRow = Selectable<ScreeningRequestsTable> & { holder_name: string; venue_name: string };

// ---- who may do what

function principal(ctx: Ctx): Principal {
  if (!ctx.principal) throw problem('unauthenticated');
  return ctx.principal;
}

/** The structure the caller administers. */
function staffStructure(ctx: Ctx): string {
  const p = principal(ctx);
  if (!p.roles.includes('admin')) throw problem('forbidden');
  return p.structureId;
}

interface CentreAccount {
  id: string;
  structureId: string;
  holderName: string;
  email: string | null;
}

/** A centre's account, for its own referent or the staff of its network; anything else is not found. */
async function centreAccount(ctx: Ctx, accountId: string): Promise<CentreAccount> {
  const p = principal(ctx);
  const row = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'structure_id', 'holder_name', 'email'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row || row.structure_id !== p.structureId) throw problem('not_found');
  const own = p.roles.includes('referent') && p.accountId === row.id;
  if (!own && !p.roles.includes('admin')) throw problem('not_found');
  return { id: row.id, structureId: row.structure_id, holderName: row.holder_name, email: row.email };
}

/** A venue of the caller's desk; another venue, or one of another network, is not found. */
async function deskVenue(ctx: Ctx, venueId: string) {
  const p = principal(ctx);
  if (!p.roles.includes('cashier') || !p.venueIds.includes(venueId)) throw problem('not_found');
  const [venue] = await venueOf(ctx.db, venueId, p.structureId);
  if (!venue) throw problem('not_found');
  return venue;
}

const venueOf = prepared((db, venueId: string, structureId: string) =>
  db
    .selectFrom('venues')
    .select(['id', 'name'])
    .where('id', '=', venueId)
    .where('structure_id', '=', structureId),
);

/** The venues whose groups the caller handles: every venue for the network's admin, else the cashier's. */
function staffVenues(p: Principal): string[] | 'all' {
  return p.roles.includes('admin') ? 'all' : p.roles.includes('cashier') ? p.venueIds : [];
}

const mayHandle = (p: Principal, venueId: string) => {
  const venues = staffVenues(p);
  return venues === 'all' || venues.includes(venueId);
};

/** A venue the caller may work at: one of a cashier's venues, or any venue of an admin's structure. */
async function assertVenue(ctx: Ctx, p: Principal, venueId: string): Promise<void> {
  if (!mayHandle(p, venueId)) throw problem('not_found');
  const venue = await ctx.db
    .selectFrom('venues')
    .select('id')
    .where('id', '=', venueId)
    .where('structure_id', '=', p.structureId)
    .executeTakeFirst();
  if (!venue) throw problem('not_found');
}

async function structureInfo(db: Db, structureId: string) {
  return db
    .selectFrom('structures')
    .select(['name', 'time_zone'])
    .where('id', '=', structureId)
    .executeTakeFirstOrThrow();
}

async function todayOf(ctx: Ctx, structureId: string): Promise<IsoDate> {
  return isoDateInZone(ctx.now, (await structureInfo(ctx.db, structureId)).time_zone);
}

// ---- numbers and codes

/** A new voucher number: `CT-` and 8 symbols of the countermark alphabet, each uniform. */
export function newVoucherNumber(): string {
  let symbols = '';
  for (let i = 0; i < 8; i++) symbols += COUNTERMARK_ALPHABET.charAt(randomInt(COUNTERMARK_ALPHABET.length));
  return `CT-${symbols}`;
}

// Spaces of any kind and the dashes people type between groups of symbols.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]+/gu;

/**
 * The voucher number behind what the desk read. A QR payload (it holds dots) must carry a valid
 * signature, checked before any voucher is looked up: otherwise `forged_code`. A typed number is
 * forgiven its case, spaces and dashes; anything else is `unknown_voucher`.
 */
async function numberOf(db: Db, code: string): Promise<string> {
  const text = code.trim();
  if (text.includes('.')) {
    const number = await verifyPayload(db, text);
    if (!number) throw problem('forged_code');
    return number;
  }
  const typed = /^CT([A-HJ-NP-Z2-7]{8})$/.exec(text.replace(SEPARATORS, '').toUpperCase());
  if (!typed) throw problem('unknown_voucher');
  return `CT-${typed[1]}`;
}

// ---- views

function toLot(row: {
  id: string;
  voucher_id: string;
  places: number;
  remaining: number;
  loaded_on: string;
  last_valid_day: string;
}): Lot {
  return {
    id: row.id,
    voucherId: row.voucher_id,
    places: row.places,
    remaining: row.remaining,
    loadedOn: row.loaded_on,
    lastValidDay: row.last_valid_day,
  };
}

// The vouchers as one array parameter, so the SQL is the same whatever their number.
const lotsOfVouchers = prepared((db, voucherIds: string[]) =>
  db.selectFrom('voucher_lots').selectAll().where(sql<boolean>`voucher_id = any(${voucherIds}::text[])`),
);

async function lotsOf(db: Db, voucherIds: string[]): Promise<Lot[]> {
  if (voucherIds.length === 0) return [];
  const rows = await lotsOfVouchers(db, voucherIds);
  return rows.map(toLot).sort(compareLotsForDebit);
}

async function toVoucher(db: Db, row: VoucherRow, holderName: string): Promise<Voucher> {
  return {
    id: row.id,
    number: row.number,
    holderAccountId: row.holder_account_id,
    holderName,
    email: row.email,
    status: row.status,
    qrPayload: await qrPayload(db, row.number),
    createdAt: row.created_at.toISOString(),
  };
}

function toSummary(row: VoucherRow, holderName: string, lots: Lot[], today: IsoDate): VoucherSummary {
  return {
    id: row.id,
    number: row.number,
    holderAccountId: row.holder_account_id,
    holderName,
    status: row.status,
    today,
    placesLeft: voucherBalance(lots, today),
    nearestExpiry: nearestExpiry(lots, today),
    lots,
  };
}

async function summaryOf(ctx: Ctx, row: VoucherRow): Promise<VoucherSummary> {
  const account = await ctx.db
    .selectFrom('accounts')
    .select('holder_name')
    .where('id', '=', row.holder_account_id)
    .executeTakeFirstOrThrow();
  return toSummary(
    row,
    account.holder_name,
    await lotsOf(ctx.db, [row.id]),
    await todayOf(ctx, row.structure_id),
  );
}

/** Debits and reversals of a voucher (or the given ones), newest first, with venue and allocations. */
async function debitsOf(db: Db, filter: { voucherId?: string; ids?: string[] }, limit = DETAIL_DEBITS) {
  let select = db
    .selectFrom('voucher_debits')
    .innerJoin('venues', 'venues.id', 'voucher_debits.venue_id')
    .selectAll('voucher_debits')
    .select('venues.name as venue_name');
  if (filter.voucherId) select = select.where('voucher_debits.voucher_id', '=', filter.voucherId);
  if (filter.ids) select = select.where('voucher_debits.id', 'in', filter.ids);
  const rows = await select
    .orderBy('voucher_debits.at', 'desc')
    .orderBy('voucher_debits.id', 'desc')
    .limit(limit)
    .execute();
  const allocations = rows.length
    ? await db
        .selectFrom('voucher_debit_allocations')
        .selectAll()
        .where(
          'debit_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('lot_id')
        .execute()
    : [];
  return rows.map(
    (r): Debit => ({
      id: r.id,
      voucherId: r.voucher_id,
      venueId: r.venue_id,
      venueName: r.venue_name,
      cashierId: r.cashier_id,
      places: r.places,
      allocations: allocations
        .filter((a) => a.debit_id === r.id)
        .map((a) => ({ lotId: a.lot_id, places: a.places })),
      at: r.at.toISOString(),
      reverses: r.reverses,
      reason: r.reason,
    }),
  );
}

async function debitById(db: Db, id: string): Promise<Debit> {
  const [debit] = await debitsOf(db, { ids: [id] }, 1);
  if (!debit) throw new Error(`Debit ${id} vanished`);
  return debit;
}

function toOrder(row: OrderRow): VoucherOrderView {
  return {
    id: row.id,
    holderAccountId: row.account_id,
    centreName: row.holder_name,
    referent: {
      firstName: row.referent_first_name,
      lastName: row.referent_last_name,
      phone: row.referent_phone,
    },
    places: row.places,
    firstSessionDate: row.first_session_date,
    quoteAddressee: row.quote_addressee,
    status: row.status,
    paymentReference: row.payment_reference,
    createdAt: row.created_at.toISOString(),
    lotId: row.lot_id,
    voucherEmail: row.voucher_email,
  };
}

const ordersQuery = (db: Db) =>
  db
    .selectFrom('voucher_orders')
    .innerJoin('accounts', 'accounts.id', 'voucher_orders.account_id')
    .selectAll('voucher_orders')
    .select('accounts.holder_name');

// ---- the centre

/** A centre's cartoonette page: the voucher (null before its first load), its lots, debits and orders. */
export async function voucherDetail(ctx: Ctx, accountId: string): Promise<VoucherDetail> {
  const account = await centreAccount(ctx, accountId);
  const today = await todayOf(ctx, account.structureId);
  const row = await ctx.db
    .selectFrom('vouchers')
    .selectAll()
    .where('holder_account_id', '=', account.id)
    .executeTakeFirst();
  const lots = row ? await lotsOf(ctx.db, [row.id]) : [];
  const orders = await ordersQuery(ctx.db)
    .where('voucher_orders.account_id', '=', account.id)
    .orderBy('voucher_orders.created_at', 'desc')
    .orderBy('voucher_orders.id', 'desc')
    .limit(DETAIL_ORDERS)
    .execute();
  return {
    accountId: account.id,
    holderName: account.holderName,
    voucher: row ? await toVoucher(ctx.db, row, account.holderName) : null,
    today,
    placesLeft: voucherBalance(lots, today),
    nearestExpiry: nearestExpiry(lots, today),
    expiringSoon: expiringWithin(lots, today, SOON_DAYS).reduce((n, l) => n + l.remaining, 0),
    lots,
    debits: row ? await debitsOf(ctx.db, { voucherId: row.id }) : [],
    orders: orders.map(toOrder),
  };
}

/** A centre orders places: at least two weeks before its first session, with an optional quote. */
export async function orderPlaces(
  ctx: Ctx,
  accountId: string,
  input: VoucherOrderInput,
): Promise<VoucherOrderView> {
  const account = await centreAccount(ctx, accountId);
  const earliest = addDaysIso(await todayOf(ctx, account.structureId), ORDER_NOTICE_DAYS);
  if (input.firstSessionDate < earliest) {
    throw new ProblemError(
      'order_too_late',
      { earliest },
      {
        fr: `Commandez vos places au moins deux semaines avant la première séance : une commande passée aujourd'hui vaut pour une première séance le ${formatIsoDate(earliest, 'fr-FR')} au plus tôt.`,
        en: `Order places at least two weeks before the first session: an order made today is for a first session on ${formatIsoDate(earliest, 'en-GB')} at the earliest.`,
      },
    );
  }
  const voucher = await ctx.db
    .selectFrom('vouchers')
    .select('email')
    .where('holder_account_id', '=', account.id)
    .executeTakeFirst();
  const wanted = input.voucherEmail ?? null;
  if (voucher && wanted && wanted.toLowerCase() !== voucher.email.toLowerCase())
    throw problem('voucher_email_locked');
  if (!voucher && !wanted && !account.email) throw problem('voucher_email_missing');
  const id = randomUUID();
  await ctx.db
    .insertInto('voucher_orders')
    .values({
      id,
      structure_id: account.structureId,
      account_id: account.id,
      referent_first_name: input.referent.firstName,
      referent_last_name: input.referent.lastName,
      referent_phone: input.referent.phone,
      places: input.places,
      first_session_date: input.firstSessionDate,
      quote_addressee: input.quoteAddressee ?? null,
      voucher_email: voucher ? null : wanted,
      payment_reference: null,
      lot_id: null,
      created_at: ctx.now,
      paid_at: null,
    })
    .execute();
  return toOrder(await ordersQuery(ctx.db).where('voucher_orders.id', '=', id).executeTakeFirstOrThrow());
}

// ---- the network's staff: orders, vouchers, reversals

function encodeCursor(parts: [string, string]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return value as [string, string];
  } catch {
    // Falls through to the problem below.
  }
  throw problem('validation_failed', { errors: [{ path: 'query.cursor', message: 'Unknown cursor' }] });
}

/** Orders of the network, newest first, a page at a time. */
export async function listOrders(
  ctx: Ctx,
  query: { status?: VoucherOrderView['status'] | undefined; cursor?: string | undefined },
): Promise<Page<VoucherOrderView>> {
  const structureId = staffStructure(ctx);
  let select = ordersQuery(ctx.db).where('voucher_orders.structure_id', '=', structureId);
  if (query.status) select = select.where('voucher_orders.status', '=', query.status);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
    select = select.where(
      sql<boolean>`(voucher_orders.created_at, voucher_orders.id) < (${at}::timestamptz, ${id})`,
    );
  }
  const rows = await select
    .orderBy('voucher_orders.created_at', 'desc')
    .orderBy('voucher_orders.id', 'desc')
    .limit(PAGE_SIZE + 1)
    .execute();
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    items: page.map(toOrder),
    ...(rows.length > PAGE_SIZE && last
      ? { next: encodeCursor([last.created_at.toISOString(), last.id]) }
      : {}),
  };
}

/**
 * Marks an order paid by administrative order and loads its places as a lot valid one year date
 * to date. The first load creates the voucher (bound to its email for good) and mails its number
 * and QR; later loads mail the places added. Marking a loaded order paid again under the same
 * reference changes nothing.
 */
export async function markOrderPaid(
  ctx: Ctx,
  orderId: string,
  paymentReference: string,
): Promise<{ order: VoucherOrderView; voucher: Voucher }> {
  const structureId = staffStructure(ctx);
  const order = await ctx.db
    .selectFrom('voucher_orders')
    .selectAll()
    .where('id', '=', orderId)
    .where('structure_id', '=', structureId)
    .forUpdate()
    .executeTakeFirst();
  if (!order) throw problem('not_found');
  const account = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'holder_name', 'email'])
    .where('id', '=', order.account_id)
    .executeTakeFirstOrThrow();
  const view = async () => ({
    order: toOrder(
      await ordersQuery(ctx.db).where('voucher_orders.id', '=', orderId).executeTakeFirstOrThrow(),
    ),
    voucher: await toVoucher(
      ctx.db,
      await ctx.db
        .selectFrom('vouchers')
        .selectAll()
        .where('holder_account_id', '=', account.id)
        .executeTakeFirstOrThrow(),
      account.holder_name,
    ),
  });
  if (order.status === 'paid' || order.status === 'loaded') {
    if (order.payment_reference !== paymentReference) throw problem('order_already_paid');
    return view();
  }
  if (order.status === 'cancelled') throw problem('conflict');

  const structure = await structureInfo(ctx.db, structureId);
  const today = isoDateInZone(ctx.now, structure.time_zone);
  const email = order.voucher_email ?? account.email;
  const { voucher, created } = await voucherFor(ctx, structureId, account.id, email);
  const lotId = randomUUID();
  const lastValidDay = lotExpiry(today);
  await ctx.db
    .insertInto('voucher_lots')
    .values({
      id: lotId,
      voucher_id: voucher.id,
      places: order.places,
      remaining: order.places,
      loaded_on: today,
      last_valid_day: lastValidDay,
      created_at: ctx.now,
    })
    .execute();
  await ctx.db
    .updateTable('voucher_orders')
    .set({ status: 'loaded', payment_reference: paymentReference, lot_id: lotId, paid_at: ctx.now })
    .where('id', '=', orderId)
    .execute();
  const result = await view();
  await ctx.mailer.queue(
    ctx.db,
    voucherMail({
      to: voucher.email,
      holderName: account.holder_name,
      networkName: structure.name,
      number: voucher.number,
      qrPayload: result.voucher.qrPayload,
      places: order.places,
      lastValidDay,
      created,
    }),
  );
  return result;
}

/** The account's voucher, created with a new unique number if it has none. */
async function voucherFor(ctx: Ctx, structureId: string, accountId: string, email: string | null) {
  const existing = () =>
    ctx.db.selectFrom('vouchers').selectAll().where('holder_account_id', '=', accountId).executeTakeFirst();
  const found = await existing();
  if (found) return { voucher: found, created: false };
  if (!email) throw problem('voucher_email_missing');
  for (let attempt = 0; attempt < 5; attempt++) {
    // `do nothing` on either unique key: a number taken (draw again) or a voucher made meanwhile.
    const inserted = await ctx.db
      .insertInto('vouchers')
      .values({
        id: randomUUID(),
        structure_id: structureId,
        number: newVoucherNumber(),
        holder_account_id: accountId,
        email,
        created_at: ctx.now,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { voucher: inserted, created: true };
    const raced = await existing();
    if (raced) return { voucher: raced, created: false };
  }
  throw new Error('No free voucher number after 5 draws');
}

/** Vouchers of the network by number, a page at a time; `q` searches the number or the holder. */
export async function listVouchers(
  ctx: Ctx,
  query: { q?: string | undefined; cursor?: string | undefined },
): Promise<Page<VoucherSummary>> {
  const structureId = staffStructure(ctx);
  const today = await todayOf(ctx, structureId);
  let select = ctx.db
    .selectFrom('vouchers')
    .innerJoin('accounts', 'accounts.id', 'vouchers.holder_account_id')
    .selectAll('vouchers')
    .select('accounts.holder_name')
    .where('vouchers.structure_id', '=', structureId);
  const q = query.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where(
      sql<boolean>`(vouchers.number ilike ${like} escape '\\' or accounts.holder_name ilike ${like} escape '\\')`,
    );
  }
  if (query.cursor) {
    const [number] = decodeCursor(query.cursor);
    select = select.where('vouchers.number', '>', number);
  }
  const rows = await select
    .orderBy('vouchers.number')
    .limit(PAGE_SIZE + 1)
    .execute();
  const page = rows.slice(0, PAGE_SIZE);
  const lots = await lotsOf(
    ctx.db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) =>
      toSummary(
        r,
        r.holder_name,
        lots.filter((l) => l.voucherId === r.id),
        today,
      ),
    ),
    ...(rows.length > PAGE_SIZE && last ? { next: encodeCursor([last.number, last.id]) } : {}),
  };
}

/** Blocks or unblocks a voucher: a blocked voucher is still read at the desk but not debited. */
export async function setVoucherStatus(
  ctx: Ctx,
  voucherId: string,
  status: 'active' | 'blocked',
): Promise<VoucherSummary> {
  const structureId = staffStructure(ctx);
  const row = await ctx.db
    .updateTable('vouchers')
    .set({ status })
    .where('id', '=', voucherId)
    .where('structure_id', '=', structureId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw problem('not_found');
  return summaryOf(ctx, row);
}

/** Locks a voucher row for the rest of the transaction: debits and reversals of it take turns. */
async function lockVoucher(db: Db, where: { id: string } | { number: string; structureId: string }) {
  let select = db.selectFrom('vouchers').selectAll();
  select =
    'id' in where
      ? select.where('id', '=', where.id)
      : select.where('number', '=', where.number).where('structure_id', '=', where.structureId);
  return select.forUpdate().executeTakeFirst();
}

/**
 * Gives back the places of a debit with a compensating entry (negative places, the reason, the
 * same lots). A debit is reversed once; a reversal is not reversed. A lot that expired since gets
 * its places back but they stay expired.
 */
export async function reverseDebit(ctx: Ctx, debitId: string, reason: string): Promise<Debit> {
  const structureId = staffStructure(ctx);
  const p = principal(ctx);
  const target = await ctx.db
    .selectFrom('voucher_debits')
    .innerJoin('vouchers', 'vouchers.id', 'voucher_debits.voucher_id')
    .select(['voucher_debits.voucher_id'])
    .where('voucher_debits.id', '=', debitId)
    .where('vouchers.structure_id', '=', structureId)
    .executeTakeFirst();
  if (!target) throw problem('not_found');
  await lockVoucher(ctx.db, { id: target.voucher_id });
  const debit = await ctx.db
    .selectFrom('voucher_debits')
    .selectAll()
    .where('id', '=', debitId)
    .executeTakeFirstOrThrow();
  if (debit.reverses !== null) throw problem('debit_not_reversible');
  const already = await ctx.db
    .selectFrom('voucher_debits')
    .select('id')
    .where('reverses', '=', debitId)
    .executeTakeFirst();
  if (already) throw problem('debit_already_reversed', { reversal: already.id });
  const allocations = (
    await ctx.db.selectFrom('voucher_debit_allocations').selectAll().where('debit_id', '=', debitId).execute()
  ).map((a) => ({ lotId: a.lot_id, places: a.places }));
  // The rule checks the places fit back in their lots (a lot never holds more than it was loaded with).
  const after = giveBack(await lotsOf(ctx.db, [debit.voucher_id]), allocations);
  for (const lot of after) {
    if (!allocations.some((a) => a.lotId === lot.id)) continue;
    await ctx.db
      .updateTable('voucher_lots')
      .set({ remaining: lot.remaining })
      .where('id', '=', lot.id)
      .execute();
  }
  const id = randomUUID();
  await ctx.db
    .insertInto('voucher_debits')
    .values({
      id,
      voucher_id: debit.voucher_id,
      venue_id: debit.venue_id,
      cashier_id: p.userId ?? debit.cashier_id,
      places: -debit.places,
      at: ctx.now,
      reverses: debit.id,
      reason,
    })
    .execute();
  await ctx.db
    .insertInto('voucher_debit_allocations')
    .values(allocations.map((a) => ({ debit_id: id, lot_id: a.lotId, places: a.places })))
    .execute();
  return debitById(ctx.db, id);
}

// ---- the desk

/** What the desk sees of a scanned or typed voucher. The signature is checked before any look-up. */
export async function deskLookup(
  ctx: Ctx,
  input: { venueId: string; code: string },
): Promise<VoucherSummary> {
  await deskVenue(ctx, input.venueId);
  const number = await numberOf(ctx.db, input.code);
  const row = await ctx.db
    .selectFrom('vouchers')
    .selectAll()
    .where('number', '=', number)
    .where('structure_id', '=', principal(ctx).structureId)
    .executeTakeFirst();
  if (!row) throw problem('unknown_voucher');
  return summaryOf(ctx, row);
}

function refusal(plan: Exclude<ReturnType<typeof planDebit>, { ok: true }>): ProblemError {
  if (plan.reason === 'only_expired_places') return problem('only_expired_places');
  const n = plan.available;
  return new ProblemError(
    'insufficient_places',
    { available: n },
    n === 0
      ? {
          fr: "Il ne reste aucune place valide sur la cartoonette : aucune place n'a été débitée.",
          en: 'The voucher holds no valid place: nothing was debited.',
        }
      : {
          fr: `Il ne reste que ${n} place${n > 1 ? 's' : ''} valide${n > 1 ? 's' : ''} sur la cartoonette : aucune place n'a été débitée.`,
          en: `The voucher holds only ${n} valid place${n > 1 ? 's' : ''}: nothing was debited.`,
        },
  );
}

/**
 * What a debit checks before it locks anything: the caller's venue and the code's signature.
 * Read before the transaction opens (`Handler.prepare`); neither is what the voucher lock protects.
 */
export interface DeskDebitReads {
  venueId: string;
  code: string;
  venue: { id: string; name: string };
  number: string;
}

export async function deskDebitReads(ctx: Ctx, input: VoucherDebitInput): Promise<DeskDebitReads> {
  // Both at once; the venue's refusal first, as when they were read one after the other.
  const [venue, number] = await Promise.allSettled([
    deskVenue(ctx, input.venueId),
    numberOf(ctx.db, input.code),
  ]);
  if (venue.status === 'rejected') throw venue.reason;
  if (number.status === 'rejected') throw number.reason;
  return { venueId: input.venueId, code: input.code, venue: venue.value, number: number.value };
}

/** A voucher to debit, by number, with its holder's name and its structure's zone. */
const voucherToDebit = (db: Db, number: string, structureId: string) =>
  db
    .selectFrom('vouchers')
    .innerJoin('accounts', 'accounts.id', 'vouchers.holder_account_id')
    .innerJoin('structures', 'structures.id', 'vouchers.structure_id')
    .selectAll('vouchers')
    .select(['accounts.holder_name', 'structures.time_zone'])
    .where('vouchers.number', '=', number)
    .where('vouchers.structure_id', '=', structureId);

/** The voucher to debit, locked, in one round trip. */
const lockVoucherToDebit = prepared((db, number: string, structureId: string) =>
  voucherToDebit(db, number, structureId).forUpdate('vouchers'),
);

/**
 * The lots debited, the debit and its allocations: one statement, the lots and their places as two
 * arrays (so it is named, prepared.ts). The voucher's lock makes the guard `remaining >= places`
 * redundant; it and the CHECK constraint keep a bug from overdrawing.
 */
const debitLots = prepared(
  (
    _db,
    lotIds: string[],
    lotPlaces: number[],
    id: string,
    voucherId: string,
    venueId: string,
    cashierId: string,
    places: number,
    at: Date,
  ) => sql<{ taken: number }>`
    with wanted (lot_id, places) as (select * from unnest(${lotIds}::text[], ${lotPlaces}::int[])),
    taken as (
      update voucher_lots l set remaining = l.remaining - w.places
      from wanted w where l.id = w.lot_id and l.remaining >= w.places
      returning l.id
    ),
    debit as (
      insert into voucher_debits (id, voucher_id, venue_id, cashier_id, places, at, reverses, reason)
      values (${id}, ${voucherId}, ${venueId}, ${cashierId}, ${places}, ${at}, null, null)
      returning id
    )
    insert into voucher_debit_allocations (debit_id, lot_id, places)
    select debit.id, w.lot_id, w.places from debit, wanted w
    returning (select count(*) from taken)::int as taken`,
);

/**
 * Debits places at a venue: the voucher row is locked, the lots expiring first are taken, and the
 * debit is recorded with the venue, the cashier and the time. All or nothing. `reads`:
 * `deskDebitReads` made before the transaction (read here when absent). The answer is built from
 * what was written, not read back.
 */
export async function deskDebit(
  ctx: Ctx,
  input: VoucherDebitInput,
  reads?: DeskDebitReads,
): Promise<VoucherDebitResult> {
  const p = principal(ctx);
  const { venue, number } =
    reads?.venueId === input.venueId && reads.code === input.code ? reads : await deskDebitReads(ctx, input);
  if (!p.userId) throw problem('forbidden');
  const [voucher] = await lockVoucherToDebit(ctx.db, number, p.structureId);
  if (!voucher) throw problem('unknown_voucher');
  if (voucher.status === 'blocked') throw problem('voucher_blocked');
  const today = isoDateInZone(ctx.now, voucher.time_zone);
  const lots = await lotsOf(ctx.db, [voucher.id]);
  const plan = planDebit(lots, input.places, today);
  if (!plan.ok) throw refusal(plan);
  const id = randomUUID();
  const rows = await debitLots(
    ctx.db,
    plan.allocations.map((a) => a.lotId),
    plan.allocations.map((a) => a.places),
    id,
    voucher.id,
    venue.id,
    p.userId,
    input.places,
    ctx.now,
  );
  if (rows[0]?.taken !== plan.allocations.length)
    throw new Error(`Voucher ${voucher.id}: a lot changed under its lock`);
  return debitAnswer({ id, voucher, venue, cashierId: p.userId, input, plan, today, at: ctx.now });
}

/** The answer to a debit, built from its plan: the debit and the voucher as the plan leaves it. */
function debitAnswer(d: {
  id: string;
  voucher: VoucherRow & { holder_name: string };
  venue: { id: string; name: string };
  cashierId: string;
  input: VoucherDebitInput;
  plan: Extract<ReturnType<typeof planDebit>, { ok: true }>;
  today: IsoDate;
  at: Date;
}): VoucherDebitResult {
  const debit: Debit = {
    id: d.id,
    voucherId: d.voucher.id,
    venueId: d.venue.id,
    venueName: d.venue.name,
    cashierId: d.cashierId,
    places: d.input.places,
    // As `debitsOf` lists them: by lot id.
    allocations: d.plan.allocations
      .map((a) => ({ lotId: a.lotId, places: a.places }))
      .sort((a, b) => Number(a.lotId > b.lotId) - Number(a.lotId < b.lotId)),
    at: d.at.toISOString(),
    reverses: null,
    reason: null,
  };
  const after = [...d.plan.lots].sort(compareLotsForDebit);
  return { debit, voucher: toSummary(d.voucher, d.voucher.holder_name, after, d.today) };
}

/** The voucher to debit and its lots (a row a lot), read without a lock. */
const voucherWithLots = prepared((db, number: string, structureId: string) =>
  voucherToDebit(db, number, structureId)
    .leftJoin('voucher_lots as l', 'l.voucher_id', 'vouchers.id')
    .select([
      'l.id as lot_id',
      'l.places as lot_places',
      'l.remaining as lot_remaining',
      'l.loaded_on as lot_loaded_on',
      'l.last_valid_day as lot_last_valid_day',
    ]),
);

/** migrations/006-desk-debit.ts: the planned debit written, or nothing. */
const deskDebitStatement = prepared(
  (
    _db,
    voucherId: string,
    seen: string[],
    lotIds: string[],
    lotPlaces: number[],
    id: string,
    venueId: string,
    cashierId: string,
    places: number,
    at: Date,
    keyScope: string | null,
    key: string | null,
    keyHash: string | null,
    answer: string,
  ) => sql<{ debited: boolean }>`select desk_debit(${voucherId}, ${seen}::text[], ${lotIds}::text[],
    ${lotPlaces}::int[], ${id}, ${venueId}, ${cashierId}, ${places}::int, ${at}::timestamptz,
    ${keyScope}, ${key}, ${keyHash}, ${answer}) as debited`,
);

/**
 * `deskDebit` in one round trip when nothing stands in its way (`Handler.attempt`): the voucher
 * and its lots read without a lock, the debit planned by the same rule, then one statement
 * (migrations/006-desk-debit.ts) that claims the key with the answer, locks the voucher and
 * writes the plan if the lots are still as read. Returns the answer's JSON, kept under the key;
 * undefined when anything else should answer (a refusal, a key already taken, lots changed
 * meanwhile): the transactional `deskDebit` then decides, replays or refuses, as it always did.
 */
export async function deskDebitAtOnce(
  ctx: Ctx,
  input: VoucherDebitInput,
  claim: KeyClaim | undefined,
): Promise<string | undefined> {
  const p = principal(ctx);
  const reads = ctx.prepared as DeskDebitReads | undefined;
  if (!p.userId || reads?.venueId !== input.venueId || reads.code !== input.code) return undefined;
  const rows = await voucherWithLots(ctx.db, reads.number, p.structureId);
  const voucher = rows[0];
  if (voucher?.status !== 'active') return undefined;
  const lots = rows
    .filter((r) => r.lot_id !== null)
    .map((r) =>
      toLot({
        id: r.lot_id!,
        voucher_id: r.id,
        places: r.lot_places!,
        remaining: r.lot_remaining!,
        loaded_on: r.lot_loaded_on!,
        last_valid_day: r.lot_last_valid_day!,
      }),
    )
    .sort(compareLotsForDebit);
  const today = isoDateInZone(ctx.now, voucher.time_zone);
  const plan = planDebit(lots, input.places, today);
  if (!plan.ok) return undefined;
  const id = randomUUID();
  const answer = JSON.stringify(
    debitAnswer({ id, voucher, venue: reads.venue, cashierId: p.userId, input, plan, today, at: ctx.now }),
  );
  try {
    const [written] = await deskDebitStatement(
      ctx.db,
      voucher.id,
      lots.map((l) => `${l.id}:${l.remaining}`),
      plan.allocations.map((a) => a.lotId),
      plan.allocations.map((a) => a.places),
      id,
      reads.venue.id,
      p.userId,
      input.places,
      ctx.now,
      claim?.scope ?? null,
      claim?.key ?? null,
      claim?.hash ?? null,
      answer,
    );
    return written?.debited ? answer : undefined;
  } catch (err) {
    // Moved since read (GU409), or caught in a deadlock: the transaction, with its retries, decides.
    const code = (err as { code?: string }).code;
    if (code === 'GU409' || code === '40P01') return undefined;
    throw err;
  }
}

// ---- group screenings

const screeningsQuery = (db: Db) =>
  db
    .selectFrom('screening_requests')
    .innerJoin('accounts', 'accounts.id', 'screening_requests.account_id')
    .innerJoin('venues', 'venues.id', 'screening_requests.venue_id')
    .selectAll('screening_requests')
    .select(['accounts.holder_name', 'venues.name as venue_name']);

function toScreening(row: ScreeningRow): ScreeningRequest {
  return {
    id: row.id,
    accountId: row.account_id,
    centreName: row.holder_name,
    venueId: row.venue_id,
    venueName: row.venue_name,
    session: row.session,
    date: row.date,
    time: row.time,
    children: row.children,
    adults: row.adults,
    payment: row.payment,
    note: row.note,
    status: row.status,
    staffMessage: row.staff_message,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

async function screeningById(db: Db, id: string): Promise<ScreeningRequest> {
  return toScreening(
    await screeningsQuery(db).where('screening_requests.id', '=', id).executeTakeFirstOrThrow(),
  );
}

/** A centre asks for a group screening at a venue of its network. */
export async function requestScreening(
  ctx: Ctx,
  accountId: string,
  input: ScreeningRequestInput,
): Promise<ScreeningRequest> {
  const account = await centreAccount(ctx, accountId);
  const venue = await ctx.db
    .selectFrom('venues')
    .select('id')
    .where('id', '=', input.venueId)
    .where('structure_id', '=', account.structureId)
    .executeTakeFirst();
  if (!venue)
    throw problem('validation_failed', { errors: [{ path: 'body.venueId', message: 'Unknown venue' }] });
  if (input.date < (await todayOf(ctx, account.structureId))) throw problem('screening_date_passed');
  const id = randomUUID();
  await ctx.db
    .insertInto('screening_requests')
    .values({
      id,
      structure_id: account.structureId,
      account_id: account.id,
      venue_id: venue.id,
      session: input.session,
      date: input.date,
      time: input.time ?? null,
      children: input.children,
      adults: input.adults,
      payment: input.payment,
      note: input.note ?? null,
      staff_message: null,
      decided_by: null,
      decided_at: null,
      created_at: ctx.now,
    })
    .execute();
  return screeningById(ctx.db, id);
}

/** A centre's requests, the latest session first. */
export async function accountScreenings(ctx: Ctx, accountId: string): Promise<{ items: ScreeningRequest[] }> {
  const account = await centreAccount(ctx, accountId);
  const rows = await screeningsQuery(ctx.db)
    .where('screening_requests.account_id', '=', account.id)
    .orderBy('screening_requests.date', 'desc')
    .orderBy('screening_requests.created_at', 'desc')
    .orderBy('screening_requests.id')
    .limit(SCREENINGS_MAX)
    .execute();
  return { items: rows.map(toScreening) };
}

/** Requests of the venues the caller handles, by session date (the network's admin: every venue). */
export async function staffScreenings(
  ctx: Ctx,
  query: {
    venueId?: string | undefined;
    status?: ScreeningStatus | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
): Promise<{ items: ScreeningRequest[] }> {
  const p = principal(ctx);
  const venues = staffVenues(p);
  if (query.venueId) await assertVenue(ctx, p, query.venueId);
  let select = screeningsQuery(ctx.db).where('screening_requests.structure_id', '=', p.structureId);
  if (query.venueId) select = select.where('screening_requests.venue_id', '=', query.venueId);
  else if (venues !== 'all') {
    if (venues.length === 0) return { items: [] };
    select = select.where('screening_requests.venue_id', 'in', venues);
  }
  if (query.status) select = select.where('screening_requests.status', '=', query.status);
  if (query.from) select = select.where('screening_requests.date', '>=', query.from);
  if (query.to) select = select.where('screening_requests.date', '<=', query.to);
  const rows = await select
    .orderBy('screening_requests.date')
    .orderBy(sql`screening_requests.time nulls last`)
    .orderBy('screening_requests.created_at')
    .orderBy('screening_requests.id')
    .limit(SCREENINGS_MAX)
    .execute();
  return { items: rows.map(toScreening) };
}

/** The cinema confirms or declines a request, once, with a message; the centre is mailed. */
export async function decideScreening(
  ctx: Ctx,
  id: string,
  input: ScreeningDecision,
): Promise<ScreeningRequest> {
  const p = principal(ctx);
  const row = await ctx.db
    .selectFrom('screening_requests')
    .selectAll()
    .where('id', '=', id)
    .where('structure_id', '=', p.structureId)
    .forUpdate()
    .executeTakeFirst();
  if (!row || !mayHandle(p, row.venue_id)) throw problem('not_found');
  if (row.status !== 'requested') throw problem('screening_already_decided', { decision: row.status });
  const message = input.message?.trim() || null;
  await ctx.db
    .updateTable('screening_requests')
    .set({ status: input.decision, staff_message: message, decided_by: p.userId, decided_at: ctx.now })
    .where('id', '=', id)
    .execute();
  const view = await screeningById(ctx.db, id);
  const account = await ctx.db
    .selectFrom('accounts')
    .select('email')
    .where('id', '=', row.account_id)
    .executeTakeFirstOrThrow();
  const to =
    (
      await ctx.db
        .selectFrom('vouchers')
        .select('email')
        .where('holder_account_id', '=', row.account_id)
        .executeTakeFirst()
    )?.email ?? account.email;
  if (to) {
    await ctx.mailer.queue(
      ctx.db,
      screeningAnswerMail({
        to,
        holderName: view.centreName,
        venueName: view.venueName,
        session: view.session,
        date: view.date,
        time: view.time,
        confirmed: input.decision === 'confirmed',
        message,
      }),
    );
  }
  return view;
}

/** The confirmed groups of a day at a venue, by time, for its desk. */
export async function deskGroups(
  ctx: Ctx,
  venueId: string,
  date: IsoDate,
): Promise<{ items: ScreeningRequest[] }> {
  const p = principal(ctx);
  await assertVenue(ctx, p, venueId);
  const rows = await screeningsQuery(ctx.db)
    .where('screening_requests.structure_id', '=', p.structureId)
    .where('screening_requests.venue_id', '=', venueId)
    .where('screening_requests.date', '=', date)
    .where('screening_requests.status', '=', 'confirmed')
    .orderBy(sql`screening_requests.time nulls last`)
    .orderBy('screening_requests.created_at')
    .orderBy('screening_requests.id')
    .execute();
  return { items: rows.map(toScreening) };
}
