import { sql } from 'kysely';
import type { Db } from '../store/db.js';

/** Background work: idempotent, so a retry or a second process never does it twice. */
export interface Job {
  name: string;
  /** How often to run, in milliseconds. */
  everyMs: number;
  /** Runs in one transaction; returns a short summary for the log. */
  run(db: Db, now: Date): Promise<string | undefined>;
}

/** A stable 32-bit key for an advisory lock. */
function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h | 0;
}

/**
 * Runs `job` once unless another process is running it right now: the transaction takes an
 * advisory lock on the job's name and skips when it is taken.
 * @returns the job's summary, or `null` when skipped
 */
export async function runJob(db: Db, job: Job, now: Date): Promise<string | undefined | null> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_xact_lock(${lockKey(job.name)}) as ok`.execute(trx);
    if (!rows[0]?.ok) return null;
    return job.run(trx, now);
  });
}

/** A job's first run waits this long after start, plus up to `FIRST_TICK_JITTER_MS`. */
export const FIRST_TICK_MS = 3_000;
const FIRST_TICK_JITTER_MS = 2_000;

/**
 * Runs each job on its schedule until stopped. Errors are logged; the next tick tries again.
 * The first runs wait `firstTickMs` (default 3 s) plus a random part, spread job by job: the
 * server answers its first requests first (on PGlite a job holds the only connection and the
 * thread), and processes started together do not all run their jobs at the same moment.
 */
export function startJobs(
  db: Db,
  clock: () => Date,
  jobs: Job[],
  log: (line: string) => void = () => {},
  options: { firstTickMs?: number } = {},
) {
  const first = options.firstTickMs ?? FIRST_TICK_MS;
  const timers = jobs.flatMap((job, index) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const summary = await runJob(db, job, clock());
        if (summary) log(`[guichet] job ${job.name}: ${summary}`);
      } catch (err) {
        log(`[guichet] job ${job.name} failed: ${(err as Error).message}`);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    const start = setTimeout(
      tick,
      first + (first > 0 ? index * 250 + Math.random() * FIRST_TICK_JITTER_MS : 0),
    );
    start.unref();
    return [timer, start];
  });
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}
