import { addDaysIso, isoDateInZone } from '@guichet/sdk/rules';
import { type Mailer, outboxMailer } from '../mail/outbox.js';
import { placesExpiringMail } from '../mail/templates.js';
import type { Db } from '../store/db.js';
import type { Job } from './scheduler.js';

/**
 * Tells each voucher holder, once per lot, that places expire within 30 days (seed 000: no
 * carry-over). "Once" is a `job_runs` row per lot, written in the same transaction as the mail.
 * @returns how many mails were queued
 */
export async function mailExpiringPlaces(db: Db, now: Date, mailer: Mailer = outboxMailer): Promise<number> {
  const lots = await db
    .selectFrom('voucher_lots')
    .innerJoin('vouchers', 'vouchers.id', 'voucher_lots.voucher_id')
    .innerJoin('accounts', 'accounts.id', 'vouchers.holder_account_id')
    .innerJoin('structures', 'structures.id', 'vouchers.structure_id')
    .leftJoin('job_runs', (join) =>
      join.onRef('job_runs.run_key', '=', 'voucher_lots.id').on('job_runs.name', '=', 'places-expiring-mail'),
    )
    .select([
      'voucher_lots.id',
      'voucher_lots.remaining',
      'voucher_lots.last_valid_day',
      'vouchers.id as voucher_id',
      'vouchers.number',
      'vouchers.email',
      'accounts.holder_name',
      'structures.name as network_name',
      'structures.time_zone',
    ])
    .where('voucher_lots.remaining', '>', 0)
    .where('vouchers.status', '=', 'active')
    .where('job_runs.run_key', 'is', null)
    .execute();
  const due = lots.filter((l) => {
    const today = isoDateInZone(now, l.time_zone);
    return l.last_valid_day >= today && l.last_valid_day <= addDaysIso(today, 30);
  });
  const byVoucher = new Map<string, typeof due>();
  for (const lot of due) byVoucher.set(lot.voucher_id, [...(byVoucher.get(lot.voucher_id) ?? []), lot]);
  for (const group of byVoucher.values()) {
    const first = group[0]!;
    await mailer.queue(
      db,
      placesExpiringMail({
        to: first.email,
        holderName: first.holder_name,
        networkName: first.network_name,
        number: first.number,
        lots: group.map((l) => ({ places: l.remaining, lastValidDay: l.last_valid_day })),
      }),
    );
    await db
      .insertInto('job_runs')
      .values(group.map((l) => ({ name: 'places-expiring-mail', run_key: l.id, finished_at: now })))
      .execute();
  }
  return byVoucher.size;
}

export function voucherJobs(): Job[] {
  return [
    {
      name: 'places-expiring-mail',
      everyMs: 60 * 60_000,
      async run(db, now) {
        const mailed = await mailExpiringPlaces(db, now);
        return mailed ? `${mailed} voucher holder(s) told of places expiring within 30 days` : undefined;
      },
    },
  ];
}
