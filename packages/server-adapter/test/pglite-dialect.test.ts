import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/store.js';

describe('the PGlite dialect', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' });
  });
  afterAll(() => store.close());

  it('lets the event loop turn before each query, so sockets wait for a query, not a request', async () => {
    // PGlite answers on this thread: a chain of queries that never let the loop turn would keep
    // every socket (new connections above all) waiting until the chain ends.
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    for (let i = 0; i < 20; i++) await sql`select ${i}::int as n`.execute(store.db);
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(20);
  });
});
