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

/** Runs each job on its schedule until stopped. Errors are logged; the next tick tries again. */
export function startJobs(db: Db, clock: () => Date, jobs: Job[], log: (line: string) => void = () => {}) {
  const timers = jobs.map((job) => {
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
    void tick();
    return timer;
  });
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
