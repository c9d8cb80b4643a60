import { randomUUID } from 'node:crypto';
import {
  AUTO_USE_DELAY_HOURS,
  autoUseDueAt,
  type CountermarkCanceller,
  canBook,
  canCancel,
  cancellationLimit,
  canKeep,
  canValidate,
  checkTokenFormat,
  formatValidFrom,
  generateToken,
  isoDateInZone,
  normaliseToken,
  reimbursedAmount,
  reimbursementPeriod,
  reimbursementRate,
  type StockRefusal,
} from '@guichet/sdk/rules';
import type {
  CountermarkBooking,
  CountermarkBookingRequest,
  CountermarkRefusal,
  CountermarkStatus,
  DeskCountermark,
  ReimbursementStatement,
} from '@guichet/sdk/schemas';
import { sql } from 'kysely';
import { type ProblemCode, ProblemError, problem } from '../http/problem.js';
import type { Db } from '../store/db.js';
import type { Ctx } from './context.js';
import { adminNetwork, networkVenues, type VenueRow } from './offers.js';
import { PassCultureSource, passCultureConfig } from './passculture.js';
import { assertNotLimited, countDeskFailure, DESK_FAILURES, deskKeys } from './rate-limit.js';

/**
 * Beneficiary bookings of sessions and their countermarks, the desk's actions on them, automatic
 * use and half-monthly reimbursement statements, with the rules of `@guichet/sdk/rules`
 * (DESIGN.md, "Countermarks").
 *
 * Who books: beneficiaries are not users. The network's ticketing site (its API key, or staff with
 * the `admin` role) books for a person named by first name, last name and email (one beneficiary
 * per email and network) and hands the countermark over; it cancels for them the same way.
 */

// ---- the booking view

function bookingQuery(db: Db) {
  return db
    .selectFrom('countermark_bookings as b')
    .innerJoin('offers as o', 'o.id', 'b.offer_id')
    .innerJoin('stocks as s', 's.id', 'b.stock_id')
    .innerJoin('venues as v', 'v.id', 'b.venue_id')
    .innerJoin('beneficiaries as p', 'p.id', 'b.beneficiary_id')
    .select([
      'b.id',
      'b.token',
      'b.status',
      'b.offer_id',
      'o.name as offer_name',
      'b.stock_id',
      'b.venue_id',
      'v.name as venue_name',
      'v.time_zone',
      'v.structure_id',
      's.begins_at',
      'b.quantity',
      'b.amount',
      'p.first_name',
      'p.last_name',
      'p.email',
      'b.created_at',
      'b.cancellation_limit',
      'b.used_at',
      'b.cancelled_at',
      'b.reimbursed_at',
    ]);
}

type BookingRow = Awaited<ReturnType<ReturnType<typeof bookingQuery>['executeTakeFirstOrThrow']>>;

function toBooking(r: BookingRow): CountermarkBooking {
  return {
    id: r.id,
    token: r.token,
    status: r.status,
    offerId: r.offer_id,
    offerName: r.offer_name,
    stockId: r.stock_id,
    venueId: r.venue_id,
    venueName: r.venue_name,
    beginsAt: r.begins_at.toISOString(),
    quantity: r.quantity,
    price: r.amount,
    beneficiary: { firstName: r.first_name, lastName: r.last_name, email: r.email },
    createdAt: r.created_at.toISOString(),
    cancellationLimit: r.cancellation_limit.toISOString(),
    usedAt: r.used_at?.toISOString() ?? null,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    reimbursedAt: r.reimbursed_at?.toISOString() ?? null,
  };
}

async function bookingById(db: Db, id: string): Promise<BookingRow | undefined> {
  return bookingQuery(db).where('b.id', '=', id).executeTakeFirst();
}

/** Locks a booking row (before reading it) so two desks never act on one booking at once. */
async function lockBooking(db: Db, id: string): Promise<void> {
  await db.selectFrom('countermark_bookings').select('id').where('id', '=', id).forUpdate().execute();
}

// ---- refusals as problems

const STOCK_REFUSALS: Record<StockRefusal, ProblemCode> = {
  already_booked: 'already_booked',
  not_duo: 'offer_not_duo',
  stock_inactive: 'stock_inactive',
  stock_past: 'stock_past',
  booking_limit_passed: 'stock_booking_limit_passed',
  stock_full: 'stock_full',
};

const COUNTERMARK_REFUSALS: Record<CountermarkRefusal, ProblemCode> = {
  reimbursed: 'countermark_reimbursed',
  already_used: 'countermark_already_used',
  cancelled: 'countermark_cancelled',
  too_early: 'countermark_too_early',
  not_used: 'countermark_not_used',
  cancellation_limit_passed: 'countermark_cancellation_limit_passed',
};

