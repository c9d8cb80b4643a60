import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/services/check.js';
import { openStore } from '../../src/store/store.js';
import {
  type Answer,
  call,
  freshDatabase,
  postgresAvailable,
  runCli,
  startCluster,
  startServer,
} from './cluster.js';
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
 * Crashes: one of four processes is SIGKILLed in the middle of each load; an embedded (PGlite)
 * server is SIGKILLed during writes and started again. What was acknowledged must be in the store,
 * `guichet check` must find nothing wrong, and the survivors must keep answering.
 */
const up = await postgresAvailable();
const SEATS = 20;
const WAITING = 30;

/** Runs the calls at once and kills `victim` when `share` of the answers have come back. */
async function withKillMidway(
  calls: (() => Promise<Answer | null>)[],
  share: number,
  kill: () => Promise<void>,
): Promise<(Answer | null)[]> {
  let answered = 0;
  let killing: Promise<void> | undefined;
  const threshold = Math.max(1, Math.floor(calls.length * share));
  const answers = await Promise.all(
    calls.map((run) =>
      run().then((a) => {
        answered++;
        if (answered === threshold) killing = kill();
        return a;
      }),
    ),
  );
  await killing;
  return answers;
}

describe.skipIf(!up)('SIGKILL of one process of four in the middle of each load', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let world: Awaited<ReturnType<typeof seededStore>>;
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let fams: RaceFamily[];
  let cashier: string;

  beforeAll(async () => {
    database = await freshDatabase();
    world = await seededStore(database.url);
    fams = await families(world.db, world.ids, SCALE.families);
    cashier = (
      await session(world.db, world.ids.cinema.network, 'cashier', {
        venueIds: [world.ids.cinema.venues.ursulines],
      })
    ).token;
    cluster = await startCluster(database.url, 4);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    await world?.store.close();
    await database?.drop();
  });

  it(`${SCALE.kills} kills during booking races and voucher debits: acknowledged work is stored, check is clean, survivors serve`, async () => {
    const problems: string[] = [];
    let attempts = 0;
    let successes = 0;
    let retried = 0;
    for (let k = 0; k < SCALE.kills; k++) {
      const victim = k % 4;
      const victimUrl = cluster.servers[victim]!.url;
      const kill = () => cluster.servers[victim]!.kill();
      const bookingLoad = k % 2 === 0;
      let keys: string[] = [];
      let targets: string[] = [];
      let answers: (Answer | null)[];
      let retry: (i: number, url: string) => Promise<Answer | null>;
      let slotId = '';
      let voucherId = '';
      if (bookingLoad) {
        const slot = await raceSlot(world.db, world.ids, 100 + k, SEATS, WAITING);
        slotId = slot.id;
        const body = (f: RaceFamily) => ({
          changes: [
            { op: 'add', memberId: f.memberId, activityId: world.ids.activities.matin36, date: slot.date },
          ],
        });
        keys = fams.map(() => randomUUID());
        targets = fams.map((_, i) => cluster.at(i).url);
        retry = (i, url) =>
          call(url, 'POST', `/accounts/${fams[i]!.accountId}/bookings`, {
            token: fams[i]!.token,
            headers: { 'Idempotency-Key': keys[i]! },
            body: body(fams[i]!),
          });
        answers = await withKillMidway(
          fams.map((_, i) => () => retry(i, targets[i]!)),
          0.3,
          kill,
        );
      } else {
        const voucher = await voucherWith(world.db, world.ids, SCALE.voucherPlaces);
        voucherId = voucher.id;
        const n = SCALE.voucherDebits;
        keys = Array.from({ length: n }, () => randomUUID());
        targets = keys.map((_, i) => cluster.at(i).url);
        retry = (i, url) =>
          call(url, 'POST', '/desk/vouchers/debits', {
            token: cashier,
            headers: { 'Idempotency-Key': keys[i]! },
            body: { venueId: world.ids.cinema.venues.ursulines, code: voucher.code, places: 1 },
          });
        answers = await withKillMidway(
          keys.map((_, i) => () => retry(i, targets[i]!)),
          0.3,
          kill,
        );
      }
      attempts += answers.length;
      const ok = answers.filter((a) => a?.status === 200);
      successes += ok.length;
      const lost = answers.filter((a, i) => a === null && targets[i] !== victimUrl).length;
      if (lost) problems.push(`kill ${k}: ${lost} requests to surviving processes got no answer`);
      const unexpected = answers.filter((a) => a && a.status !== 200 && a.status !== 409);
      if (unexpected.length)
        problems.push(
          `kill ${k}: answers ${unexpected.map((a) => `${a!.status} ${a!.body?.code}`).join(', ')}`,
        );

      // Every acknowledged request is in the store.
      if (bookingLoad) {
        const ids = ok
          .map((a) => a!.body.lines[0])
          .filter((l) => l.reservationId)
          .map((l) => l.reservationId);
        const stored = await world.db
          .selectFrom('reservations')
          .select('id')
          .where('slot_id', '=', slotId)
          .where('status', 'in', ['accepted', 'waitlisted'])
          .execute();
        const have = new Set(stored.map((r) => r.id));
        const missing = ids.filter((id) => !have.has(id));
        if (missing.length) problems.push(`kill ${k}: ${missing.length} acknowledged reservations missing`);
        const c = await counts(world.db, slotId);
        if (c.accepted > SEATS || c.waitlisted > WAITING)
          problems.push(`kill ${k}: overbooked ${JSON.stringify(c)}`);
      } else {
        const ids = ok.map((a) => a!.body.debit.id as string);
        const stored = await world.db
          .selectFrom('voucher_debits')
          .select('id')
          .where('voucher_id', '=', voucherId)
          .execute();
        const have = new Set(stored.map((r) => r.id));
        if (ids.some((id) => !have.has(id))) problems.push(`kill ${k}: acknowledged debits missing`);
        const state = await voucherState(world.db, voucherId);
        if (state.debited + state.remaining !== SCALE.voucherPlaces)
          problems.push(`kill ${k}: places do not add up ${JSON.stringify(state)}`);
      }

      // The survivors keep serving.
      for (const [i, s] of cluster.servers.entries()) {
        if (i === victim) continue;
        const alive = await call(s.url, 'GET', '/openapi.json');
        if (alive?.status !== 200) problems.push(`kill ${k}: process ${i} stopped serving`);
      }

      // The clients left without an answer retry with the same key on a survivor: one effect each.
      const survivor = cluster.servers[(victim + 1) % 4]!.url;
      const again = await Promise.all(
        answers.map((a, i) => (a === null ? retry(i, survivor) : Promise.resolve(a))),
      );
      retried += answers.filter((a) => a === null).length;
      if (again.some((a) => a === null || (a.status !== 200 && a.status !== 409)))
        problems.push(`kill ${k}: a retry failed`);
      if (!bookingLoad) {
        const state = await voucherState(world.db, voucherId);
        const acknowledged = again.filter((a) => a?.status === 200).length;
        if (state.debited !== acknowledged)
          problems.push(
            `kill ${k}: ${acknowledged} debits acknowledged after retries, ${state.debited} stored`,
          );
      }

      const check = await runCli(['check'], { databaseUrl: database.url });
      if (check.code !== 0) problems.push(`kill ${k}: guichet check failed:\n${check.output}`);
      await cluster.replace(victim);
    }
    record({
      scenario: `SIGKILL 1 of 4 processes mid-load, ${SCALE.kills} times (+ ${retried} retried)`,
      attempts,
      successes,
      violations: problems.length,
      note: 'acknowledged in store; check clean; survivors serve',
    });
    expect(problems).toEqual([]);
  });
});

