import { randomUUID } from 'node:crypto';
import { addDaysIso, isoDateInZone, lotExpiry } from '@guichet/sdk/rules';
import type { Role } from '@guichet/sdk/schemas';
import { sql } from 'kysely';
import { type DemoIds, seedDemo } from '../../src/demo/seed.js';
import { hashSecret, newSecret } from '../../src/services/passwords.js';
import { qrPayload } from '../../src/services/signing.js';
import { newVoucherNumber } from '../../src/services/vouchers.js';
import type { Db } from '../../src/store/db.js';
import { openStore, type Store } from '../../src/store/store.js';

/**
 * The seeded store of the reliability scenarios: the demo town and cinema network, plus what each
 * scenario needs written straight in SQL (families by the hundred, sessions without scrypt, slots,
 * a voucher with its signed code).
 */

export interface RaceFamily {
  accountId: string;
  memberId: string;
  userId: string;
  token: string;
}

const DAY = 86_400_000;

/** Opens the database at `url` (migrating it) and seeds the demo. */
export async function seededStore(url: string | undefined, now = new Date()) {
  const store: Store = await openStore(url ? { databaseUrl: url, poolSize: 8 } : { dataDir: 'memory://' });
  const ids = await seedDemo(store.db, now);
  return { store, db: store.db, ids };
}

/** A signed-in session made directly (no password), in `structureId`. */
export async function session(
  db: Db,
  structureId: string,
  role: Role,
  extra: { accountId?: string; venueIds?: string[]; login?: string; userId?: string } = {},
): Promise<{ userId: string; token: string }> {
  const userId = extra.userId ?? randomUUID();
  const token = newSecret('gs');
  if (!extra.userId)
    await db
      .insertInto('users')
      .values({
        id: userId,
        login: extra.login ?? `${role}-${userId.slice(0, 8)}`,
        display_name: `${role} ${userId.slice(0, 4)}`,
        email: null,
        password_hash: '!',
      })
      .execute();
  await db
    .insertInto('memberships')
    .values({
      user_id: userId,
      structure_id: structureId,
      role,
      account_id: extra.accountId ?? null,
      venue_ids: extra.venueIds ?? [],
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashSecret(token),
      user_id: userId,
      structure_id: structureId,
      expires_at: new Date(Date.now() + 30 * DAY),
    })
    .execute();
  return { userId, token };
}

/** `n` families of the town, each with one 5-year-old, two empty wallets and a session. */
export async function families(db: Db, ids: DemoIds, n: number, tag = 'f'): Promise<RaceFamily[]> {
  const year = new Date().getUTCFullYear();
  const made: RaceFamily[] = Array.from({ length: n }, () => ({
    accountId: randomUUID(),
    memberId: randomUUID(),
    userId: randomUUID(),
    token: newSecret('gs'),
  }));
  for (let start = 0; start < n; start += 100) {
    const chunk = made.slice(start, start + 100);
    const label = (i: number) => `${tag}${start + i}`;
    await db
      .insertInto('accounts')
      .values(
        chunk.map((f, i) => ({
          id: f.accountId,
          structure_id: ids.town,
          holder_name: `FAMILLE ${label(i)}`,
          email: `${label(i)}@example.fr`,
        })),
      )
      .execute();
    await db
      .insertInto('members')
      .values(
        chunk.map((f, i) => ({
          id: f.memberId,
          account_id: f.accountId,
          first_name: `Enfant ${label(i)}`,
          last_name: 'FAMILLE',
          birth_date: `${year - 5}-01-01`,
        })),
      )
      .execute();
    await db
      .insertInto('wallets')
      .values(
        chunk.flatMap((f) => [
          { id: randomUUID(), account_id: f.accountId, kind_id: ids.walletKinds.periscolaire },
          { id: randomUUID(), account_id: f.accountId, kind_id: ids.walletKinds.restauration },
        ]),
      )
      .execute();
    await db
      .insertInto('users')
      .values(
        chunk.map((f, i) => ({
          id: f.userId,
          login: `race-${label(i)}-${f.userId.slice(0, 6)}`,
          display_name: `FAMILLE ${label(i)}`,
          email: null,
          password_hash: '!',
        })),
      )
      .execute();
    await db
      .insertInto('memberships')
      .values(
        chunk.map((f) => ({
          user_id: f.userId,
          structure_id: ids.town,
          role: 'family' as const,
          account_id: f.accountId,
        })),
      )
      .execute();
    await db
      .insertInto('sessions')
      .values(
        chunk.map((f) => ({
          token_hash: hashSecret(f.token),
          user_id: f.userId,
          structure_id: ids.town,
          expires_at: new Date(Date.now() + 30 * DAY),
        })),
      )
      .execute();
  }
  return made;
}