/**
 * The problem of a refused action. "Too early" says from when, as the reference does, with the
 * date and time in the venue's zone; the booking rides along so the desk can show whose it is.
 */
function refusal(
  reason: CountermarkRefusal,
  extra: Record<string, unknown>,
  validFrom?: { at: Date; timeZone: string },
): ProblemError {
  if (reason === 'too_early' && validFrom) {
    return new ProblemError(
      'countermark_too_early',
      { validFrom: validFrom.at.toISOString(), ...extra },
      {
        fr: formatValidFrom(validFrom.at, validFrom.timeZone, 'fr'),
        en: formatValidFrom(validFrom.at, validFrom.timeZone, 'en'),
      },
    );
  }
  return problem(COUNTERMARK_REFUSALS[reason], extra);
}

// ---- beneficiary bookings

/** Draws tokens until one is free; 30^6 tokens make a second draw rare. */
const TOKEN_ATTEMPTS = 20;

/**
 * Books a session for a beneficiary: 1 place, or 2 on a duo offer. Refused, in the rules' order,
 * when the person already holds a live booking of the offer, 2 places on a non-duo offer, the
 * session or its offer is inactive, the session has begun, its booking limit has passed, or too
 * few places are left. The places are taken by a conditional update (`booked + q <= quantity`),
 * so two requests never get the same last place.
 */