describe('SIGKILL of a server on the embedded PGlite store during writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens again with every acknowledged write', async () => {
    // The folder is prepared here (a structure and an admin's session), then served by the CLI.
    const prepared = await openStore({ dataDir: dir });
    let token: string;
    try {
      const structure = randomUUID();
      await prepared.db
        .insertInto('structures')
        .values({ id: structure, name: 'Mairie', kind: 'town', time_zone: 'Europe/Paris', origins: [] })
        .execute();
      token = (await session(prepared.db, structure, 'admin')).token;
    } finally {
      await prepared.close();
    }
    let server = await startServer({ dataDir: dir });
    const acknowledged: string[] = [];
    let attempts = 0;
    let next = 0;
    const total = SCALE.pgliteWrites;
    let killed = false;
    const worker = async () => {
      while (next < total) {
        const n = next++;
        attempts++;
        const a = await call(server.url, 'POST', '/admin/notices', {
          token,
          body: { title: `Avis ${n}`, body: `Écrit avant le crash, numéro ${n}.` },
        });
        if (a?.status === 200) acknowledged.push(a.body.id);
        if (!killed && acknowledged.length >= total / 2) {
          killed = true;
          void server.kill();
        }
        if (a === null) return;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await server.exited;
    expect(killed).toBe(true);

    // Starts again on the same folder, serves, and then is stopped to read the folder directly.
    server = await startServer({ dataDir: dir });
    const write = await call(server.url, 'POST', '/admin/notices', {
      token,
      body: { title: 'Après le crash', body: 'Le serveur écrit de nouveau.' },
    });
    await server.stop();
    const store = await openStore({ dataDir: dir });
    let missing: string[];
    let violations: unknown[];
    try {
      const rows = await store.db.selectFrom('notices').select('id').execute();
      const have = new Set(rows.map((r) => r.id));
      missing = acknowledged.filter((id) => !have.has(id));
      violations = await checkInvariants(store.db);
    } finally {
      await store.close();
    }
    record({
      scenario: 'SIGKILL of a PGlite server during writes, restart',
      attempts,
      successes: acknowledged.length,
      violations: missing.length + (write?.status === 200 ? 0 : 1) + violations.length,
      note: 'acknowledged notices found after restart',
    });
    expect(write?.status).toBe(200);
    expect(missing).toEqual([]);
    expect(violations).toEqual([]);
  });
});
