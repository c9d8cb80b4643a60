import { randomUUID } from 'node:crypto';
import { addDaysIso } from '@guichet/sdk/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoIds, seedDemo } from '../src/demo/seed.js';
import { hashSecret, newSecret } from '../src/services/passwords.js';
import type { Db } from '../src/store/db.js';
import { testClock, testServer } from './harness.js';

/**
 * Families racing for the last seats with real concurrent requests. On PostgreSQL (DATABASE_URL)
 * the transactions really run side by side on a pool; on PGlite they take turns on its single
 * connection. The control shows a naive read-then-write engine overbooks on both.
 */
describe('racing for the last seat', () => {
  const clock = testClock('2026-04-08T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  const families: { accountId: string; memberId: string; token: string }[] = [];

  /** A family of one 5-year-old with a signed-in session (made directly: no scrypt per family). */
  async function family(db: Db, n: number) {
    const accountId = randomUUID();
    const memberId = randomUUID();
    const userId = randomUUID();
    const token = newSecret('gs');
    await db
      .insertInto('accounts')
      .values({
        id: accountId,
        structure_id: ids.town,
        holder_name: `FAMILLE ${n}`,
        email: `f${n}@example.fr`,
      })
      .execute();
    await db
      .insertInto('members')
      .values({
        id: memberId,
        account_id: accountId,
        first_name: `Enfant${n}`,
        last_name: 'FAMILLE',
        birth_date: '2021-01-01',
      })
      .execute();
    await db
      .insertInto('wallets')
      .values([
        { id: randomUUID(), account_id: accountId, kind_id: ids.walletKinds.periscolaire },
        { id: randomUUID(), account_id: accountId, kind_id: ids.walletKinds.restauration },
      ])
      .execute();
    await db
      .insertInto('users')
      .values({
        id: userId,
        login: `famille${n}`,
        display_name: `FAMILLE ${n}`,
        email: null,
        password_hash: '!',
      })
      .execute();
    await db
      .insertInto('memberships')
      .values({ user_id: userId, structure_id: ids.town, role: 'family', account_id: accountId })
      .execute();
    await db
      .insertInto('sessions')
      .values({
        token_hash: hashSecret(token),
        user_id: userId,
        structure_id: ids.town,
        expires_at: new Date(clock().getTime() + 86_400_000),
      })
      .execute();
    return { accountId, memberId, token };
  }

  /** A day of ALSH 3-6 ans Matin with the given places. */
  async function slot(date: string, capacity: number, waitingCapacity: number) {
    return t.db
      .updateTable('slots')
      .set({ capacity, waiting_capacity: waitingCapacity })
      .where('activity_id', '=', ids.activities.matin36)
      .where('date', '=', date)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  const matinOn = (date: string) =>
    t.db
      .selectFrom('slots')
      .selectAll()
      .where('activity_id', '=', ids.activities.matin36)
      .where('date', '=', date)
      .executeTakeFirstOrThrow();

  const accepted = async (slotId: string) =>
    Number(
      (
        await t.db
          .selectFrom('reservations')
          .select(sql<number>`count(*)`.as('n'))
          .where('slot_id', '=', slotId)
          .where('status', '=', 'accepted')
          .executeTakeFirstOrThrow()
      ).n,
    );

  const bookDay = (f: (typeof families)[number], date: string) =>
    t.call('POST', `/accounts/${f.accountId}/bookings`, {
      token: f.token,
      body: { changes: [{ op: 'add', memberId: f.memberId, activityId: ids.activities.matin36, date }] },
    });

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
    for (let n = 0; n < 16; n++) families.push(await family(t.db, n));
  });
  afterAll(() => t.close());

  it('two accounts racing for the last seat: exactly one gets it, every time', async () => {
    const days = [7, 8, 9, 10, 11].map((d) => addDaysIso(ids.holiday.from, d));
    for (const date of days) {
      const s = await slot(date, 1, 0);
      const [a, b] = await Promise.all([bookDay(families[0]!, date), bookDay(families[1]!, date)]);
      const outcomes = [a, b].map((r) => r.body.lines[0].outcome).sort();
      expect(outcomes).toEqual(['accepted', 'refused']);
      expect(await accepted(s.id)).toBe(1);
    }
  });

  it('many families at once: never more accepted than capacity, nor more waiting than the list holds', async () => {
    const date = addDaysIso(ids.holiday.from, 1);
    const s = await slot(date, 3, 2);
    const answers = await Promise.all(families.map((f) => bookDay(f, date)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const lines = answers.map((r) => r.body.lines[0]);
    expect(lines.filter((l) => l.outcome === 'accepted')).toHaveLength(3);
    const waiting = lines.filter((l) => l.outcome === 'waitlisted');
    expect(waiting.map((l) => l.position).sort()).toEqual([1, 2]);
    expect(lines.filter((l) => l.outcome === 'refused' && l.reason === 'full')).toHaveLength(
      families.length - 5,
    );
    expect(await accepted(s.id)).toBe(3);
    const after = await t.db.selectFrom('slots').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ booked: 3, waiting: 2 });
  });

  it('baskets of three days sent in different orders take their places together, each day to its capacity', async () => {
    const days = [0, 2, 3].map((d) => addDaysIso(ids.holiday.from, d));
    // Four seats and two waiting places left on each day, beside the demo's own reservations.
    const before = new Map<string, { booked: number; waiting: number }>();
    for (const date of days) {
      const s = await matinOn(date);
      before.set(date, s);
      await slot(date, s.booked + 4, s.waiting + 2);
    }
    // Each family asks the three days for one child, starting from a different day.
    const answers = await Promise.all(
      families.map((f, n) =>
        t.call('POST', `/accounts/${f.accountId}/bookings`, {
          token: f.token,
          body: {
            changes: [0, 1, 2].map((k) => ({
              op: 'add',
              memberId: f.memberId,
              activityId: ids.activities.matin36,
              date: days[(n + k) % 3],
            })),
          },
        }),
      ),
    );
    expect(answers.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const lines = answers.flatMap((r) => r.body.lines);
    for (const date of days) {
      const { booked, waiting } = before.get(date)!;
      const mine = lines.filter((l) => l.change.date === date);
      expect(mine.filter((l) => l.outcome === 'accepted')).toHaveLength(4);
      expect(
        mine
          .filter((l) => l.outcome === 'waitlisted')
          .map((l) => l.position)
          .sort(),
      ).toEqual([waiting + 1, waiting + 2]);
      expect(mine.filter((l) => l.outcome === 'refused' && l.reason === 'full')).toHaveLength(
        families.length - 6,
      );
      const after = await matinOn(date);
      expect(after).toMatchObject({ booked: booked + 4, waiting: waiting + 2 });
      expect(await accepted(after.id)).toBe(booked + 4);
    }
  });

  it('control: a naive read-then-write without the lock overbooks', async () => {
    const date = addDaysIso(ids.holiday.from, 4);
    const s = await slot(date, 3, 0);
    // What an engine without conditional update or lock would do: read the count, decide, write.
    const naive = async (f: (typeof families)[number]) => {
      const { booked, capacity } = await t.db
        .selectFrom('slots')
        .select(['booked', 'capacity'])
        .where('id', '=', s.id)
        .executeTakeFirstOrThrow();
      if (booked >= capacity) return 'full';
      await new Promise((resolve) => setTimeout(resolve, 20)); // the time a request takes between
      await t.db
        .insertInto('reservations')
        .values({
          id: randomUUID(),
          account_id: f.accountId,
          member_id: f.memberId,
          slot_id: s.id,
          activity_id: s.activity_id,
          date,
          status: 'accepted',
          waiting_order: null,
          unit_price: 475,
          quantity: 1,
          refusal_reason: null,
          charged_at: null,
        })
        .execute();
      await t.db
        .updateTable('slots')
        .set({ booked: booked + 1 })
        .where('id', '=', s.id)
        .execute();
      return 'accepted';
    };
    const outcomes = await Promise.all(families.map(naive));
    const overbooked = await accepted(s.id);
    expect(outcomes.filter((o) => o === 'accepted').length).toBeGreaterThan(s.capacity);
    expect(overbooked).toBeGreaterThan(s.capacity);
    // The counter lost updates too: it says the day is not even full.
    const after = await t.db
      .selectFrom('slots')
      .select('booked')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(after.booked).toBeLessThan(overbooked);
  });
});
