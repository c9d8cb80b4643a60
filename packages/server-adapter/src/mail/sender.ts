import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type { MailTransport } from './transport.js';

/**
 * The mail sender: takes due mails from the outbox, sends them, marks them sent. A mail is never
 * lost: a failure keeps it with its error and the time of the next try (exponential backoff), and
 * a process that dies mid-send leaves a lease that expires, so another one sends it (delivery is at
 * least once; the stable Message-ID lets a mail client drop a duplicate).
 *
 * Claiming and marking are short transactions and the SMTP talk happens between them, so a slow
 * SMTP server never holds a database connection (nor PGlite's only one).
 */

const MINUTE = 60_000;
const MAX_BACKOFF = 6 * 60 * MINUTE;

/** Delay before the next try after `failures` failures: 1, 2, 4... minutes, at most 6 hours. */
export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF, MINUTE * 2 ** Math.max(0, failures - 1));
}

// Errors that say the server cannot be reached (or refuses us): the rest of the batch waits.
const CONNECTION_ERRORS = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH', 'ECONNREFUSED']);

export interface SendOptions {
  /** Mails per round. Default 20. */
  limit?: number;
  /** How long a claimed mail is reserved for this sender. Default 10 minutes. */
  leaseMs?: number;
}

export interface SendReport {
  sent: number;
  failed: number;
  /** Claimed but not tried because the server was unreachable: released for the next round. */
  deferred: number;
}

/**
 * One round: claims up to `limit` due mails (`for update skip locked`, so concurrent senders take
 * different mails), sends each, records the outcome.
 */
export async function sendPendingMail(
  db: Db,
  transport: MailTransport,
  now: Date,
  options: SendOptions = {},
): Promise<SendReport> {
  const limit = options.limit ?? 20;
  const leaseMs = options.leaseMs ?? 10 * MINUTE;
  const claimed = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('mail_outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      // A new mail is due at once (its next_attempt_at is the database's clock); a retry when its time came.
      .where((eb) => eb.or([eb('attempts', '=', 0), eb('next_attempt_at', '<=', now)]))
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length)
      await trx
        .updateTable('mail_outbox')
        .set({ locked_until: new Date(now.getTime() + leaseMs) })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    return rows;
  });

  const report: SendReport = { sent: 0, failed: 0, deferred: 0 };
  let unreachable = false;
  for (const mail of claimed) {
    if (unreachable) {
      await db.updateTable('mail_outbox').set({ locked_until: null }).where('id', '=', mail.id).execute();
      report.deferred++;
      continue;
    }
    try {
      await transport.send({
        id: mail.id,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        attachments: mail.attachments,
      });
      await db
        .updateTable('mail_outbox')
        .set({ sent_at: now, locked_until: null, last_error: null })
        .where('id', '=', mail.id)
        .execute();
      report.sent++;
    } catch (err) {
      const failures = mail.attempts + 1;
      const e = err as { message?: string; code?: string };
      await db
        .updateTable('mail_outbox')
        .set({
          attempts: sql`attempts + 1`,
          next_attempt_at: new Date(now.getTime() + backoffMs(failures)),
          locked_until: null,
          last_error: `${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}`.slice(0, 1000),
        })
        .where('id', '=', mail.id)
        .execute();
      report.failed++;
      if (e.code && CONNECTION_ERRORS.has(e.code)) unreachable = true;
    }
  }
  return report;
}

/**
 * Runs {@link sendPendingMail} every `everyMs` until stopped, the first time after `firstTickMs`.
 * Errors are logged; the next tick retries.
 */
export function startMailSender(
  db: Db,
  clock: () => Date,
  transport: MailTransport,
  options: SendOptions & { everyMs?: number; firstTickMs?: number; log?: (line: string) => void } = {},
): () => void {
  const log = options.log ?? (() => {});
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await sendPendingMail(db, transport, clock(), options);
      if (r.sent || r.failed)
        log(`[guichet] mail: ${r.sent} sent, ${r.failed} failed, ${r.deferred} deferred`);
    } catch (err) {
      log(`[guichet] mail sender failed: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, options.everyMs ?? 5_000);
  timer.unref();
  // The first round waits a little (default 3 s and up to 1 s more), as the jobs do
  // (jobs/scheduler.ts): the server answers its first requests first.
  const first = options.firstTickMs ?? 3_000;
  const start = setTimeout(tick, first > 0 ? first + Math.random() * 1_000 : 0);
  start.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(start);
  };
}
