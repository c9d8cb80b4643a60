import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { addDaysIso, addMonthsIso } from '@guichet/sdk/rules';
import {
  AccountViewSchema,
  type BookingChange,
  HistoryMonthSchema,
  MonthCalendarSchema,
  pageOf,
  ReservationSchema,
  WalletsViewSchema,
} from '@guichet/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoIds, seedDemo } from '../src/demo/seed.js';
import { chargeDay, chargeDue } from '../src/services/booking.js';
import { hashSecret, newSecret } from '../src/services/passwords.js';
import { testClock, testServer } from './harness.js';

describe('family account, calendar, suivi, wallets and history', () => {
  const clock = testClock('2026-04-08T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  let dupont: string;
  let admin: string;

  const book = (changes: BookingChange[], headers?: Record<string, string>) =>
    t.call('POST', `/accounts/${ids.dupont.accountId}/bookings`, {
      token: dupont,
      body: { changes },
      ...(headers ? { headers } : {}),
    });

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
    dupont = await t.login('dupont', 'dupont-demo');
    admin = await t.login('admin', 'admin-demo');
  });
  afterAll(() => t.close());

  it("shows the family's home: members, structure, named wallets, notices newest first", async () => {
    const res = await t.call('GET', `/accounts/${ids.dupont.accountId}`, { token: dupont });
    expect(res.status).toBe(200);
    const view = AccountViewSchema.parse(res.body);
    expect(view.account).toMatchObject({
      holderName: 'DUPONT Jean-Paul',
      email: 'jean-paul.dupont@example.fr',
    });
    expect(view.account.members.map((m) => m.firstName).sort()).toEqual(['Antoine', 'Liou']);
    expect(view.structure).toMatchObject({ name: 'Mairie de CarteVille', timeZone: 'Europe/Paris' });
    expect(view.wallets.map((w) => [w.name, w.balance])).toEqual([
      ['PERISCOLAIRE', 5395],
      ['RESTAURATION', 0],
    ]);
    expect(view.notices).toHaveLength(2);
    const published = view.notices.map((n) => n.publishedAt);
    expect([...published].sort().reverse()).toEqual(published);
    expect(view.inDebit).toBe(false);

    // The admin of the town sees it too.
    const staff = await t.call('GET', `/accounts/${ids.dupont.accountId}`, { token: admin });
    expect(staff.status).toBe(200);
  });

  it('sends the big answers of reads compressed to the clients that accept them', async () => {
    const month = ids.holiday.from.slice(0, 7);
    const path = `/api/v1/accounts/${ids.dupont.accountId}/members/${ids.dupont.antoine}/calendar?month=${month}`;
    const get = (headers: Record<string, string>) =>
      t.guichet.fetch(
        new Request(`http://guichet.test${path}`, {
          headers: { Authorization: `Bearer ${dupont}`, ...headers },
        }),
      );
    const plain = await get({});
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(plain.headers.get('Vary')).toContain('Accept-Encoding');
    const json = await plain.text();
    expect(MonthCalendarSchema.parse(JSON.parse(json)).days.length).toBeGreaterThan(0);

    const br = await get({ 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    const bytes = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(bytes).toString()).toBe(json);
    expect(bytes.byteLength).toBeLessThan(json.length / 5);
    const gzip = await get({ 'Accept-Encoding': 'gzip, deflate' });
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(json);
  });

  it("answers 404 for another family's account, members and bookings", async () => {
    const martin = ids.martin.accountId;
    const month = ids.holiday.from.slice(0, 7);
    const paths = [
      `/accounts/${martin}`,
      `/accounts/${martin}/members/${ids.martin.members[0]}/calendar?month=${month}`,
      `/accounts/${martin}/reservations`,
      `/accounts/${martin}/wallets`,
      `/accounts/${martin}/history?month=${month}`,
      // Another family's child under one's own account.
      `/accounts/${ids.dupont.accountId}/members/${ids.martin.members[0]}/calendar?month=${month}`,
      `/accounts/no-such-account`,
    ];
    for (const path of paths) {
      const res = await t.call('GET', path, { token: dupont });
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    const post = await t.call('POST', `/accounts/${martin}/bookings`, {
      token: dupont,
      body: {
        changes: [
          {
            op: 'add',
            memberId: ids.martin.members[0],
            activityId: ids.activities.matin36,
            date: ids.holiday.from,
          },
        ],
      },
    });
    expect(post.status).toBe(404);
    expect(
      await t.db
        .selectFrom('reservations')
        .selectAll()
        .where('member_id', '=', ids.martin.members[0]!)
        .where('date', '=', ids.holiday.from)
        .execute(),
    ).toEqual([]);

    // The admin of another structure does not see the town's families.
    const structureId = randomUUID();
    const userId = randomUUID();
    const token = newSecret('gs');
    await t.db
      .insertInto('structures')
      .values({ id: structureId, name: 'Autre mairie', kind: 'town' })
      .execute();
    await t.db
      .insertInto('users')
      .values({ id: userId, login: 'autre-admin', display_name: 'Autre', email: null, password_hash: '!' })
      .execute();
    await t.db
      .insertInto('memberships')
      .values({ user_id: userId, structure_id: structureId, role: 'admin', account_id: null })
      .execute();
    await t.db
      .insertInto('sessions')
      .values({
        token_hash: hashSecret(token),
        user_id: userId,
        structure_id: structureId,
        expires_at: new Date('2030-01-01'),
      })
      .execute();
    expect((await t.call('GET', `/accounts/${ids.dupont.accountId}`, { token })).status).toBe(404);

    expect((await t.call('GET', `/accounts/${ids.dupont.accountId}`)).status).toBe(401);
  });

  it("shows a member's month for every activity the child is old enough for", async () => {
    const month = ids.holiday.from.slice(0, 7);
    const antoine = MonthCalendarSchema.parse(
      (
        await t.call(
          'GET',
          `/accounts/${ids.dupont.accountId}/members/${ids.dupont.antoine}/calendar?month=${month}`,
          {
            token: dupont,
          },
        )
      ).body,
    );
    expect(antoine.activities.map((a) => a.name).sort()).toEqual([
      'ALSH 3-6 ans Après-midi',
      'ALSH 3-6 ans Journée',
      'ALSH 3-6 ans Matin',
      'Restauration',
    ]);
    const days = new Set(antoine.days.map((d) => d.date)).size;
    expect(antoine.days).toHaveLength(days * 4);
    const journee = antoine.activities.find((a) => a.name === 'ALSH 3-6 ans Journée')!;
    expect(journee).toMatchObject({
      unitPrice: 665,
      quantity: 2,
      startTime: '09:00',
      endTime: '17:30',
      supplements: [],
    });
    const first = antoine.days.find((d) => d.date === ids.holiday.from && d.activityId === journee.id)!;
    expect(first).toMatchObject({ state: 'open', placesLeft: 24, waitPosition: null });
    // A weekend without a slot is closed.
    expect(antoine.days.find((d) => d.date === addDaysIso(ids.holiday.from, 5))!.state).toBe('closed');

    const liou = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/members/${ids.dupont.liou}/calendar?month=${month}`,
      { token: dupont },
    );
    expect(liou.body.activities.map((a: { name: string }) => a.name).sort()).toEqual([
      'ALSH 6-12 ans Journée',
      'ALSH 6-12 ans Matin',
      'Restauration',
    ]);
    const unknown = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/members/${ids.dupont.liou}/calendar?month=${month}&activityId=nope`,
      { token: dupont },
    );
    expect(unknown.status).toBe(404);
    const bad = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/members/${ids.dupont.liou}/calendar?month=2026-13`,
      { token: dupont },
    );
    expect(bad.status).toBe(422);
  });

  it("shows an admin's change to the activities at once, though the calendar keeps them a few seconds", async () => {
    const month = ids.holiday.from.slice(0, 7);
    const path = `/accounts/${ids.dupont.accountId}/members/${ids.dupont.antoine}/calendar?month=${month}`;
    const matin = async () => {
      const res = await t.call('GET', path, { token: dupont });
      expect(res.status).toBe(200);
      return MonthCalendarSchema.parse(res.body).activities.find((a) => a.id === ids.activities.matin36)!;
    };
    const before = await matin();
    const changed = await t.call('PATCH', `/admin/activities/${ids.activities.matin36}`, {
      token: admin,
      body: { unitPrice: before.unitPrice + 1 },
    });
    expect(changed.status).toBe(200);
    expect((await matin()).unitPrice).toBe(before.unitPrice + 1);
    const back = await t.call('PATCH', `/admin/activities/${ids.activities.matin36}`, {
      token: admin,
      body: { unitPrice: before.unitPrice },
    });
    expect(back.status).toBe(200);
    expect((await matin()).unitPrice).toBe(before.unitPrice);
  });

  it('pages the suivi by date with an opaque cursor, filtered by member, status and period', async () => {
    const days = [0, 1, 2, 3, 4, 7, 8].map((d) => addDaysIso(ids.holiday.from, d));
    const res = await book(
      [
        ...days.map(
          (date): BookingChange => ({
            op: 'add',
            memberId: ids.dupont.antoine,
            activityId: ids.activities.matin36,
            date,
          }),
        ),
        {
          op: 'add',
          memberId: ids.dupont.liou,
          activityId: ids.activities.journee612,
          date: ids.holiday.from,
        },
        // A write's answer goes as it is, however big (it may echo what was sent: BREACH).
      ],
      { 'Accept-Encoding': 'gzip, deflate, br, zstd' },
    );
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(JSON.stringify(res.body).length).toBeGreaterThan(1024);
    expect(res.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual([
      'accepted',
      'accepted',
      'waitlisted',
      'refused',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({
        limit: '3',
        memberId: ids.dupont.antoine,
        ...(cursor ? { cursor } : {}),
      });
      const page = pageOf(ReservationSchema).parse(
        (await t.call('GET', `/accounts/${ids.dupont.accountId}/reservations?${query}`, { token: dupont }))
          .body,
      );
      seen.push(...page.items.map((r) => r.date));
      cursor = page.next;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(days.filter((_, i) => i !== 3)); // the full day was refused, not stored

    const all = await t.call('GET', `/accounts/${ids.dupont.accountId}/reservations`, { token: dupont });
    expect(all.body.items).toHaveLength(7);
    expect(all.body.next).toBeUndefined();
    const waiting = await t.call('GET', `/accounts/${ids.dupont.accountId}/reservations?status=waitlisted`, {
      token: dupont,
    });
    expect(waiting.body.items.map((r: { waitPosition: number }) => r.waitPosition)).toEqual([2]);
    const period = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/reservations?from=${days[1]}&to=${days[4]}`,
      { token: dupont },
    );
    expect(period.body.items.map((r: { date: string }) => r.date)).toEqual([days[1], days[2], days[4]]);
    const badCursor = await t.call('GET', `/accounts/${ids.dupont.accountId}/reservations?cursor=nope`, {
      token: dupont,
    });
    expect(badCursor.status).toBe(422);
  });

  it('estimates wallets until a date (accepted, not yet charged reservations)', async () => {
    // Antoine: 5 accepted mornings (4,75 €) in the holiday; Liou: one 6-12 day (14,85 €).
    const res = await t.call('GET', `/accounts/${ids.dupont.accountId}/wallets`, { token: dupont });
    expect(res.status).toBe(200);
    const view = WalletsViewSchema.parse(res.body);
    expect(view.until).toBe('2026-05-31');
    const peri = view.estimates.find((e) => e.wallet.name === 'PERISCOLAIRE')!;
    expect(peri).toMatchObject({ estimatedCost: 5 * 475 + 1485, newBalance: 5395 - 3860, amountDue: 0 });
    expect(view.totals).toEqual({ credit: 5395, reservations: 3860, estimatedBalance: 1535, amountDue: 0 });

    const early = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/wallets?until=${addDaysIso(ids.holiday.from, -1)}`,
      { token: dupont },
    );
    expect(early.body.totals.reservations).toBe(0);
    const oneDay = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/wallets?until=${ids.holiday.from}`,
      {
        token: dupont,
      },
    );
    expect(oneDay.body.totals.reservations).toBe(475 + 1485);
  });

  it("shows last month's history: 186,05 € of consumptions, named as in seed 004, and the payments", async () => {
    const month = addMonthsIso('2026-04', -1);
    const res = await t.call('GET', `/accounts/${ids.dupont.accountId}/history?month=${month}`, {
      token: dupont,
    });
    expect(res.status).toBe(200);
    const history = HistoryMonthSchema.parse(res.body);
    expect(history.totals.consumptions).toBe(18605);
    expect(history.consumptions[0]).toMatchObject({
      date: `${month}-01`,
      memberName: 'DUPONT Antoine',
      activityName: 'ALSH 3-6 ans Matin',
    });
    expect(history.consumptions.find((c) => c.memberName === 'DUPONT Liou')).toMatchObject({
      activityName: 'ALSH 6-12 ans Matin',
      unitPrice: 1035,
    });
    expect(history.consumptions.filter((c) => c.activityName === 'ALSH 3-6 ans Journée')[0]).toMatchObject({
      unitPrice: 665,
      quantity: 2,
      total: 1330,
    });
    expect(history.payments.map((p) => [p.mode, p.pieceNumber, p.amount])).toEqual([
      ['CH', '795466', 9000],
      ['CH', '924466', 5000],
      ['VIR', 'VIR-2291', 10000],
    ]);
    expect(history.totals.payments).toBe(24000);
    const empty = await t.call('GET', `/accounts/${ids.dupont.accountId}/history?month=2020-01`, {
      token: dupont,
    });
    expect(empty.body.totals).toEqual({ consumptions: 0, payments: 0 });
  });

  it('charges each day once, whatever the retries, and the history and balance follow', async () => {
    const day = ids.holiday.from;
    // Nothing is due before the day.
    expect(await chargeDue(t.db, clock())).toBe(0);
    // Concurrent runs of the job charge each reservation once.
    const runs = await Promise.all([chargeDay(t.db, day), chargeDay(t.db, day), chargeDay(t.db, day)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await chargeDay(t.db, day)).toBe(0);
    const consumptions = await t.db.selectFrom('consumptions').selectAll().where('date', '=', day).execute();
    expect(consumptions.map((c) => c.total).sort()).toEqual([1485, 475]);
    const wallet = await t.db
      .selectFrom('wallets')
      .select('balance')
      .where('id', '=', ids.dupont.wallets.periscolaire)
      .executeTakeFirstOrThrow();
    expect(wallet.balance).toBe(5395 - 475 - 1485);
    const ledger = await t.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<number>('amount').as('sum'))
      .where('wallet_id', '=', ids.dupont.wallets.periscolaire)
      .executeTakeFirstOrThrow();
    expect(Number(ledger.sum)).toBe(wallet.balance);

    const history = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/history?month=${day.slice(0, 7)}`,
      {
        token: dupont,
      },
    );
    expect(
      history.body.consumptions.map((c: { memberName: string; total: number }) => [c.memberName, c.total]),
    ).toEqual([
      ['DUPONT Antoine', 475],
      ['DUPONT Liou', 1485],
    ]);
    const wallets = await t.call('GET', `/accounts/${ids.dupont.accountId}/wallets`, { token: dupont });
    expect(wallets.body.totals).toMatchObject({ credit: 5395 - 1960, reservations: 3860 - 1960 });

    // chargeDue charges what is due in the structure's zone: the whole holiday once it is over
    // (Antoine's four other mornings, and the MARTIN children's four seats of the seed).
    clock.set(`${addDaysIso(ids.holiday.to, 1)}T08:00:00Z`);
    try {
      expect(await chargeDue(t.db, clock())).toBe(8);
      expect(await chargeDue(t.db, clock())).toBe(0);
    } finally {
      clock.set('2026-04-08T08:00:00Z');
    }
  });

  it('shows the seats a booking takes or frees at once, though the calendar keeps them a second', async () => {
    const month = ids.holiday.from.slice(0, 7);
    const path = `/accounts/${ids.dupont.accountId}/members/${ids.dupont.antoine}/calendar?month=${month}`;
    const calendar = async () => {
      const res = await t.call('GET', path, { token: dupont });
      expect(res.status).toBe(200);
      return MonthCalendarSchema.parse(res.body).days;
    };
    // A day the child has nothing on yet, open on the full day.
    const days = await calendar();
    const taken = new Set(days.filter((d) => d.state !== 'open' && d.slotId).map((d) => d.date));
    const before = days.find(
      (d) => d.activityId === ids.activities.journee36 && d.state === 'open' && !taken.has(d.date),
    )!;
    const day = async () =>
      (await calendar()).find((d) => d.date === before.date && d.activityId === before.activityId);
    const line = { memberId: ids.dupont.antoine, activityId: before.activityId, date: before.date };
    expect((await book([{ op: 'add', ...line }])).body.lines[0].outcome).toBe('accepted');
    expect(await day()).toMatchObject({ state: 'booked', placesLeft: before.placesLeft! - 1 });
    expect((await book([{ op: 'remove', ...line }])).status).toBe(200);
    expect(await day()).toMatchObject({ state: 'open', placesLeft: before.placesLeft });
  });
});
