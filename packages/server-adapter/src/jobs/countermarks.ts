import { AUTO_USE_DELAY_HOURS } from '@guichet/sdk/rules';
import { autoUseBookings, issueReimbursementStatements } from '../services/countermarks.js';
import { pruneRateLimits } from '../services/rate-limit.js';
import type { Job } from './scheduler.js';

export interface CountermarkJobOptions {
  /**
   * Hours after a session at which its confirmed bookings become used (pass Culture: 48; one of
   * its guides says 72). Default: `GUICHET_AUTO_USE_HOURS` from the environment, else 48.
   */
  autoUseHours?: number;
}

function hoursFromEnv(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = Number(env?.GUICHET_AUTO_USE_HOURS);
  return env?.GUICHET_AUTO_USE_HOURS && Number.isFinite(value) && value >= 0 ? value : AUTO_USE_DELAY_HOURS;
}

/** Marks used the confirmed bookings of sessions that began `hours` ago. */
export function autoUseJob(hours = hoursFromEnv()): Job {
  return {
    name: 'countermarks-auto-use',
    everyMs: 15 * 60_000,
    async run(db, now) {
      const n = await autoUseBookings(db, now, hours);
      return n ? `${n} booking(s) used ${hours} h after their session` : undefined;
    },
  };
}

/** Issues the reimbursement statements of the half-months that are over, once per venue and period. */
export const reimbursementJob: Job = {
  name: 'countermarks-reimbursement',
  everyMs: 60 * 60_000,
  async run(db, now) {
    const n = await issueReimbursementStatements(db, now);
    return n ? `${n} reimbursement statement(s) issued` : undefined;
  },
};

/** Forgets the desk's failure counters of windows over for a day. */
export const rateLimitPruneJob: Job = {
  name: 'rate-limits-prune',
  everyMs: 60 * 60_000,
  async run(db, now) {
    const n = await pruneRateLimits(db, now);
    return n ? `${n} old rate-limit window(s) removed` : undefined;
  },
};

/** The jobs of offers and countermarks. */
export function countermarkJobs(options: CountermarkJobOptions = {}): Job[] {
  return [autoUseJob(options.autoUseHours), reimbursementJob, rateLimitPruneJob];
}
