import { randomUUID } from 'node:crypto';
import type {
  CinemaVenue,
  Offer,
  OfferInput,
  OfferUpdate,
  Stock,
  StockInput,
  StockUpdate,
  VenueInput,
} from '@guichet/sdk/schemas';
import type { Selectable } from 'kysely';
import { problem } from '../http/problem.js';
import type { Db, OffersTable, StocksTable } from '../store/db.js';
import type { Ctx } from './context.js';

/**
 * Venues of a cinema network, their offers (screening, film event, open-air cinema, festival) and
 * sessions (stocks: date-time, price of a place, quantity, booking limit). Staff (role `admin`, or
 * the network's API key) manage them; a deactivated offer or session can no longer be booked.
 */

/** The network the caller administers. Roles are checked by the HTTP layer; this checks again. */
export function adminNetwork(ctx: Ctx): string {
  const p = ctx.principal;
  if (!p?.roles.includes('admin')) throw problem('forbidden');
  return p.structureId;
}

// ---- venues

function venueQuery(db: Db) {
  return db
    .selectFrom('venues')
    .leftJoin('venue_countermark_settings as s', 's.venue_id', 'venues.id')
    .select([
      'venues.id',
      'venues.structure_id',
      'venues.name',
      'venues.address',
      'venues.time_zone',
      's.source',
      's.passculture_venue_id',
    ]);
}

export type VenueRow = Awaited<ReturnType<ReturnType<typeof venueQuery>['executeTakeFirstOrThrow']>>;

export function toVenue(row: VenueRow): CinemaVenue {
  return {
    id: row.id,
    structureId: row.structure_id,
    name: row.name,
    address: row.address,
    timeZone: row.time_zone,
    countermarkSource: row.source ?? 'guichet',
    passCultureVenueId: row.passculture_venue_id ?? null,
  };
}

/** Venues of a network, by name. */
export function networkVenues(db: Db, structureId: string): Promise<VenueRow[]> {
  return venueQuery(db).where('venues.structure_id', '=', structureId).orderBy('venues.name').execute();
}

/** A venue of the caller's network, or `venue_not_found`. */
export async function venueOf(ctx: Ctx, venueId: string): Promise<VenueRow> {
  const row = await venueQuery(ctx.db)
    .where('venues.id', '=', venueId)
    .where('venues.structure_id', '=', ctx.principal?.structureId ?? '')
    .executeTakeFirst();
  if (!row) throw problem('venue_not_found');
  return row;
}

/** Venues of the network; a cashier sees only their own. */
export async function listVenues(ctx: Ctx): Promise<{ items: CinemaVenue[] }> {
  const p = ctx.principal;
  if (!p) throw problem('forbidden');
  const rows = await networkVenues(ctx.db, p.structureId);
  const own = p.roles.includes('admin') ? rows : rows.filter((r) => p.venueIds.includes(r.id));
  return { items: own.map(toVenue) };
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw problem('validation_failed', { errors: [{ path: 'body.timeZone', message: 'Unknown time zone' }] });
  }
}

async function saveSettings(db: Db, venueId: string, input: Partial<VenueInput>): Promise<void> {
  if (input.countermarkSource === undefined && input.passCultureVenueId === undefined) return;
  const values = {
    ...(input.countermarkSource !== undefined ? { source: input.countermarkSource } : {}),
    ...(input.passCultureVenueId !== undefined ? { passculture_venue_id: input.passCultureVenueId } : {}),
  };
  await db
    .insertInto('venue_countermark_settings')
    .values({ venue_id: venueId, passculture_venue_id: null, ...values })
    .onConflict((oc) => oc.column('venue_id').doUpdateSet(values))
    .execute();
}

