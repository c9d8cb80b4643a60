import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markExclusive, SharedReads } from '../src/services/shared-reads.js';
import type { Db } from '../src/store/db.js';
import { testServer } from './harness.js';

describe('SharedReads: what the calendar keeps for every family of a structure', () => {
  let t: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    t = await testServer();
  });
  afterAll(() => t.close());

  const counting = () => {
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    return { read, reads: () => reads };
  };

  it('shares one read between the requests of the TTL, per structure and key', async () => {
    const kept = new SharedReads<number>(60_000);
    const { read, reads } = counting();
    const all = await Promise.all([1, 2, 3].map(() => kept.get(t.db, 's1', '2026-07', read)));
    expect(all).toEqual([1, 1, 1]);
    expect(await kept.get(t.db, 's1', '2026-08', read)).toBe(2);
    expect(await kept.get(t.db, 's2', '2026-07', read)).toBe(3);
    expect(reads()).toBe(3);
  });

  it('reads afresh after the TTL, after forget, and always inside a transaction', async () => {
    const kept = new SharedReads<number>(50);
    const { read } = counting();
    expect(await kept.get(t.db, 's1', 'k', read)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await kept.get(t.db, 's1', 'k', read)).toBe(2);
    kept.forget('s1');
    expect(await kept.get(t.db, 's1', 'k', read)).toBe(3);
    kept.forget();
    expect(await kept.get(t.db, 's1', 'k', read)).toBe(4);
    await t.db.transaction().execute(async (trx) => {
      expect(await kept.get(trx as Db, 's1', 'k', read)).toBe(5);
    });
    expect(await kept.get(t.db, 's1', 'k', read)).toBe(4);
  });

  it('keeps reads longer on a store only this process writes (PGlite)', async () => {
    const kept = new SharedReads<number>(50, 60_000);
    const exclusive = { isTransaction: false } as Db;
    markExclusive(exclusive);
    const shared = { isTransaction: false } as Db; // a PostgreSQL store other processes write too
    const { read } = counting();
    expect(await kept.get(exclusive, 's1', 'k', read)).toBe(1);
    expect(await kept.get(shared, 's1', 'k', read)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await kept.get(exclusive, 's1', 'k', read)).toBe(1);
    expect(await kept.get(shared, 's1', 'k', read)).toBe(3);
  });

  it('never keeps a read that was under way when forget was called (a commit in between)', async () => {
    const kept = new SharedReads<string>(60_000);
    let finish!: (v: string) => void;
    const stale = kept.get(t.db, 's1', 'k', () => new Promise((resolve) => (finish = resolve)));
    kept.forget('s1'); // the commit that moved the data lands while the read is under way
    finish('before the commit');
    expect(await stale).toBe('before the commit');
    expect(await kept.get(t.db, 's1', 'k', async () => 'after the commit')).toBe('after the commit');
  });

  it('does not keep a failed read, and bounds the keys a structure holds', async () => {
    const kept = new SharedReads<number>(60_000);
    await expect(kept.get(t.db, 's1', 'k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await kept.get(t.db, 's1', 'k', async () => 7)).toBe(7);
    const { read, reads } = counting();
    for (let m = 0; m < 100; m++) await kept.get(t.db, 's1', `month-${m}`, read);
    expect(reads()).toBe(100);
    // The first months were dropped when the structure passed its bound: read again.
    await kept.get(t.db, 's1', 'month-0', read);
    expect(reads()).toBe(101);
  });
});
