import { type Compilable, CompiledQuery } from 'kysely';
import type { Db } from './db.js';

/**
 * A query whose SQL never changes, built and compiled by Kysely once. Kysely builds and compiles a
 * query anew on every call, which on the hot paths (the session, the account, the idempotency key,
 * the mail of each booking) cost about a third of the server's allocations under load. This keeps
 * the SQL of the first compilation and only swaps the arguments into its parameters.
 *
 * `build` receives a marker in place of each argument, so it must use each one as a single value
 * (`where(col, '=', arg)`, a value to insert or set): never as a list (`in`), a table or column
 * name, or to choose what to build. Constants in the query stay as compiled.
 * @example
 * const sessionOf = prepared((db, hash: string) =>
 *   db.selectFrom('sessions').selectAll().where('token_hash', '=', hash));
 * const [session] = await sessionOf(db, hash);
 */
export function prepared<Args extends unknown[], Row>(
  build: (db: Db, ...args: Args) => Compilable<Row>,
): (db: Db, ...args: Args) => Promise<Row[]> {
  let compiled: { sql: string; slots: ({ arg: number } | { value: unknown })[] } | undefined;
  return async (db, ...args) => {
    if (!compiled) {
      // NUL never occurs in a PostgreSQL text value: a marker cannot be mistaken for a constant.
      const markers = args.map((_, i) => `\u0000${i}`);
      const first = build(db, ...(markers as Args)).compile();
      compiled = {
        sql: first.sql,
        slots: first.parameters.map((p) =>
          markers.includes(p as string) ? { arg: markers.indexOf(p as string) } : { value: p },
        ),
      };
      const used = new Set(compiled.slots.flatMap((s) => ('arg' in s ? [s.arg] : [])));
      if (used.size !== args.length) throw new Error('prepared: each argument must be one parameter');
    }
    const parameters = compiled.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
    return rows;
  };
}
