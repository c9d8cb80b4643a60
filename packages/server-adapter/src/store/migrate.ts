import { type Kysely, sql } from 'kysely';
import { sql as family } from './migrations/001-family.js';
import { sql as cinema } from './migrations/002-cinema.js';
import { sql as vouchers } from './migrations/003-vouchers.js';
import { sql as countermarks } from './migrations/004-countermarks.js';
import { sql as payments } from './migrations/005-payments.js';
import { sql as deskDebit } from './migrations/006-desk-debit.js';

/** Migrations in order; the same SQL for PGlite and PostgreSQL. Never edit one that has shipped. */
export const MIGRATIONS: readonly { id: string; sql: string }[] = [
  { id: '001-family', sql: family },
  { id: '002-cinema', sql: cinema },
  { id: '003-vouchers', sql: vouchers },
  { id: '004-countermarks', sql: countermarks },
  { id: '005-payments', sql: payments },
  { id: '006-desk-debit', sql: deskDebit },
];

/**
 * Applies the migrations not applied yet, in one transaction under an advisory lock, so several
 * processes starting together on one PostgreSQL apply each migration once.
 * @returns the ids applied now
 */
export async function migrate(db: Kysely<unknown>): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7160001)`.execute(trx);
    await sql`create table if not exists guichet_migrations (id text primary key, applied_at timestamptz not null default now())`.execute(
      trx,
    );
    const done = await sql<{ id: string }>`select id from guichet_migrations`.execute(trx);
    const applied = new Set(done.rows.map((r) => r.id));
    const now: string[] = [];
    for (const m of MIGRATIONS) {
      if (applied.has(m.id)) continue;
      // One statement per query: PGlite's extended protocol takes a single statement.
      for (const statement of statementsOf(m.sql)) await sql.raw(statement).execute(trx);
      await sql`insert into guichet_migrations (id) values (${m.id})`.execute(trx);
      now.push(m.id);
    }
    return now;
  });
}

/**
 * A migration's statements: split where a line ends with `;`, never inside a `$$`-quoted
 * function body.
 */
export function statementsOf(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  text.split('$$').forEach((part, i) => {
    if (i % 2 === 1) {
      current += `$$${part}$$`;
      return;
    }
    const [head, ...rest] = part.split(/;\s*\n/);
    current += head;
    for (const piece of rest) {
      statements.push(current);
      current = piece;
    }
  });
  statements.push(current);
  return statements.filter((s) => s.trim());
}
