import { sql } from 'kysely';
import { problem } from '../http/problem.js';
import type { Db } from '../store/db.js';
import type { Ctx } from './context.js';

/**
 * Counters of failed attempts in fixed windows, kept in the table `rate_limits(key, window_start,
 * count)` so every process on one database shares them. A failure is counted with one upsert
 * (`insert ... on conflict do update set count = count + 1`); a key is blocked while its count in
 * the current window has reached the limit. Under concurrency a few attempts may pass the limit
 * between the read and the increment: it slows guessing down, it is not a quota.
 */
export interface RateLimit {
  /** Failures allowed in one window. */
  max: number;
  /** Length of a window, in seconds. */
  windowSeconds: number;
}

/** Countermark look-ups that find nothing, per cashier and per client address: 10 per 5 minutes. */
export const DESK_FAILURES: RateLimit = { max: 10, windowSeconds: 300 };

function windowStart(now: Date, limit: RateLimit): Date {
  const ms = limit.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** Throws `rate_limited` (with `retryAfter`, seconds until the window ends) if any key is blocked. */
export async function assertNotLimited(db: Db, keys: string[], now: Date, limit: RateLimit): Promise<void> {
  if (keys.length === 0) return;
  const start = windowStart(now, limit);
  const row = await db
    .selectFrom('rate_limits')
    .select(sql<number>`coalesce(max(count), 0)`.as('count'))
    .where('key', 'in', keys)
    .where('window_start', '=', start)
    .executeTakeFirst();
  if (Number(row?.count ?? 0) < limit.max) return;
  const end = start.getTime() + limit.windowSeconds * 1000;
  throw problem('rate_limited', { retryAfter: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) });
}

/** Counts one failure for each key in the current window. */
export async function recordFailure(db: Db, keys: string[], now: Date, limit: RateLimit): Promise<void> {
  const start = windowStart(now, limit);
  for (const key of keys) {
    await db
      .insertInto('rate_limits')
      .values({ key, window_start: start, count: 1 })
      .onConflict((oc) =>
        oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }),
      )
      .execute();
  }
}

/** Forgets windows that ended more than a day before `now`. */
export async function pruneRateLimits(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(now.getTime() - 86_400_000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The desk's keys: the signed-in cashier (or the API key's network) and the client address. */
export function deskKeys(ctx: Ctx): string[] {
  const p = ctx.principal;
  const keys = [p?.userId ? `desk:user:${p.userId}` : `desk:structure:${p?.structureId ?? 'anonymous'}`];
  if (ctx.clientAddress) keys.push(`desk:address:${ctx.clientAddress}`);
  return keys;
}

/**
 * Counts a failed desk look-up: after the request's transaction when in HTTP (a failing request
 * rolls its own writes back), at once otherwise.
 */
export function countDeskFailure(ctx: Ctx): Promise<void> {
  const keys = deskKeys(ctx);
  if (ctx.afterwards) {
    ctx.afterwards((db) => recordFailure(db, keys, ctx.now, DESK_FAILURES));
    return Promise.resolve();
  }
  return recordFailure(ctx.db, keys, ctx.now, DESK_FAILURES);
}
