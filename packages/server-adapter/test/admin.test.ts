import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoIds, seedDemo } from '../src/demo/seed.js';
import { hashPassword } from '../src/services/passwords.js';
import { testClock, testServer } from './harness.js';

describe('admin endpoints', () => {
  // Mid-September: the demo's holiday fortnight falls in October, before the clocks go back.
  const clock = testClock('2026-09-15T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  let admin: string;
  let family: string;

  const slotsOf = (activityId: string) =>
    t.db.selectFrom('slots').selectAll().where('activity_id', '=', activityId).orderBy('date').execute();
  const ledgerSum = async (walletId: string) => {
    const row = await t.db
      .selectFrom('ledger_entries')
      .select(sql<number>`coalesce(sum(amount), 0)`.as('total'))
      .where('wallet_id', '=', walletId)
      .executeTakeFirstOrThrow();
    return Number(row.total);
  };
  const balanceOf = async (walletId: string) =>
    (await t.db.selectFrom('wallets').select('balance').where('id', '=', walletId).executeTakeFirstOrThrow())
      .balance;

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
    admin = await t.login('admin', 'admin-demo');
    family = await t.login('dupont', 'dupont-demo');
  });
  afterAll(() => t.close());

  describe('activities', () => {
    let activityId: string;

    it('creates an activity with eligibility, conflict group and dated supplements', async () => {
      const res = await t.call('POST', '/admin/activities', {
        token: admin,
        body: {
          name: 'Stage cirque',
          startTime: '14:00',
          endTime: '17:00',
          unitPrice: 820,
          walletKindId: ids.walletKinds.periscolaire,
          eligibility: { minAge: 6, maxAge: 12 },
          conflictGroup: 'stages',
          supplements: [
            { name: 'Sortie', unitPrice: 500, dates: ['2026-10-23', '2026-10-21'] },
            { name: 'Goûter', unitPrice: 120 },
          ],
        },
      });
      expect(res.status).toBe(200);
      activityId = res.body.id;
      expect(res.body).toMatchObject({
        structureId: ids.town,
        name: 'Stage cirque',
        quantity: 1,
        unitPrice: 820,
        eligibility: { minAge: 6, maxAge: 12 },
        conflictGroup: 'stages',
      });
      expect(res.body.supplements).toEqual([
        expect.objectContaining({ name: 'Goûter', unitPrice: 120, dates: [] }),
        expect.objectContaining({ name: 'Sortie', unitPrice: 500, dates: ['2026-10-21', '2026-10-23'] }),
      ]);

      const list = await t.call('GET', '/admin/activities', { token: admin });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(7);
      expect(list.body.items.find((a: { id: string }) => a.id === activityId)).toEqual(res.body);
    });

    it("refuses a wallet kind that is not the structure's, and an end before the start", async () => {
      const base = { name: 'X', startTime: '09:00', endTime: '10:00', unitPrice: 100 };
      const wallet = await t.call('POST', '/admin/activities', {
        token: admin,
        body: { ...base, walletKindId: 'no-such-kind' },
      });
      expect(wallet.status).toBe(422);
      expect(wallet.body.code).toBe('unknown_wallet');
      expect(wallet.body.messages.fr).toBe('Porte-monnaie inconnu.');
      const times = await t.call('POST', '/admin/activities', {
        token: admin,
        body: { ...base, endTime: '08:00', walletKindId: ids.walletKinds.periscolaire },
      });
      expect(times.status).toBe(422);
      expect(times.body.code).toBe('validation_failed');
    });

    it('changes a price for new bookings only and keeps supplement ids by name', async () => {
      const before = await t.call('GET', '/admin/activities', { token: admin });
      const sortie = before.body.items
        .find((a: { id: string }) => a.id === activityId)
        .supplements.find((s: { name: string }) => s.name === 'Sortie');
      const res = await t.call('PATCH', `/admin/activities/${activityId}`, {
        token: admin,
        body: { unitPrice: 900, conflictGroup: null, supplements: [{ name: 'Sortie', unitPrice: 600 }] },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ unitPrice: 900, conflictGroup: null, name: 'Stage cirque' });
      expect(res.body.eligibility).toEqual({ minAge: 6, maxAge: 12 });
      expect(res.body.supplements).toEqual([{ ...sortie, unitPrice: 600, dates: [] }]);

      // The demo's reservations of ALSH 3-6 Matin keep the price they were made at.
      const matin = await t.call('PATCH', `/admin/activities/${ids.activities.matin36}`, {
        token: admin,
        body: { unitPrice: 500 },
      });
      expect(matin.body.unitPrice).toBe(500);
      const prices = await t.db
        .selectFrom('reservations')
        .select('unit_price')
        .where('activity_id', '=', ids.activities.matin36)
        .execute();
      expect(prices.length).toBeGreaterThan(0);
      expect(prices.every((r) => r.unit_price === 475)).toBe(true);
    });

    it('answers 404 for an unknown activity', async () => {
      const res = await t.call('PATCH', '/admin/activities/nope', { token: admin, body: { unitPrice: 1 } });
      expect(res.status).toBe(404);
    });
  });

  describe('slots in bulk', () => {
    let activityId: string;
    // Toussaint 2026: Paris leaves summer time on Sunday 25 October at 03:00.
    const toussaint = {
      from: '2026-10-19',
      to: '2026-10-30',
      weekdays: [1, 2, 3, 4, 5],
      capacity: 24,
      waitingCapacity: 6,
      opensAt: '2026-09-21T06:00:00Z',
      deadlineDaysBefore: 2,
      deadlineTime: '12:00',
    };

    beforeAll(async () => {
      const res = await t.call('POST', '/admin/activities', {
        token: admin,
        body: {
          name: 'ALSH Toussaint',
          startTime: '09:00',
          endTime: '17:30',
          unitPrice: 665,
          quantity: 2,
          walletKindId: ids.walletKinds.periscolaire,
        },
      });
      activityId = res.body.id;
    });

    it("creates a holiday's weekdays with deadlines in Paris time across the DST change", async () => {
      const res = await t.call('POST', '/admin/slots/bulk', {
        token: admin,
        body: { ...toussaint, activityId },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 10, updated: 0 });

      const list = await t.call(
        'GET',
        `/admin/slots?activityId=${activityId}&from=2026-10-01&to=2026-10-31`,
        {
          token: admin,
        },
      );
      expect(list.status).toBe(200);
      const byDate = new Map(list.body.items.map((s: { date: string }) => [s.date, s]));
      expect([...byDate.keys()]).toEqual([
        '2026-10-19',
        '2026-10-20',
        '2026-10-21',
        '2026-10-22',
        '2026-10-23',
        '2026-10-26',
        '2026-10-27',
        '2026-10-28',
        '2026-10-29',
        '2026-10-30',
      ]);
      expect(byDate.get('2026-10-19')).toEqual({
        id: expect.any(String),
        activityId,
        date: '2026-10-19',
        capacity: 24,
        waitingCapacity: 6,
        opensAt: '2026-09-21T06:00:00.000Z',
        // Saturday 17 October, noon in summer time (UTC+2).
        deadline: '2026-10-17T10:00:00.000Z',
        booked: 0,
        waiting: 0,
      });
      // Monday 26: Saturday 24 at noon, still summer time.
      expect(byDate.get('2026-10-26')).toMatchObject({ deadline: '2026-10-24T10:00:00.000Z' });
      // Tuesday 27: Sunday 25 at noon, winter time (UTC+1).
      expect(byDate.get('2026-10-27')).toMatchObject({ deadline: '2026-10-25T11:00:00.000Z' });
    });

    it('updates the days already there and counts them apart', async () => {
      const res = await t.call('POST', '/admin/slots/bulk', {
        token: admin,
        body: {
          ...toussaint,
          activityId,
          to: '2026-11-06',
          capacity: 30,
          deadlineDaysBefore: 0,
          deadlineTime: '08:00',
        },
      });
      expect(res.body).toEqual({ created: 5, updated: 10 });
      const slots = await slotsOf(activityId);
      expect(slots).toHaveLength(15);
      expect(slots.every((s) => s.capacity === 30)).toBe(true);
      expect(slots.find((s) => s.date === '2026-10-19')!.deadline.toISOString()).toBe(
        '2026-10-19T06:00:00.000Z',
      );
      expect(slots.find((s) => s.date === '2026-11-02')!.deadline.toISOString()).toBe(
        '2026-11-02T07:00:00.000Z',
      );
    });

    it('refuses the whole request when a capacity would fall below the seats booked, naming the day', async () => {
      const { waitlistDay, from, to } = ids.holiday;
      const matin = ids.activities.matin36;
      const before = await slotsOf(matin);
      const res = await t.call('POST', '/admin/slots/bulk', {
        token: admin,
        body: { ...toussaint, activityId: matin, from, to, capacity: 1, waitingCapacity: 6 },
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'capacity_below_booked',
        date: waitlistDay,
        booked: 2,
        waiting: 1,
      });
      expect(res.body.messages.fr).toContain('2 place(s) réservée(s)');

      const waiting = await t.call('POST', '/admin/slots/bulk', {
        token: admin,
        body: { ...toussaint, activityId: matin, from, to, capacity: 24, waitingCapacity: 0 },
      });
      expect(waiting.status).toBe(409);
      expect(waiting.body.code).toBe('capacity_below_booked');
      // Nothing changed, not even the days that had room.
      expect(await slotsOf(matin)).toEqual(before);

      // Down to exactly what is booked is fine.
      const exact = await t.call('POST', '/admin/slots/bulk', {
        token: admin,
        body: {
          ...toussaint,
          activityId: matin,
          from: waitlistDay,
          to: waitlistDay,
          capacity: 2,
          waitingCapacity: 1,
        },
      });
      expect(exact.body).toEqual({ created: 0, updated: 1 });
    });

    it('refuses a reversed or too long period and an activity of nobody here', async () => {
      const reversed = await t.call('POST', '/admin/slots/bulk', {
        token: admin,
        body: { ...toussaint, activityId, from: '2026-10-30', to: '2026-10-19' },
      });
      expect(reversed.status).toBe(422);
      expect(reversed.body.code).toBe('invalid_period');
      const long = await t.call('POST', '/admin/slots/bulk', {
        token: admin,
        body: { ...toussaint, activityId, from: '2026-01-01', to: '2027-01-02' },
      });
      expect(long.body.code).toBe('invalid_period');
      const leap = await t.call(
        'GET',
        `/admin/slots?activityId=${activityId}&from=2028-01-01&to=2028-12-31`,
        {
          token: admin,
        },
      );
      expect(leap.status).toBe(200);
      const unknown = await t.call('POST', '/admin/slots/bulk', {
        token: admin,
        body: { ...toussaint, activityId: 'nope' },
      });
      expect(unknown.body.code).toBe('unknown_activity');
    });
  });

  describe('accounts, members and payments', () => {
    let account: { id: string };
    let walletId: string;

    it('creates an account with its wallets and its login, then a member', async () => {
      const res = await t.call('POST', '/admin/accounts', {
        token: admin,
        body: {
          holderName: 'BERNARD Sophie',
          email: 'sophie.bernard@example.fr',
          login: 'bernard',
          password: 'bernard-secret',
        },
      });
      expect(res.status).toBe(200);
      account = res.body;
      expect(res.body).toMatchObject({ structureId: ids.town, holderName: 'BERNARD Sophie', members: [] });
      const wallets = await t.db
        .selectFrom('wallets')
        .selectAll()
        .where('account_id', '=', account.id)
        .execute();
      expect(wallets.map((w) => w.kind_id).sort()).toEqual(
        [ids.walletKinds.periscolaire, ids.walletKinds.restauration].sort(),
      );
      expect(wallets.every((w) => w.balance === 0)).toBe(true);
      walletId = wallets.find((w) => w.kind_id === ids.walletKinds.periscolaire)!.id;

      const session = await t.call('POST', '/auth/login', {
        body: { login: 'bernard', password: 'bernard-secret', mode: 'token' },
      });
      expect(session.body.memberships).toEqual([
        expect.objectContaining({ role: 'family', accountId: account.id, structureId: ids.town }),
      ]);

      const member = await t.call('POST', `/admin/accounts/${account.id}/members`, {
        token: admin,
        body: { firstName: 'Jules', lastName: 'BERNARD', birthDate: '2019-05-02' },
      });
      expect(member.status).toBe(200);
      expect(member.body).toMatchObject({
        accountId: account.id,
        firstName: 'Jules',
        birthDate: '2019-05-02',
      });
    });

    it('refuses a login already taken and writes nothing', async () => {
      const count = async () =>
        Number(
          (await t.db.selectFrom('accounts').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow())
            .n,
        );
      const before = await count();
      const res = await t.call('POST', '/admin/accounts', {
        token: admin,
        body: { holderName: 'DUPONT Autre', email: null, login: 'dupont', password: 'whatever-1' },
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('login_taken');
      expect(res.body.messages).toEqual({
        fr: 'Cet identifiant est déjà utilisé.',
        en: 'This login is already taken.',
      });
      expect(await count()).toBe(before);
    });

    it('lists accounts by holder name a page at a time, searching with % and _ taken literally', async () => {
      await t.db
        .insertInto('accounts')
        .values(
          Array.from({ length: 55 }, (_, i) => ({
            id: randomUUID(),
            structure_id: ids.town,
            holder_name: `ZZ Famille ${String(i).padStart(2, '0')}`,
            email: null,
          })),
        )
        .execute();
      await t.db
        .insertInto('accounts')
        .values({ id: randomUUID(), structure_id: ids.town, holder_name: 'ZZ 100%_sûr', email: null })
        .execute();

      const first = await t.call('GET', '/admin/accounts?q=zz', { token: admin });
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(50);
      expect(first.body.next).toEqual(expect.any(String));
      const second = await t.call('GET', `/admin/accounts?q=zz&cursor=${first.body.next}`, { token: admin });
      expect(second.body.next).toBeUndefined();
      const names = [...first.body.items, ...second.body.items].map(
        (a: { holderName: string }) => a.holderName,
      );
      expect(names).toHaveLength(56);
      expect(new Set(names).size).toBe(56);
      expect(names[0]).toBe('ZZ 100%_sûr');
      expect(names.at(-1)).toBe('ZZ Famille 54');

      const percent = await t.call('GET', `/admin/accounts?q=${encodeURIComponent('%_')}`, { token: admin });
      expect(percent.body.items.map((a: { holderName: string }) => a.holderName)).toEqual(['ZZ 100%_sûr']);
      const underscore = await t.call('GET', '/admin/accounts?q=_', { token: admin });
      expect(underscore.body.items).toHaveLength(1);

      const dupont = await t.call('GET', '/admin/accounts?q=dupont', { token: admin });
      expect(dupont.body.items).toEqual([
        expect.objectContaining({
          id: ids.dupont.accountId,
          members: expect.arrayContaining([expect.objectContaining({ firstName: 'Antoine' })]),
        }),
      ]);

      const bad = await t.call('GET', '/admin/accounts?cursor=not-a-cursor', { token: admin });
      expect(bad.status).toBe(422);
    });

    it('records a cheque: the balance moves and equals its ledger; a replay changes nothing', async () => {
      const payment = {
        walletId,
        receivedOn: '2026-09-14',
        mode: 'CH',
        pieceNumber: '795470',
        payerName: 'BERNARD Sophie',
        bankName: 'LBP',
        amount: 4500,
      };
      const headers = { 'Idempotency-Key': 'cheque-795470' };
      const res = await t.call('POST', '/admin/payments', { token: admin, body: payment, headers });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...payment, createdAt: '2026-09-15T08:00:00.000Z' });
      expect(await balanceOf(walletId)).toBe(4500);
      expect(await ledgerSum(walletId)).toBe(4500);

      const replay = await t.call('POST', '/admin/payments', { token: admin, body: payment, headers });
      expect(replay.status).toBe(200);
      expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
      expect(replay.body).toEqual(res.body);
      expect(await balanceOf(walletId)).toBe(4500);
      const payments = await t.db
        .selectFrom('payments')
        .selectAll()
        .where('wallet_id', '=', walletId)
        .execute();
      expect(payments).toHaveLength(1);

      // On a wallet with a history, the cached balance still equals the ledger.
      const dupontWallet = ids.dupont.wallets.periscolaire;
      const before = await balanceOf(dupontWallet);
      const cash = await t.call('POST', '/admin/payments', {
        token: admin,
        body: {
          ...payment,
          walletId: dupontWallet,
          mode: 'ESP',
          pieceNumber: '',
          bankName: '',
          amount: 2000,
        },
      });
      expect(cash.status).toBe(200);
      expect(await balanceOf(dupontWallet)).toBe(before + 2000);
      expect(await ledgerSum(dupontWallet)).toBe(before + 2000);
    });

    it('answers 404 for an unknown wallet and writes nothing', async () => {
      const res = await t.call('POST', '/admin/payments', {
        token: admin,
        body: {
          walletId: 'no-wallet',
          receivedOn: '2026-09-14',
          mode: 'CH',
          pieceNumber: '1',
          payerName: 'X',
          bankName: '',
          amount: 100,
        },
      });
      expect(res.status).toBe(404);
    });

    it('publishes a notice', async () => {
      const res = await t.call('POST', '/admin/notices', {
        token: admin,
        body: { title: 'Fermeture exceptionnelle', body: 'Le centre est fermé le 11 novembre.' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ structureId: ids.town, publishedAt: '2026-09-15T08:00:00.000Z' });
    });
  });

  describe('who may call', () => {
    it('answers 403 to a family', async () => {
      const list = await t.call('GET', '/admin/accounts', { token: family });
      expect(list.status).toBe(403);
      expect(list.body.code).toBe('forbidden');
      const pay = await t.call('POST', '/admin/payments', {
        token: family,
        body: {
          walletId: ids.dupont.wallets.periscolaire,
          receivedOn: '2026-09-14',
          mode: 'CH',
          pieceNumber: '1',
          payerName: 'DUPONT Jean-Paul',
          bankName: '',
          amount: 100_000,
        },
      });
      expect(pay.status).toBe(403);
      const slots = await t.call('POST', '/admin/slots/bulk', {
        token: family,
        body: {
          activityId: ids.activities.matin36,
          from: '2026-10-19',
          to: '2026-10-19',
          weekdays: [1],
          capacity: 0,
          waitingCapacity: 0,
          opensAt: '2026-09-21T06:00:00Z',
          deadlineDaysBefore: 0,
          deadlineTime: '12:00',
        },
      });
      expect(slots.status).toBe(403);
    });

    it("answers 404 to another structure's admin on this structure's wallets, accounts and activities", async () => {
      const otherTown = randomUUID();
      const otherAdmin = randomUUID();
      await t.db
        .insertInto('structures')
        .values({ id: otherTown, name: 'Mairie de Voisinville', kind: 'town' })
        .execute();
      await t.db
        .insertInto('users')
        .values({
          id: otherAdmin,
          login: 'voisin',
          display_name: 'Mairie de Voisinville',
          email: null,
          password_hash: await hashPassword('voisin-demo'),
        })
        .execute();
      await t.db
        .insertInto('memberships')
        .values({ user_id: otherAdmin, structure_id: otherTown, role: 'admin', account_id: null })
        .execute();
      const other = await t.login('voisin', 'voisin-demo');
      const wallet = ids.dupont.wallets.periscolaire;
      const before = await balanceOf(wallet);

      const pay = await t.call('POST', '/admin/payments', {
        token: other,
        body: {
          walletId: wallet,
          receivedOn: '2026-09-14',
          mode: 'CH',
          pieceNumber: '1',
          payerName: 'X',
          bankName: '',
          amount: 100,
        },
      });
      expect(pay.status).toBe(404);
      expect(pay.body.code).toBe('not_found');
      expect(await balanceOf(wallet)).toBe(before);

      const member = await t.call('POST', `/admin/accounts/${ids.dupont.accountId}/members`, {
        token: other,
        body: { firstName: 'Intrus', lastName: 'X', birthDate: null },
      });
      expect(member.status).toBe(404);
      const activity = await t.call('PATCH', `/admin/activities/${ids.activities.matin36}`, {
        token: other,
        body: { unitPrice: 1 },
      });
      expect(activity.status).toBe(404);
      const accounts = await t.call('GET', '/admin/accounts', { token: other });
      expect(accounts.body.items).toEqual([]);
      const activities = await t.call('GET', '/admin/activities', { token: other });
      expect(activities.body.items).toEqual([]);
      const slots = await t.call(
        'GET',
        `/admin/slots?activityId=${ids.activities.matin36}&from=2026-10-01&to=2026-10-31`,
        { token: other },
      );
      expect(slots.body.code).toBe('unknown_activity');
    });
  });
});
