import { randomUUID } from 'node:crypto';
import { planDebit } from '@guichet/sdk/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoIds, seedDemo } from '../src/demo/seed.js';
import { testClock, testServer } from './harness.js';
import { voucherFixtures } from './vouchers-fixtures.js';

/**
 * Desks racing for the last places of one cartoonette with real concurrent requests. On
 * PostgreSQL (DATABASE_URL) the transactions run side by side on a pool and meet on the voucher's
 * row lock; on PGlite they take turns on its single connection. The control shows that a naive
 * read-then-write without the lock over-debits on both.
 */
describe('racing for the last places of a voucher', () => {
  const clock = testClock('2026-06-15T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  let f: ReturnType<typeof voucherFixtures>;
  let admin: string;
  let cashiers: { userId: string; token: string }[];

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
    f = voucherFixtures(t, ids, clock);
    admin = (await f.session('admin')).token;
    const venueIds = [ids.cinema.venues.ursulines, ids.cinema.venues.entrepot];
    cashiers = [];
    for (let i = 0; i < 4; i++) cashiers.push(await f.session('cashier', { venueIds }));
  });
  afterAll(() => t.close());

  async function voucherWith(places: number) {
    const c = await f.centre();
    const order = await t.call('POST', `/accounts/${c.accountId}/voucher-orders`, {
      token: admin,
      body: f.orderBody(places),
    });
    const paid = await t.call('POST', `/admin/voucher-orders/${order.body.id}/paid`, {
      token: admin,
      body: { paymentReference: `BC-${order.body.id}` },
    });
    expect(paid.status).toBe(200);
    return paid.body.voucher as { id: string; qrPayload: string };
  }

  const state = async (voucherId: string) => {
    const lots = await t.db
      .selectFrom('voucher_lots')
      .select(['remaining'])
      .where('voucher_id', '=', voucherId)
      .execute();
    const debited = await t.db
      .selectFrom('voucher_debits')
      .select(sql<number>`coalesce(sum(places), 0)`.as('n'))
      .where('voucher_id', '=', voucherId)
      .executeTakeFirstOrThrow();
    return { remaining: lots.reduce((n, l) => n + l.remaining, 0), debited: Number(debited.n) };
  };

  it('20 desks debit 1 place each on a voucher of 10: exactly 10 succeed', async () => {
    const voucher = await voucherWith(10);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call('POST', '/desk/vouchers/debits', {
          token: cashiers[i % cashiers.length]!.token,
          headers: { 'Idempotency-Key': `race-${i}` },
          body: {
            venueId: i % 2 ? ids.cinema.venues.ursulines : ids.cinema.venues.entrepot,
            code: voucher.qrPayload,
            places: 1,
          },
        }),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(10);
    const refused = answers.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(10);
    expect(refused.every((r) => r.body.code === 'insufficient_places' && r.body.available === 0)).toBe(true);
    expect(await state(voucher.id)).toEqual({ remaining: 0, debited: 10 });
  });

  it('control: a naive read-then-write without the row lock over-debits', async () => {
    const voucher = await voucherWith(10);
    const today = f.today();
    // What a desk without the lock would do: read the lots, plan, then write what it planned,
    // each step its own transaction, a request's worth of time in between.
    const naive = async (cashierId: string) => {
      const lots = await t.db
        .transaction()
        .execute((trx) =>
          trx.selectFrom('voucher_lots').selectAll().where('voucher_id', '=', voucher.id).execute(),
        );
      const plan = planDebit(
        lots.map((l) => ({
          id: l.id,
          voucherId: l.voucher_id,
          places: l.places,
          remaining: l.remaining,
          loadedOn: l.loaded_on,
          lastValidDay: l.last_valid_day,
        })),
        1,
        today,
      );
      if (!plan.ok) return 'refused';
      await new Promise((resolve) => setTimeout(resolve, 20));
      await t.db.transaction().execute(async (trx) => {
        for (const lot of plan.lots)
          await trx
            .updateTable('voucher_lots')
            .set({ remaining: lot.remaining })
            .where('id', '=', lot.id)
            .execute();
        await trx
          .insertInto('voucher_debits')
          .values({
            id: randomUUID(),
            voucher_id: voucher.id,
            venue_id: ids.cinema.venues.ursulines,
            cashier_id: cashierId,
            places: 1,
            at: clock(),
            reverses: null,
            reason: null,
          })
          .execute();
      });
      return 'debited';
    };
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => naive(cashiers[i % cashiers.length]!.userId)),
    );
    const after = await state(voucher.id);
    expect(outcomes.filter((o) => o === 'debited').length).toBeGreaterThan(10);
    // More places recorded as spent than the voucher ever held, and the lot says some are left.
    expect(after.debited).toBeGreaterThan(10);
    expect(after.remaining).toBeGreaterThan(10 - after.debited);
  });
});
