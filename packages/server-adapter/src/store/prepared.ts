import { type Compilable, CompiledQuery, type RawBuilder } from 'kysely';
import type { Db } from './db.js';

/**
 * A query whose SQL never changes, built and compiled by Kysely once. Kysely builds and compiles a
 * query anew on every call, which on the hot paths (the session, the account, the idempotency key,
 * the mail of each booking) cost about a third of the server's allocations under load. This keeps
 * the SQL of the first compilation and only swaps the arguments into its parameters.
 *
 * Its statement also gets a name (`statementName`): PostgreSQL parses and plans it once a
 * connection instead of at every call, on a server (store.ts) as in PGlite (pglite-dialect.ts).
 *
 * `build` returns a query builder or a `sql` template. It receives a marker in place of each
 * argument, so it must use each one as a single value (`where(col, '=', arg)`, a value to insert
 * or set, `= any(${arg}::text[])` for a list): never as an `in` list, a table or column name, or
 * to choose what to build. Constants in the query stay as compiled.
 * @example
 * const sessionOf = prepared((db, hash: string) =>
 *   db.selectFrom('sessions').selectAll().where('token_hash', '=', hash));
 * const [session] = await sessionOf(db, hash);
 */
export function prepared<Args extends unknown[], Row>(
  build: (db: Db, ...args: Args) => Compilable<Row> | RawBuilder<Row>,
): (db: Db, ...args: Args) => Promise<Row[]> {
  let compiled: { sql: string; slots: ({ arg: number } | { value: unknown })[] } | undefined;
  return async (db, ...args) => {
    if (!compiled) {
      // NUL never occurs in a PostgreSQL text value: a marker cannot be mistaken for a constant.
      const markers = args.map((_, i) => `\u0000${i}`);
      const first = build(db, ...(markers as Args)).compile(db);
      compiled = {
        sql: first.sql,
        slots: first.parameters.map((p) =>
          markers.includes(p as string) ? { arg: markers.indexOf(p as string) } : { value: p },
        ),
      };
      const used = new Set(compiled.slots.flatMap((s) => ('arg' in s ? [s.arg] : [])));
      if (used.size !== args.length) throw new Error('prepared: each argument must be one parameter');
      if (!names.has(compiled.sql)) names.set(compiled.sql, `guichet_${names.size + 1}`);
    }
    const parameters = compiled.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
    return rows;
  };
}

const names = new Map<string, string>();

/**
 * The name of a `prepared` query's statement, or undefined for any other SQL. Both stores send
 * named statements (store.ts, pglite-dialect.ts): planning the account with its members cost
 * PostgreSQL about 360 µs of CPU each time, against about 100 µs for the whole query once named.
 */
export function statementName(sql: string): string | undefined {
  return names.get(sql);
}