export async function bookCountermark(
  ctx: Ctx,
  input: CountermarkBookingRequest,
): Promise<CountermarkBooking> {
  const structureId = adminNetwork(ctx);
  const quantity = input.quantity ?? 1;
  const stock = await ctx.db
    .selectFrom('stocks as s')
    .innerJoin('offers as o', 'o.id', 's.offer_id')
    .innerJoin('venues as v', 'v.id', 'o.venue_id')
    .select([
      's.id',
      's.offer_id',
      's.begins_at',
      's.booking_limit',
      's.quantity',
      's.booked',
      's.price',
      's.active',
      'o.active as offer_active',
      'o.is_duo',
      'o.venue_id',
    ])
    .where('s.id', '=', input.stockId)
    .where('v.structure_id', '=', structureId)
    .executeTakeFirst();
  if (!stock) throw problem('stock_not_found');

  // The beneficiary row is taken (inserted, or updated and so locked) first: one person's bookings
  // never interleave, so "already booked" is read after any concurrent booking of theirs commits.
  const b = input.beneficiary;
  const beneficiary = await ctx.db
    .insertInto('beneficiaries')
    .values({
      id: randomUUID(),
      structure_id: structureId,
      first_name: b.firstName,
      last_name: b.lastName,
      email: b.email.trim(),
    })
    .onConflict((oc) =>
      oc
        .expression(sql`structure_id, lower(email)`)
        .doUpdateSet({ first_name: b.firstName, last_name: b.lastName }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  const live = await ctx.db
    .selectFrom('countermark_bookings')
    .select('id')
    .where('beneficiary_id', '=', beneficiary.id)
    .where('offer_id', '=', stock.offer_id)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();

  const verdict = canBook(
    {
      beginsAt: stock.begins_at.toISOString(),
      bookingLimit: stock.booking_limit?.toISOString() ?? null,
      quantity: stock.quantity,
      booked: stock.booked,
      active: stock.active && stock.offer_active,
    },
    quantity,
    stock.is_duo,
    ctx.now,
    live !== undefined,
  );
  if (!verdict.ok) throw problem(STOCK_REFUSALS[verdict.reason]);

  const taken = await ctx.db
    .updateTable('stocks')
    .set({ booked: sql`booked + ${quantity}` })
    .where('id', '=', stock.id)
    .where('active', '=', true)
    .where(sql<boolean>`booked + ${quantity} <= quantity`)
    .returning('booked')
    .executeTakeFirst();
  if (!taken) throw problem('stock_full');

  const id = randomUUID();
  for (let attempt = 0; attempt < TOKEN_ATTEMPTS; attempt++) {
    const inserted = await ctx.db
      .insertInto('countermark_bookings')
      .values({
        id,
        token: generateToken(),
        stock_id: stock.id,
        offer_id: stock.offer_id,
        venue_id: stock.venue_id,
        beneficiary_id: beneficiary.id,
        quantity,
        unit_price: stock.price,
        amount: stock.price * quantity,
        status: 'confirmed',
        created_at: ctx.now,
        cancellation_limit: cancellationLimit(ctx.now, stock.begins_at),
        used_at: null,
        cancelled_at: null,
        cancelled_by: null,
        reimbursed_at: null,
        reimbursed_amount: null,
        statement_id: null,
      })
      .onConflict((oc) => oc.column('token').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return toBooking((await bookingById(ctx.db, id))!);
  }
  throw new Error('No free countermark token after 20 draws');
}

async function networkBooking(ctx: Ctx, id: string): Promise<BookingRow> {
  const row = await bookingById(ctx.db, id);
  if (!row || row.structure_id !== adminNetwork(ctx)) throw problem('booking_not_found');
  return row;
}

export async function getBooking(ctx: Ctx, id: string): Promise<CountermarkBooking> {
  return toBooking(await networkBooking(ctx, id));
}

export async function listBookings(
  ctx: Ctx,
  query: { stockId?: string; offerId?: string; email?: string; status?: CountermarkStatus },
): Promise<{ items: CountermarkBooking[] }> {
  let q = bookingQuery(ctx.db).where('v.structure_id', '=', adminNetwork(ctx));
  if (query.stockId) q = q.where('b.stock_id', '=', query.stockId);
  if (query.offerId) q = q.where('b.offer_id', '=', query.offerId);
  if (query.email) q = q.where(sql`lower(p.email)`, '=', query.email.trim().toLowerCase());
  if (query.status) q = q.where('b.status', '=', query.status);
  const rows = await q.orderBy('b.created_at', 'desc').orderBy('b.id').limit(500).execute();
  return { items: rows.map(toBooking) };
}

/** Cancels a booking and gives its places back to the session. */
async function cancelRow(db: Db, row: BookingRow, now: Date, by: CountermarkCanceller): Promise<void> {
  await db
    .updateTable('countermark_bookings')
    .set({ status: 'cancelled', cancelled_at: now, cancelled_by: by })
    .where('id', '=', row.id)
    .execute();
  await db
    .updateTable('stocks')
    .set({ booked: sql`booked - ${row.quantity}` })
    .where('id', '=', row.stock_id)
    .execute();
}

/**
 * Cancels a booking for its beneficiary (strictly before the cancellation limit) or for the venue
 * (at any time before use). Refused, in order, when reimbursed, used or already cancelled.
 */
export async function cancelBooking(
  ctx: Ctx,
  id: string,
  by: CountermarkCanceller,
): Promise<CountermarkBooking> {
  await networkBooking(ctx, id);
  await lockBooking(ctx.db, id);
  const row = (await bookingById(ctx.db, id))!;
  const verdict = canCancel(toBooking(row), ctx.now, by);
  if (!verdict.ok) throw refusal(verdict.reason, {});
  await cancelRow(ctx.db, row, ctx.now, by);
  return toBooking((await bookingById(ctx.db, id))!);
}

// ---- the desk

/** What a desk does with a countermark, whatever its source. Each refusal is a `ProblemError`. */
export interface CountermarkSource {
  /** The booking if it may be validated now; else the refusal (reimbursed, used, cancelled, too early). */
  check(token: string): Promise<DeskCountermark>;
  /** Validates ("uses") the booking. */
  use(token: string): Promise<DeskCountermark>;
  /** Undoes a validation until the booking is reimbursed. */
  keep(token: string): Promise<DeskCountermark>;
  /** Cancels for the venue, at any time before use. */
  cancel(token: string): Promise<void>;
}

/** Guichet's own bookings of the desk's venues; a token of another venue reads as unknown. */
export class GuichetSource implements CountermarkSource {
  constructor(
    private readonly ctx: Ctx,
    private readonly venues: VenueRow[],
  ) {}

  async #find(token: string, lock: boolean): Promise<BookingRow> {
    const format = checkTokenFormat(token);
    const venueIds = this.venues.map((v) => v.id);
    if (!format.ok || venueIds.length === 0) throw problem('countermark_not_found');
    const found = await this.ctx.db
      .selectFrom('countermark_bookings')
      .select('id')
      .where('token', '=', format.token)
      .where('venue_id', 'in', venueIds)
      .executeTakeFirst();
    if (!found) throw problem('countermark_not_found');
    if (lock) await lockBooking(this.ctx.db, found.id);
    return (await bookingById(this.ctx.db, found.id))!;
  }

  #view(row: BookingRow): DeskCountermark {
    return { ...toBooking(row), source: 'guichet' };
  }

  #validate(row: BookingRow): void {
    const verdict = canValidate(toBooking(row), this.ctx.now);
    if (verdict.ok) return;
    const validFrom = verdict.reason === 'too_early' ? verdict.validFrom : undefined;
    throw refusal(
      verdict.reason,
      { booking: this.#view(row) },
      validFrom ? { at: validFrom, timeZone: row.time_zone } : undefined,
    );
  }

  async check(token: string): Promise<DeskCountermark> {
    const row = await this.#find(token, false);
    this.#validate(row);
    return this.#view(row);
  }

  async use(token: string): Promise<DeskCountermark> {
    const row = await this.#find(token, true);
    this.#validate(row);
    await this.ctx.db
      .updateTable('countermark_bookings')
      .set({ status: 'used', used_at: this.ctx.now, auto_used: false })
      .where('id', '=', row.id)
      .execute();
    return this.#view((await bookingById(this.ctx.db, row.id))!);
  }

  async keep(token: string): Promise<DeskCountermark> {
    const row = await this.#find(token, true);
    const verdict = canKeep(toBooking(row));
    if (!verdict.ok) throw refusal(verdict.reason, { booking: this.#view(row) });
    await this.ctx.db
      .updateTable('countermark_bookings')
      .set({ status: 'confirmed', used_at: null, auto_used: false })
      .where('id', '=', row.id)
      .execute();
    return this.#view((await bookingById(this.ctx.db, row.id))!);
  }

  async cancel(token: string): Promise<void> {
    const row = await this.#find(token, true);
    const verdict = canCancel(toBooking(row), this.ctx.now, 'venue');
    if (!verdict.ok) throw refusal(verdict.reason, { booking: this.#view(row) });
    await cancelRow(this.ctx.db, row, this.ctx.now, 'venue');
  }
}

export type DeskAction = 'check' | 'use' | 'keep' | 'cancel';

const unconfigured = () => Promise.reject(problem('passculture_unavailable'));
/** The pass Culture source of a server that has no pass Culture key. */
const UNCONFIGURED: CountermarkSource = {
  check: unconfigured,
  use: unconfigured,
  keep: unconfigured,
  cancel: unconfigured,
};

/** pass Culture's tokens are wider than ours: 6 letters or digits. */
const UPSTREAM_TOKEN = /^[A-Z0-9]{6}$/;

/**
 * A desk action on a typed or scanned token, for a cashier (their venues) or the network's staff
 * (every venue), optionally at one venue. Guichet's bookings are searched first, then pass
 * Culture's for venues configured so. Look-ups that find nothing are counted per cashier and per
 * client address: from {@link DESK_FAILURES}.max failures in a window, the desk gets `rate_limited`.
 */
export async function deskAction<A extends DeskAction>(
  ctx: Ctx,
  action: A,
  typed: string,
  venueId?: string,
): Promise<A extends 'cancel' ? undefined : DeskCountermark> {
  const p = ctx.principal;
  if (!p || !(p.roles.includes('cashier') || p.roles.includes('admin'))) throw problem('forbidden');
  await assertNotLimited(ctx.db, deskKeys(ctx), ctx.now, DESK_FAILURES);

  const all = await networkVenues(ctx.db, p.structureId);
  let venues = p.roles.includes('admin') ? all : all.filter((v) => p.venueIds.includes(v.id));
  if (venueId !== undefined) {
    venues = venues.filter((v) => v.id === venueId);
    if (venues.length === 0) throw problem('venue_not_found');
  }
  const token = normaliseToken(typed);
  const sources: CountermarkSource[] = [];
  const own = venues.filter((v) => (v.source ?? 'guichet') === 'guichet');
  if (own.length) sources.push(new GuichetSource(ctx, own));
  const upstream = venues.filter((v) => v.source === 'passculture');
  const config = passCultureConfig(ctx.config);
  if (upstream.length && UPSTREAM_TOKEN.test(token) && !config) {
    console.warn(
      '[guichet] a venue checks pass Culture countermarks but PASSCULTURE_API_URL/KEY are not set',
    );
    sources.push(UNCONFIGURED);
  } else if (upstream.length && UPSTREAM_TOKEN.test(token) && config) {
    const structure = await ctx.db
      .selectFrom('structures')
      .select('time_zone')
      .where('id', '=', p.structureId)
      .executeTakeFirstOrThrow();
    sources.push(
      new PassCultureSource({ ...config, venues: upstream, timeZone: structure.time_zone, now: ctx.now }),
    );
  }

  for (const source of sources) {
    try {
      return (await source[action](token)) as never;
    } catch (err) {
      if (err instanceof ProblemError && err.code === 'countermark_not_found') continue;
      throw err;
    }
  }
  await countDeskFailure(ctx);
  throw problem('countermark_not_found');
}

// ---- jobs: automatic use and reimbursement

/**
 * Marks used the confirmed bookings whose session began `delayHours` ago or more (48 h by
 * default). Their `used_at` is the job's time, so they fall in a reimbursement period still open.
 * @returns how many bookings became used
 */
export async function autoUseBookings(db: Db, now: Date, delayHours = AUTO_USE_DELAY_HOURS): Promise<number> {
  // autoUseDueAt(beginsAt) <= now  <=>  beginsAt <= now - delay
  const delayMs = autoUseDueAt(now, delayHours).getTime() - now.getTime();
  const latestBegin = new Date(now.getTime() - delayMs);
  const result = await db
    .updateTable('countermark_bookings')
    .set({ status: 'used', used_at: now, auto_used: true })
    .where('status', '=', 'confirmed')
    .where('reimbursed_at', 'is', null)
    .where('stock_id', 'in', (qb) =>
      qb.selectFrom('stocks').select('id').where('begins_at', '<=', latestBegin),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Issues the reimbursement statements of the half-months that are over (in each venue's zone):
 * one per venue and period, covering its bookings validated then. Each booking is paid at the
 * rate of the venue's revenue in the calendar year, this booking included (bookings in the order
 * they were validated); the bookings become `reimbursed`. A (venue, period) gets one statement
 * only: running again does nothing.
 * @returns how many statements were issued
 */
export async function issueReimbursementStatements(db: Db, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('countermark_bookings as b')
    .innerJoin('venues as v', 'v.id', 'b.venue_id')
    .select(['b.id', 'b.venue_id', 'b.amount', 'b.used_at', 'v.time_zone'])
    .where('b.status', '=', 'used')
    .where('b.reimbursed_at', 'is', null)
    .orderBy('b.used_at')
    .orderBy('b.id')
    .execute();
  const groups = new Map<string, { venueId: string; start: string; end: string; rows: typeof rows }>();
  for (const row of rows) {
    const period = reimbursementPeriod(isoDateInZone(row.used_at!, row.time_zone));
    if (period.end >= isoDateInZone(now, row.time_zone)) continue; // not over yet
    const key = `${row.venue_id}|${period.start}`;
    const group = groups.get(key) ?? { venueId: row.venue_id, ...period, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }

  let issued = 0;
  const ordered = [...groups.values()].sort((a, b) => a.start.localeCompare(b.start));
  for (const group of ordered) {
    const year = group.start.slice(0, 4);
    const before = await db
      .selectFrom('reimbursement_statements')
      .select(sql<number>`coalesce(sum(gross), 0)`.as('gross'))
      .where('venue_id', '=', group.venueId)
      .where('period_start', '>=', `${year}-01-01`)
      .where('period_start', '<=', `${year}-12-31`)
      .executeTakeFirstOrThrow();
    let revenue = Number(before.gross);
    const id = randomUUID();
    const paid: { id: string; amount: number }[] = [];
    for (const row of group.rows) {
      paid.push({ id: row.id, amount: reimbursedAmount(row.amount, revenue) });
      revenue += row.amount;
    }
    const gross = group.rows.reduce((sum, r) => sum + r.amount, 0);
    const inserted = await db
      .insertInto('reimbursement_statements')
      .values({
        id,
        venue_id: group.venueId,
        period_start: group.start,
        period_end: group.end,
        bookings: group.rows.length,
        gross,
        rate: reimbursementRate(revenue),
        reimbursed: paid.reduce((sum, p) => sum + p.amount, 0),
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['venue_id', 'period_start']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    for (const p of paid) {
      await db
        .updateTable('countermark_bookings')
        .set({ status: 'reimbursed', reimbursed_at: now, reimbursed_amount: p.amount, statement_id: id })
        .where('id', '=', p.id)
        .execute();
    }
    issued++;
  }
  return issued;
}

export async function listStatements(
  ctx: Ctx,
  query: { venueId?: string | undefined },
): Promise<{ items: ReimbursementStatement[] }> {
  let q = ctx.db
    .selectFrom('reimbursement_statements as r')
    .innerJoin('venues as v', 'v.id', 'r.venue_id')
    .selectAll('r')
    .select('v.name as venue_name')
    .where('v.structure_id', '=', adminNetwork(ctx));
  if (query.venueId) q = q.where('r.venue_id', '=', query.venueId);
  const rows = await q.orderBy('r.period_start', 'desc').orderBy('v.name').limit(1000).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      venueId: r.venue_id,
      venueName: r.venue_name,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      bookings: r.bookings,
      gross: r.gross,
      rate: r.rate,
      reimbursed: r.reimbursed,
      createdAt: r.created_at.toISOString(),
    })),
  };
}
