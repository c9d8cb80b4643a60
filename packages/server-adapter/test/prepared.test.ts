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

  it.runIf(process.env.DATABASE_URL)('has PostgreSQL plan its statement once a connection', async () => {
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

  it('refuses a query whose SQL depends on an argument', async () => {
    // An argument that chooses what to build is no parameter: the first call's SQL would be kept
    // for every other.
    const maybeNamed = prepared((db, withName: boolean) =>
      db.selectFrom('structures').select(withName ? ['id', 'name'] : ['id']),
    );
    await expect(maybeNamed(store.db, false)).rejects.toThrow(/each argument must be one parameter/);
  });
});