export async function createVenue(ctx: Ctx, input: VenueInput): Promise<CinemaVenue> {
  const structureId = adminNetwork(ctx);
  if (input.timeZone) checkTimeZone(input.timeZone);
  const id = randomUUID();
  await ctx.db
    .insertInto('venues')
    .values({
      id,
      structure_id: structureId,
      name: input.name,
      address: input.address,
      ...(input.timeZone ? { time_zone: input.timeZone } : {}),
    })
    .execute();
  await saveSettings(ctx.db, id, input);
  return toVenue(await venueOf(ctx, id));
}

export async function updateVenue(ctx: Ctx, id: string, input: Partial<VenueInput>): Promise<CinemaVenue> {
  adminNetwork(ctx);
  await venueOf(ctx, id);
  if (input.timeZone) checkTimeZone(input.timeZone);
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
  };
  if (Object.keys(changes).length)
    await ctx.db.updateTable('venues').set(changes).where('id', '=', id).execute();
  await saveSettings(ctx.db, id, input);
  return toVenue(await venueOf(ctx, id));
}

// ---- offers

export function toOffer(row: Selectable<OffersTable>): Offer {
  return {
    id: row.id,
    venueId: row.venue_id,
    name: row.name,
    category: row.category,
    description: row.description,
    isDuo: row.is_duo,
    active: row.active,
    durationMinutes: row.duration_minutes,
    version: row.version,
    posterUrl: row.poster_url,
  };
}

/** An offer of the caller's network, locked for update when `forUpdate`. */
export async function offerOf(
  ctx: Ctx,
  offerId: string,
  forUpdate = false,
): Promise<Selectable<OffersTable>> {
  let query = ctx.db
    .selectFrom('offers')
    .selectAll('offers')
    .innerJoin('venues', 'venues.id', 'offers.venue_id')
    .where('offers.id', '=', offerId)
    .where('venues.structure_id', '=', ctx.principal?.structureId ?? '');
  if (forUpdate) query = query.forUpdate('offers');
  const row = await query.executeTakeFirst();
  if (!row) throw problem('offer_not_found');
  return row;
}

export async function listOffers(
  ctx: Ctx,
  query: { venueId?: string | undefined; active?: 'true' | 'false' | undefined },
): Promise<{ items: Offer[] }> {
  const structureId = adminNetwork(ctx);
  let q = ctx.db
    .selectFrom('offers')
    .selectAll('offers')
    .innerJoin('venues', 'venues.id', 'offers.venue_id')
    .where('venues.structure_id', '=', structureId);
  if (query.venueId) q = q.where('offers.venue_id', '=', query.venueId);
  if (query.active) q = q.where('offers.active', '=', query.active === 'true');
  const rows = await q.orderBy('offers.name').orderBy('offers.id').limit(1000).execute();
  return { items: rows.map(toOffer) };
}