/** A bookable day of ALSH 3-6 ans Matin `daysAhead` days from today (open, deadline far ahead). */
export async function raceSlot(
  db: Db,
  ids: DemoIds,
  daysAhead: number,
  capacity: number,
  waitingCapacity: number,
) {
  const date = addDaysIso(isoDateInZone(new Date(), 'Europe/Paris'), daysAhead);
  const id = randomUUID();
  await db
    .insertInto('slots')
    .values({
      id,
      activity_id: ids.activities.matin36,
      date,
      capacity,
      waiting_capacity: waitingCapacity,
      opens_at: new Date(Date.now() - DAY),
      deadline: new Date(Date.now() + 10 * DAY),
    })
    .onConflict((oc) =>
      oc.columns(['activity_id', 'date']).doUpdateSet({ capacity, waiting_capacity: waitingCapacity }),
    )
    .execute();
  const row = await db
    .selectFrom('slots')
    .selectAll()
    .where('activity_id', '=', ids.activities.matin36)
    .where('date', '=', date)
    .executeTakeFirstOrThrow();
  return { ...row, id: row.id ?? id };
}

/** A cartoonette of the demo centre holding one fresh lot of `places`, and its signed QR payload. */
export async function voucherWith(db: Db, ids: DemoIds, places: number) {
  const today = isoDateInZone(new Date(), 'Europe/Paris');
  const accountId = randomUUID();
  await db
    .insertInto('accounts')
    .values({
      id: accountId,
      structure_id: ids.cinema.network,
      holder_name: `Centre ${accountId.slice(0, 6)}`,
      email: `${accountId.slice(0, 6)}@example.fr`,
    })
    .execute();
  const id = randomUUID();
  const number = newVoucherNumber();
  await db
    .insertInto('vouchers')
    .values({
      id,
      structure_id: ids.cinema.network,
      number,
      holder_account_id: accountId,
      email: `${accountId.slice(0, 6)}@example.fr`,
      created_at: new Date(),
    })
    .execute();
  await db
    .insertInto('voucher_lots')
    .values({
      id: randomUUID(),
      voucher_id: id,
      places,
      remaining: places,
      loaded_on: today,
      last_valid_day: lotExpiry(today),
      created_at: new Date(),
    })
    .execute();
  return { id, number, accountId, code: await qrPayload(db, number) };
}

/** Rows in every table of the store (by name), for "nothing was written". */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(row.rows[0]!.n);
  }
  return counts;
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Accepted and waiting rows of a slot, and its counters. */
export async function counts(db: Db, slotId: string) {
  const row = await sql<{ accepted: number; waitlisted: number; booked: number; waiting: number }>`
    select
      (select count(*)::int from reservations where slot_id = ${slotId} and status = 'accepted') as accepted,
      (select count(*)::int from reservations where slot_id = ${slotId} and status = 'waitlisted') as waitlisted,
      booked, waiting
    from slots where id = ${slotId}`.execute(db);
  return row.rows[0]!;
}

/** Places left on a voucher and places debited (net of reversals). */
export async function voucherState(db: Db, voucherId: string) {
  const row = await sql<{ remaining: number; debited: number }>`
    select
      (select coalesce(sum(remaining), 0)::int from voucher_lots where voucher_id = ${voucherId}) as remaining,
      (select coalesce(sum(places), 0)::int from voucher_debits where voucher_id = ${voucherId}) as debited`.execute(
    db,
  );
  return row.rows[0]!;
}
