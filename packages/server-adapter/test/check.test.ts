import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { runJob } from '../src/jobs/scheduler.js';
import { checkInvariants } from '../src/services/check.js';
import { freshStore } from './harness.js';

describe('guichet check', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore();
    await seedDemo(store.db, new Date('2026-04-08T08:00:00Z'));
  });
  afterAll(() => store.dispose());

  it('finds no violation in the demo store', async () => {
    expect(await checkInvariants(store.db)).toEqual([]);
  });

  it('names a wallet whose balance is not the sum of its ledger', async () => {
    const wallet = await store.db.selectFrom('wallets').select('id').limit(1).executeTakeFirstOrThrow();
    await store.db
      .updateTable('wallets')
      .set({ balance: sql`balance + 1` })
      .where('id', '=', wallet.id)
      .execute();
    const violations = await checkInvariants(store.db);
    await store.db
      .updateTable('wallets')
      .set({ balance: sql`balance - 1` })
      .where('id', '=', wallet.id)
      .execute();
    expect(violations).toEqual([expect.objectContaining({ kind: 'wallet_balance', id: wallet.id })]);
  });

  it('names a slot whose counters disagree with its reservations', async () => {
    const slot = await store.db
      .selectFrom('slots')
      .select('id')
      .where('booked', '=', 2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await store.db.updateTable('slots').set({ booked: 1 }).where('id', '=', slot.id).execute();
    const violations = await checkInvariants(store.db);
    await store.db.updateTable('slots').set({ booked: 2 }).where('id', '=', slot.id).execute();
    expect(violations.map((v) => v.kind)).toEqual(['slot_counter']);
  });

  it('names a voucher lot and a session whose places disagree with their debits and bookings', async () => {
    const lot = await store.db
      .selectFrom('voucher_lots')
      .select('id')
      .where('remaining', '>', 0)
      .limit(1)
      .executeTakeFirstOrThrow();
    const stock = await store.db
      .selectFrom('stocks')
      .select('id')
      .where('booked', '>', 0)
      .limit(1)
      .executeTakeFirstOrThrow();
    await store.db
      .updateTable('voucher_lots')
      .set({ remaining: sql`remaining - 1` })
      .where('id', '=', lot.id)
      .execute();
    await store.db
      .updateTable('stocks')
      .set({ booked: sql`booked - 1` })
      .where('id', '=', stock.id)
      .execute();
    const violations = await checkInvariants(store.db);
    await store.db
      .updateTable('voucher_lots')
      .set({ remaining: sql`remaining + 1` })
      .where('id', '=', lot.id)
      .execute();
    await store.db
      .updateTable('stocks')
      .set({ booked: sql`booked + 1` })
      .where('id', '=', stock.id)
      .execute();
    expect(violations.map((v) => [v.kind, v.id])).toEqual([
      ['voucher_lot', lot.id],
      ['stock_counter', stock.id],
    ]);
  });
});

describe('jobs', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    store = await freshStore();
  });
  afterAll(() => store.dispose());

  it('runs a job and returns its summary', async () => {
    const job = { name: 'test', everyMs: 1000, run: async () => 'done' };
    expect(await runJob(store.db, job, new Date())).toBe('done');
  });

  // PGlite has one connection: the second run would queue behind the first, not skip.
  it.runIf(Boolean(process.env.DATABASE_URL))('skips a job another process is running', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const running = new Promise<void>((r) => {
      started = r;
    });
    const slow = {
      name: 'shared',
      everyMs: 1000,
      run: async () => {
        started();
        await held;
        return 'first';
      },
    };
    const first = runJob(store.db, slow, new Date());
    await running;
    expect(await runJob(store.db, { ...slow, run: async () => 'second' }, new Date())).toBeNull();
    release();
    expect(await first).toBe('first');
  });
});