export async function createOffer(ctx: Ctx, input: OfferInput): Promise<Offer> {
  adminNetwork(ctx);
  await venueOf(ctx, input.venueId);
  const row = await ctx.db
    .insertInto('offers')
    .values({
      id: randomUUID(),
      venue_id: input.venueId,
      name: input.name,
      category: input.category,
      description: input.description ?? '',
      is_duo: input.isDuo ?? false,
      active: input.active ?? true,
      duration_minutes: input.durationMinutes ?? null,
      version: input.version ?? null,
      poster_url: input.posterUrl ?? null,
      import_key: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOffer(row);
}

export async function updateOffer(ctx: Ctx, id: string, input: OfferUpdate): Promise<Offer> {
  adminNetwork(ctx);
  await offerOf(ctx, id, true);
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.isDuo !== undefined ? { is_duo: input.isDuo } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(input.durationMinutes !== undefined ? { duration_minutes: input.durationMinutes } : {}),
    ...(input.version !== undefined ? { version: input.version } : {}),
    ...(input.posterUrl !== undefined ? { poster_url: input.posterUrl } : {}),
  };
  if (Object.keys(changes).length === 0) return toOffer(await offerOf(ctx, id));
  const row = await ctx.db
    .updateTable('offers')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOffer(row);
}

// ---- stocks

export function toStock(row: Selectable<StocksTable>): Stock {
  return {
    id: row.id,
    offerId: row.offer_id,
    beginsAt: row.begins_at.toISOString(),
    price: row.price,
    quantity: row.quantity,
    booked: row.booked,
    bookingLimit: row.booking_limit?.toISOString() ?? null,
    active: row.active,
  };
}

export async function listStocks(ctx: Ctx, offerId: string): Promise<{ items: Stock[] }> {
  adminNetwork(ctx);
  await offerOf(ctx, offerId);
  const rows = await ctx.db
    .selectFrom('stocks')
    .selectAll()
    .where('offer_id', '=', offerId)
    .orderBy('begins_at')
    .execute();
  return { items: rows.map(toStock) };
}

function checkBookingLimit(beginsAt: Date, bookingLimit: Date | null): void {
  if (bookingLimit && bookingLimit > beginsAt)
    throw problem('validation_failed', {
      errors: [
        { path: 'body.bookingLimit', message: 'The booking limit must not be after the session starts' },
      ],
    });
}

async function stockAt(db: Db, offerId: string, beginsAt: Date, except?: string): Promise<boolean> {
  let q = db
    .selectFrom('stocks')
    .select('id')
    .where('offer_id', '=', offerId)
    .where('begins_at', '=', beginsAt);
  if (except) q = q.where('id', '<>', except);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function createStock(ctx: Ctx, offerId: string, input: StockInput): Promise<Stock> {
  adminNetwork(ctx);
  await offerOf(ctx, offerId, true);
  const beginsAt = new Date(input.beginsAt);
  const bookingLimit = input.bookingLimit ? new Date(input.bookingLimit) : null;
  checkBookingLimit(beginsAt, bookingLimit);
  if (await stockAt(ctx.db, offerId, beginsAt)) throw problem('stock_exists');
  const row = await ctx.db
    .insertInto('stocks')
    .values({
      id: randomUUID(),
      offer_id: offerId,
      begins_at: beginsAt,
      price: input.price,
      quantity: input.quantity,
      booking_limit: bookingLimit,
      active: input.active ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStock(row);
}

/** A stock of the caller's network, locked for update. */
async function lockStock(ctx: Ctx, id: string): Promise<Selectable<StocksTable>> {
  const row = await ctx.db
    .selectFrom('stocks')
    .selectAll('stocks')
    .innerJoin('offers', 'offers.id', 'stocks.offer_id')
    .innerJoin('venues', 'venues.id', 'offers.venue_id')
    .where('stocks.id', '=', id)
    .where('venues.structure_id', '=', ctx.principal?.structureId ?? '')
    .forUpdate('stocks')
    .executeTakeFirst();
  if (!row) throw problem('stock_not_found');
  return row;
}

export async function updateStock(ctx: Ctx, id: string, input: StockUpdate): Promise<Stock> {
  adminNetwork(ctx);
  const stock = await lockStock(ctx, id);
  const beginsAt = input.beginsAt !== undefined ? new Date(input.beginsAt) : stock.begins_at;
  const bookingLimit =
    input.bookingLimit !== undefined
      ? input.bookingLimit === null
        ? null
        : new Date(input.bookingLimit)
      : stock.booking_limit;
  checkBookingLimit(beginsAt, bookingLimit);
  if (input.quantity !== undefined && input.quantity < stock.booked)
    throw problem('capacity_below_booked', { booked: stock.booked });
  if (input.beginsAt !== undefined && (await stockAt(ctx.db, stock.offer_id, beginsAt, id)))
    throw problem('stock_exists');
  const row = await ctx.db
    .updateTable('stocks')
    .set({
      begins_at: beginsAt,
      booking_limit: bookingLimit,
      ...(input.price !== undefined ? { price: input.price } : {}),
      ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStock(row);
}
