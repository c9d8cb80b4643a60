import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allLogs, call, freshDatabase, postgresAvailable, startCluster } from './cluster.js';
import { record } from './figures.js';
import { SCALE } from './scale.js';
import {
  counts,
  families,
  type RaceFamily,
  raceSlot,
  seededStore,
  session,
  voucherState,
  voucherWith,
} from './world.js';

/**
 * Races between four `guichet serve` processes sharing one PostgreSQL: the last seats of a day, the
 * last places of a cartoonette, and replays of one Idempotency-Key. Each is checked in the answers
 * and in the store; the control shows the same race overbooks without the lock.
 */
const up = await postgresAvailable();
const SEATS = 20;
const WAITING = 30;

describe.skipIf(!up)('races between four server processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let world: Awaited<ReturnType<typeof seededStore>>;
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let fams: RaceFamily[];
  let cashiers: string[];
  const secrets: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    world = await seededStore(database.url);
    fams = await families(world.db, world.ids, SCALE.families);
    cashiers = [];
    for (let i = 0; i < 4; i++)
      cashiers.push(
        (
          await session(world.db, world.ids.cinema.network, 'cashier', {
            venueIds: [world.ids.cinema.venues.ursulines],
          })
        ).token,
      );
    secrets.push(...fams.map((f) => f.token), ...cashiers);
    cluster = await startCluster(database.url, 4);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    await world?.store.close();
    await database?.drop();
  });

  const book = (i: number, f: RaceFamily, date: string, op: 'add' | 'remove' = 'add', key = randomUUID()) =>
    call(cluster.at(i).url, 'POST', `/accounts/${f.accountId}/bookings`, {
      token: f.token,
      headers: { 'Idempotency-Key': key },
      body: { changes: [{ op, memberId: f.memberId, activityId: world.ids.activities.matin36, date }] },
    });

  it(`${SCALE.families} families for the last ${SEATS} seats, ${SCALE.rounds} rounds: exactly ${SEATS} accepted, waiting within capacity, promotions in FIFO order`, async () => {
    let attempts = 0;
    let successes = 0;
    const problems: string[] = [];
    for (let round = 0; round < SCALE.rounds; round++) {
      const slot = await raceSlot(world.db, world.ids, 40 + round, SEATS, WAITING);
      const answers = await Promise.all(fams.map((f, i) => book(i + round, f, slot.date)));
      attempts += answers.length;
      const lines = answers.map((a) => a?.body?.lines?.[0]);
      const accepted = fams.filter((_, i) => lines[i]?.outcome === 'accepted');
      successes += accepted.length;
      const waiting = fams
        .map((f, i) => ({ f, position: lines[i]?.outcome === 'waitlisted' ? lines[i].position : 0 }))
        .filter((w) => w.position > 0)
        .sort((a, b) => a.position - b.position);
      const failed = answers.filter((a) => a?.status !== 200).length;
      if (failed) problems.push(`round ${round}: ${failed} answers were not 200`);
      if (accepted.length !== SEATS) problems.push(`round ${round}: ${accepted.length} accepted answers`);
      const expectedWaiting = Math.min(WAITING, fams.length - SEATS);
      if (waiting.length !== expectedWaiting)
        problems.push(`round ${round}: ${waiting.length} waiting answers`);
      if (waiting.some((w, i) => w.position !== i + 1)) problems.push(`round ${round}: positions not 1..n`);
      const stored = await counts(world.db, slot.id);
      if (stored.accepted !== SEATS || stored.booked !== SEATS)
        problems.push(`round ${round}: store has ${stored.accepted} accepted (counter ${stored.booked})`);
      if (stored.waitlisted > WAITING || stored.waitlisted !== stored.waiting)
        problems.push(`round ${round}: store has ${stored.waitlisted} waiting (counter ${stored.waiting})`);

      // Five accepted families cancel at once, through different processes: the first five waiting
      // are promoted, and the others keep their order.
      const cancel = Math.min(5, waiting.length);
      const cancelled = await Promise.all(
        accepted.slice(0, cancel).map((f, i) => book(i, f, slot.date, 'remove')),
      );
      if (cancelled.some((a) => a?.body?.lines?.[0]?.outcome !== 'cancelled'))
        problems.push(`round ${round}: a cancellation was not cancelled`);
      const after = await world.db
        .selectFrom('reservations')
        .select(['account_id', 'status', 'waiting_order'])
        .where('slot_id', '=', slot.id)
        .where('status', 'in', ['accepted', 'waitlisted'])
        .orderBy('waiting_order')
        .execute();
      const nowAccepted = new Set(after.filter((r) => r.status === 'accepted').map((r) => r.account_id));
      const promoted = waiting.slice(0, cancel).map((w) => w.f.accountId);
      if (!promoted.every((id) => nowAccepted.has(id)) || nowAccepted.size !== SEATS)
        problems.push(`round ${round}: promotions were not the first ${cancel} waiting`);
      const stillWaiting = after.filter((r) => r.status === 'waitlisted').map((r) => r.account_id);
      const expectedOrder = waiting.slice(cancel).map((w) => w.f.accountId);
      if (stillWaiting.join() !== expectedOrder.join())
        problems.push(`round ${round}: the waiting list lost its order`);
    }
    record({
      scenario: `booking race: ${SCALE.families} families x ${SCALE.rounds} rounds for ${SEATS} seats (4 processes)`,
      attempts,
      successes,
      violations: problems.length,
      note: `accepted ${SEATS}/round expected`,
    });
    expect(problems).toEqual([]);
    expect(successes).toBe(SEATS * SCALE.rounds);
  });

  it('control: the same race without the lock (a naive read-then-write) overbooks', async () => {
    const slot = await raceSlot(world.db, world.ids, 80, SEATS, 0);
    // What an engine without a row lock or a conditional update does: read the count, decide,
    // write; two small pools stand for two processes (PostgreSQL's connections are shared with the
    // four servers still running).
    const pools = Array.from({ length: 2 }, () => new pg.Pool({ connectionString: database.url, max: 5 }));
    try {
      const outcomes = await Promise.all(
        fams.map(async (f, i) => {
          const pool = pools[i % 2]!;
          const { rows } = await pool.query('select booked, capacity from slots where id = $1', [slot.id]);
          const { booked, capacity } = rows[0] as { booked: number; capacity: number };
          if (booked >= capacity) return 'full';
          await new Promise((r) => setTimeout(r, 10));
          await pool.query(
            `insert into reservations (id, account_id, member_id, slot_id, activity_id, date, status, unit_price, quantity)
             values ($1, $2, $3, $4, $5, $6, 'accepted', 475, 1)`,
            [randomUUID(), f.accountId, f.memberId, slot.id, slot.activity_id, slot.date],
          );
          await pool.query('update slots set booked = $1 where id = $2', [booked + 1, slot.id]);
          return 'accepted';
        }),
      );
      const stored = await counts(world.db, slot.id);
      const overbooked = stored.accepted - SEATS;
      record({
        scenario: `control: same race, lock removed (naive read-then-write)`,
        attempts: outcomes.length,
        successes: outcomes.filter((o) => o === 'accepted').length,
        violations: Math.max(0, overbooked),
        note: 'violations expected > 0: proof the test can fail',
      });
      expect(stored.accepted).toBeGreaterThan(SEATS);
      // Clean up the control's damage so `guichet check` stays meaningful for the other scenarios.
      await world.db.deleteFrom('reservations').where('slot_id', '=', slot.id).execute();
      await world.db.updateTable('slots').set({ booked: 0 }).where('id', '=', slot.id).execute();
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it(`${SCALE.voucherDebits} concurrent debits of 1 place on a ${SCALE.voucherPlaces}-place voucher: exactly ${SCALE.voucherPlaces} succeed`, async () => {
    const voucher = await voucherWith(world.db, world.ids, SCALE.voucherPlaces);
    const answers = await Promise.all(
      Array.from({ length: SCALE.voucherDebits }, (_, i) =>
        call(cluster.at(i).url, 'POST', '/desk/vouchers/debits', {
          token: cashiers[i % cashiers.length]!,
          headers: { 'Idempotency-Key': randomUUID() },
          body: { venueId: world.ids.cinema.venues.ursulines, code: voucher.code, places: 1 },
        }),
      ),
    );
    const ok = answers.filter((a) => a?.status === 200).length;
    const refused = answers.filter(
      (a) => a?.status === 409 && ['insufficient_places', 'only_expired_places'].includes(a.body?.code),
    ).length;
    const stored = await voucherState(world.db, voucher.id);
    const problems: string[] = [];
    if (ok !== SCALE.voucherPlaces) problems.push(`${ok} debits answered 200`);
    if (ok + refused !== SCALE.voucherDebits)
      problems.push(`${SCALE.voucherDebits - ok - refused} other answers`);
    if (stored.remaining !== 0) problems.push(`${stored.remaining} places left`);
    if (stored.debited !== SCALE.voucherPlaces)
      problems.push(`${stored.debited} places debited in the store`);
    record({
      scenario: `voucher race: ${SCALE.voucherDebits} debits of 1 on ${SCALE.voucherPlaces} places (4 processes)`,
      attempts: answers.length,
      successes: ok,
      violations: problems.length,
    });
    expect(problems).toEqual([]);
  });

  it('Idempotency-Key: concurrent replays return the first answer and change nothing; another body is refused', async () => {
    const problems: string[] = [];
    let attempts = 0;
    let successes = 0;
    // A booking, replayed 20 times at once through the four processes.
    const slot = await raceSlot(world.db, world.ids, 90, 5, 0);
    const f = fams[0]!;
    const key = randomUUID();
    const replays = await Promise.all(
      Array.from({ length: 20 }, (_, i) => book(i, f, slot.date, 'add', key)),
    );
    attempts += replays.length;
    successes += replays.filter((a) => a?.status === 200).length;
    if (new Set(replays.map((a) => a?.text)).size !== 1)
      problems.push('booking replays answered differently');
    if (replays.filter((a) => a?.headers.get('Idempotent-Replayed') === 'true').length !== 19)
      problems.push('booking replays not marked Idempotent-Replayed');
    if ((await counts(world.db, slot.id)).accepted !== 1)
      problems.push('booking replays booked more than once');
    const other = await book(0, f, (await raceSlot(world.db, world.ids, 91, 5, 0)).date, 'add', key);
    attempts += 1;
    if (other?.status !== 422 || other.body?.code !== 'idempotency_key_reused')
      problems.push(`booking key reused with another body: ${other?.status} ${other?.body?.code}`);

    // A voucher debit, the same.
    const voucher = await voucherWith(world.db, world.ids, 10);
    const debitKey = randomUUID();
    const debit = (i: number, places: number) =>
      call(cluster.at(i).url, 'POST', '/desk/vouchers/debits', {
        token: cashiers[i % cashiers.length]!,
        headers: { 'Idempotency-Key': debitKey },
        body: { venueId: world.ids.cinema.venues.ursulines, code: voucher.code, places },
      });
    // Each cashier has its own key scope: one cashier replays.
    const debitReplays = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(cluster.at(i).url, 'POST', '/desk/vouchers/debits', {
          token: cashiers[0]!,
          headers: { 'Idempotency-Key': debitKey },
          body: { venueId: world.ids.cinema.venues.ursulines, code: voucher.code, places: 2 },
        }),
      ),
    );
    attempts += debitReplays.length;
    successes += debitReplays.filter((a) => a?.status === 200).length;
    if (new Set(debitReplays.map((a) => a?.text)).size !== 1)
      problems.push('debit replays answered differently');
    const state = await voucherState(world.db, voucher.id);
    if (state.debited !== 2) problems.push(`debit replays debited ${state.debited} places`);
    const reused = await debit(0, 3);
    attempts += 1;
    if (reused?.status !== 422 || reused.body?.code !== 'idempotency_key_reused')
      problems.push(`debit key reused with another body: ${reused?.status} ${reused?.body?.code}`);
    if ((await voucherState(world.db, voucher.id)).debited !== 2) problems.push('the refused reuse debited');
    record({
      scenario: 'idempotency: 20 concurrent replays x 2 endpoints + reuse with another body',
      attempts,
      successes,
      violations: problems.length,
    });
    expect(problems).toEqual([]);
  });

  it('secrets and tokens never appear in the servers’ logs', () => {
    const logs = allLogs.join('');
    expect(logs).toContain('[guichet] serving on');
    const leaked = secrets.filter((s) => logs.includes(s) || logs.includes(s.slice(3, 30)));
    expect(leaked).toEqual([]);
  });
});
