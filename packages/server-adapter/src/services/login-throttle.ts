import type { Ctx } from './context.js';
import { assertNotLimited, type RateLimit, recordFailure } from './rate-limit.js';

/**
 * Failed logins, counted in the shared `rate_limits` table (services/rate-limit.ts) so every process
 * on one database sees the same counts. Two keys: the login typed (known or not, so the answer does
 * not tell which logins exist) and the client's address. Once a key has reached its limit in the
 * current window, every login on it, right or wrong, is answered 429 `rate_limited` with
 * `Retry-After` until the window ends. A successful login forgets the failures of its login.
 */

/** Failures per login: 10 per 15 minutes. */
export const LOGIN_FAILURES_PER_ACCOUNT: RateLimit = { max: 10, windowSeconds: 900 };
/** Failures per client address: 50 per 15 minutes (a school or an office shares one address). */
export const LOGIN_FAILURES_PER_ADDRESS: RateLimit = { max: 50, windowSeconds: 900 };

const accountKey = (login: string) => `login:account:${login.trim().toLowerCase()}`;
const addressKey = (ctx: Ctx) => (ctx.clientAddress ? [`login:address:${ctx.clientAddress}`] : []);

/** Throws `rate_limited` when the login or the address has failed too often lately. */
export async function assertLoginAllowed(ctx: Ctx, login: string): Promise<void> {
  await assertNotLimited(ctx.db, [accountKey(login)], ctx.now, LOGIN_FAILURES_PER_ACCOUNT);
  await assertNotLimited(ctx.db, addressKey(ctx), ctx.now, LOGIN_FAILURES_PER_ADDRESS);
}

/**
 * Counts a failed login. In HTTP it is written once the request's transaction is over (the failing
 * request rolls its own writes back); elsewhere at once.
 */
export async function countLoginFailure(ctx: Ctx, login: string): Promise<void> {
  const write = async (db: Ctx['db']) => {
    await recordFailure(db, [accountKey(login)], ctx.now, LOGIN_FAILURES_PER_ACCOUNT);
    await recordFailure(db, addressKey(ctx), ctx.now, LOGIN_FAILURES_PER_ADDRESS);
  };
  if (ctx.afterwards) ctx.afterwards(write);
  else await write(ctx.db);
}

/** Forgets the failures of a login that just succeeded (its address keeps its count). */
export async function forgetLoginFailures(ctx: Ctx, login: string): Promise<void> {
  await ctx.db.deleteFrom('rate_limits').where('key', '=', accountKey(login)).execute();
}
