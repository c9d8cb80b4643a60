import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared, statementName } from '../src/store/prepared.js';
import type { Store } from '../src/store/store.js';
import { freshStore } from './harness.js';

describe('prepared queries', () => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    store = await freshStore();
    await store.db
      .insertInto('structures')
      .values([
        { id: 'town-a', name: 'Ville A', kind: 'town', time_zone: 'Europe/Paris', origins: [] },
        { id: 'town-b', name: "Ville B d'en haut", kind: 'town', time_zone: 'Europe/Paris', origins: [] },
        { id: 'cine', name: 'Ciné', kind: 'cinema', time_zone: 'Europe/Paris', origins: [] },
      ])
      .execute();
  });
  afterAll(() => store.dispose());

  it('answers each call with its own arguments, constants kept as compiled', async () => {
    const named = prepared((db, kind: 'town' | 'cinema', name: string) =>
      db
        .selectFrom('structures')
        .select(['id', 'name'])
        .where('kind', '=', kind)
        .where('name', '!=', name)
        .where('time_zone', '=', 'Europe/Paris')
        .orderBy('id'),
    );
    expect(await named(store.db, 'town', 'Ville A')).toEqual([{ id: 'town-b', name: "Ville B d'en haut" }]);
    expect(await named(store.db, 'town', 'nobody')).toEqual([
      { id: 'town-a', name: 'Ville A' },
      { id: 'town-b', name: "Ville B d'en haut" },
    ]);
    expect(await named(store.db, 'cinema', 'nobody')).toEqual([{ id: 'cine', name: 'Ciné' }]);
    // In a transaction too, and with a list as one array parameter.
    const some = prepared((db, ids: string[]) =>
      db.selectFrom('structures').select('id').where(sql<boolean>`id = any(${ids}::text[])`).orderBy('id'),
    );
    await store.db.transaction().execute(async (trx) => {
      expect(await some(trx, ['cine', 'town-b', 'elsewhere'])).toEqual([{ id: 'cine' }, { id: 'town-b' }]);
      expect(await some(trx, [])).toEqual([]);
    });
  });

  it('has the store plan its statement once a connection (PGlite has one)', async () => {
    const kindOf = prepared((db, id: string) =>
      db.selectFrom('structures').select('kind').where('id', '=', id),
    );
    await store.db.transaction().execute(async (trx) => {
      // One connection: the statement is prepared on it at the first call, then reused.
      expect(await kindOf(trx, 'cine')).toEqual([{ kind: 'cinema' }]);
      expect(await kindOf(trx, 'town-a')).toEqual([{ kind: 'town' }]);
      const { rows } = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(trx);
      const named = rows.filter((r) => r.statement.startsWith('select "kind" from "structures"'));
      expect(named).toHaveLength(1);
      expect(named[0]!.name).toMatch(/^guichet_\d+$/);
      expect(statementName(named[0]!.statement)).toBe(named[0]!.name);
    });
  });

  it('writes and reads every kind of value as an unnamed query does', async () => {
    // The embedded store sends named statements through PGlite's protocol, not its `query`: the
    // same values must go in and come out on both paths.
    const echo = prepared(
      (db, text: string, day: string, at: Date, n: number, flag: boolean, days: string[], doc: object) =>
        db.selectNoFrom([
          sql<string>`${text}::text`.as('text'),
          sql<string>`${day}::date`.as('day'),
          sql<Date>`${at}::timestamptz`.as('at'),
          sql<number>`${n}::int8 + 1`.as('n'),
          sql<boolean>`not ${flag}::boolean`.as('flag'),
          sql<string[]>`${days}::date[]`.as('days'),
          sql<unknown>`${doc}::jsonb`.as('doc'),
          sql<string | null>`${null}::text`.as('nothing'),
        ]),
    );
    const args: [string, string, Date, number, boolean, string[], object] = [
      "l'été, « déjà » ✓",
      '2026-02-28',
      new Date('2026-11-21T08:30:00.123Z'),
      41,
      false,
      ['2026-01-01', '2026-12-31'],
      { a: [1, 'b'], c: null },
    ];
    const [row] = await echo(store.db, ...args);
    const plain =
      await sql`select ${args[0]}::text as text, ${args[1]}::date as day, ${args[2]}::timestamptz as at,
      ${args[3]}::int8 + 1 as n, not ${args[4]}::boolean as flag, ${args[5]}::date[] as days,
      ${JSON.stringify(args[6])}::jsonb as doc, ${null}::text as nothing`.execute(store.db);
    expect(row).toEqual(plain.rows[0]);
    expect(row).toEqual({
      text: args[0],
      day: '2026-02-28',
      at: args[2],
      n: 42,
      flag: true,
      days: ['2026-01-01', '2026-12-31'],
      doc: args[6],
      nothing: null,
    });
  });

  it('reports a failed statement and keeps working after it', async () => {
    const add = prepared((db, id: string) =>
      db
        .insertInto('structures')
        .values({ id, name: id, kind: 'town', time_zone: 'Europe/Paris', origins: [] }),
    );
    const rename = prepared((db, id: string, name: string) =>
      db.updateTable('structures').set({ name }).where('id', '=', id),
    );
    await expect(add(store.db, 'town-a')).rejects.toMatchObject({ code: '23505' });
    await expect(
      store.db.transaction().execute(async (trx) => {
        await add(trx, 'town-c');
        await add(trx, 'town-c');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    // Nothing of the failed transaction stayed; the same statements still run.
    await add(store.db, 'town-d');
    await rename(store.db, 'town-d', 'Ville D');
    const towns = await store.db
      .selectFrom('structures')
      .select(['id', 'name'])
      .where('id', 'in', ['town-c', 'town-d'])
      .execute();
    expect(towns).toEqual([{ id: 'town-d', name: 'Ville D' }]);
  });

  it('refuses a query whose SQL depends on an argument', async () => {
    // An argument that chooses what to build is no parameter: the first call's SQL would be kept
    // for every other.
    const maybeNamed = prepared((db, withName: boolean) =>
      db.selectFrom('structures').select(withName ? ['id', 'name'] : ['id']),
    );
    await expect(maybeNamed(store.db, false)).rejects.toThrow(/each argument must be one parameter/);
  });
});
