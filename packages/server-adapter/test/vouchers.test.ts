import { randomUUID } from 'node:crypto';
import { createClient, GuichetHttpError } from '@guichet/sdk/client';
import { addDaysIso } from '@guichet/sdk/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoIds, seedDemo } from '../src/demo/seed.js';
import { qrPayload, retireSigningKey, rotateSigningKey } from '../src/services/signing.js';
import { testClock, testServer } from './harness.js';
import { voucherFixtures } from './vouchers-fixtures.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('cartoonettes', () => {
  const clock = testClock('2026-06-15T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  let f: ReturnType<typeof voucherFixtures>;
  let admin: string;
  let cashier: { userId: string; token: string };
  let otherCashier: string;
  let venues: DemoIds['cinema']['venues'];

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
    venues = ids.cinema.venues;
    f = voucherFixtures(t, ids, clock);
    admin = (await f.session('admin')).token;
    cashier = await f.session('cashier', { venueIds: [venues.ursulines, venues.entrepot] });
    otherCashier = (await f.session('cashier', { venueIds: [venues.pleinAir] })).token;
  });
  afterAll(() => t.close());

  /** Orders places for a centre and marks the order paid today: a lot loaded today. */
  async function load(accountId: string, places: number) {
    const order = await t.call('POST', `/accounts/${accountId}/voucher-orders`, {
      token: admin,
      body: f.orderBody(places),
    });
    expect(order.status).toBe(200);
    const paid = await t.call('POST', `/admin/voucher-orders/${order.body.id}/paid`, {
      token: admin,
      body: { paymentReference: `BC-${order.body.id.slice(0, 8)}` },
    });
    expect(paid.status).toBe(200);
    return paid.body as {
      order: { lotId: string };
      voucher: { id: string; number: string; qrPayload: string };
    };
  }

  const debit = (
    code: string,
    places: number,
    opts: { venueId?: string; token?: string; key?: string } = {},
  ) =>
    t.call('POST', '/desk/vouchers/debits', {
      token: opts.token ?? cashier.token,
      body: { venueId: opts.venueId ?? venues.ursulines, code, places },
      ...(opts.key ? { headers: { 'Idempotency-Key': opts.key } } : {}),
    });

  const lookup = (code: string, token = cashier.token, venueId = venues.ursulines) =>
    t.call('POST', '/desk/vouchers/lookup', { token, body: { venueId, code } });

  const lotsOf = (voucherId: string) =>
    t.db
      .selectFrom('voucher_lots')
      .select(['id', 'remaining', 'loaded_on', 'last_valid_day'])
      .where('voucher_id', '=', voucherId)
      .orderBy('loaded_on')
      .execute();

  const debitCount = async (voucherId: string) =>
    Number(
      (
        await t.db
          .selectFrom('voucher_debits')
          .select(sql<number>`count(*)`.as('n'))
          .where('voucher_id', '=', voucherId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('order -> paid -> the voucher is created, bound to its email, and mailed with its number and QR', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre('Centre <Léo> & Cie', 'direction@centre.example.fr');
    const ordered = await t.call('POST', `/accounts/${c.accountId}/voucher-orders`, {
      token: c.token,
      body: f.orderBody(24, {
        quoteAddressee: 'CASPE Paris Centre',
        voucherEmail: 'cartoonette@centre.example.fr',
      }),
    });
    expect(ordered.status).toBe(200);
    expect(ordered.body).toMatchObject({
      holderAccountId: c.accountId,
      centreName: 'Centre <Léo> & Cie',
      places: 24,
      firstSessionDate: '2026-06-29',
      quoteAddressee: 'CASPE Paris Centre',
      status: 'requested',
      paymentReference: null,
      lotId: null,
      voucherEmail: 'cartoonette@centre.example.fr',
    });
    const before = await t.call('GET', `/accounts/${c.accountId}/voucher`, { token: c.token });
    expect(before.body).toMatchObject({ voucher: null, placesLeft: 0, lots: [] });

    const listed = await t.call('GET', '/admin/voucher-orders?status=requested', { token: admin });
    expect(listed.body.items.map((o: { id: string }) => o.id)).toContain(ordered.body.id);

    const paid = await t.call('POST', `/admin/voucher-orders/${ordered.body.id}/paid`, {
      token: admin,
      body: { paymentReference: 'BC 2026-0042' },
    });
    expect(paid.status).toBe(200);
    const { voucher, order } = paid.body;
    expect(voucher.number).toMatch(/^CT-[A-HJ-NP-Z2-7]{8}$/);
    expect(voucher.qrPayload).toMatch(new RegExp(`^GV1\\.${voucher.number}\\.[\\w-]+\\.[\\w-]{86}$`));
    expect(voucher).toMatchObject({
      email: 'cartoonette@centre.example.fr',
      status: 'active',
      holderAccountId: c.accountId,
    });
    expect(order).toMatchObject({ status: 'loaded', paymentReference: 'BC 2026-0042' });

    const mails = await t.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('kind', '=', 'voucher_created')
      .execute();
    const mail = mails.find((m) => m.to_address === 'cartoonette@centre.example.fr')!;
    expect(mail.text_body).toContain(voucher.number);
    expect(mail.text_body).toContain(voucher.qrPayload);
    expect(mail.text_body).toContain('14 juin 2027');
    expect(mail.html_body).toContain('Centre &#60;Léo&#62; &#38; Cie');
    expect(mail.html_body).not.toContain('<Léo>');

    // Marking it paid again under the same reference changes nothing; under another it is refused.
    const again = await t.call('POST', `/admin/voucher-orders/${ordered.body.id}/paid`, {
      token: admin,
      body: { paymentReference: 'BC 2026-0042' },
    });
    expect(again.status).toBe(200);
    expect(again.body.order.lotId).toBe(order.lotId);
    const other = await t.call('POST', `/admin/voucher-orders/${ordered.body.id}/paid`, {
      token: admin,
      body: { paymentReference: 'BC 2026-0099' },
    });
    expect(other.body.code).toBe('order_already_paid');
    expect(await lotsOf(voucher.id)).toHaveLength(1);

    // The email is bound for good: a later order cannot change it; a second load reloads the same card.
    const change = await t.call('POST', `/accounts/${c.accountId}/voucher-orders`, {
      token: c.token,
      body: f.orderBody(5, { voucherEmail: 'autre@centre.example.fr' }),
    });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('voucher_email_locked');
    const second = await load(c.accountId, 6);
    expect(second.voucher.number).toBe(voucher.number);
    const view = await t.call('GET', `/accounts/${c.accountId}/voucher`, { token: c.token });
    expect(view.body).toMatchObject({
      voucher: { number: voucher.number, email: 'cartoonette@centre.example.fr' },
      placesLeft: 30,
      nearestExpiry: { lastValidDay: '2027-06-14', places: 30 },
    });
    expect(view.body.orders).toHaveLength(2);
    expect(
      (await t.db.selectFrom('mail_outbox').select('kind').where('to_address', '=', voucher.email).execute())
        .map((m) => m.kind)
        .sort(),
    ).toEqual(['voucher_created', 'voucher_loaded']);
  });

  it('refuses an order less than two weeks before the first session, with the earliest date', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre();
    const late = await t.call('POST', `/accounts/${c.accountId}/voucher-orders`, {
      token: c.token,
      body: f.orderBody(10, { firstSessionDate: '2026-06-28' }),
    });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'order_too_late', earliest: '2026-06-29' });
    expect(late.body.messages.fr).toContain('29 juin 2026');
    expect(late.body.messages.en).toContain('29 June 2026');
    const orders = await t.db
      .selectFrom('voucher_orders')
      .select('id')
      .where('account_id', '=', c.accountId)
      .execute();
    expect(orders).toHaveLength(0);
  });

  it('keeps a centre to its own voucher and the desk to its own venues', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const a = await f.centre();
    const b = await f.centre();
    const { voucher } = await load(a.accountId, 5);
    expect((await t.call('GET', `/accounts/${a.accountId}/voucher`, { token: b.token })).status).toBe(404);
    // A cashier of another venue, or a venue the cashier does not hold, reads as not found.
    const elsewhere = await debit(voucher.qrPayload, 1, { token: otherCashier });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('not_found');
    expect((await debit(voucher.qrPayload, 1, { venueId: venues.pleinAir })).body.code).toBe('not_found');
    expect((await lookup(voucher.qrPayload, otherCashier)).status).toBe(404);
    // A referent is no cashier.
    expect((await debit(voucher.qrPayload, 1, { token: a.token })).status).toBe(403);
    expect((await lotsOf(voucher.id))[0]!.remaining).toBe(5);
  });

  it('honours the last valid day and refuses the day after, in the structure\u2019s zone', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre();
    const { voucher } = await load(c.accountId, 5);
    expect(await lotsOf(voucher.id)).toMatchObject([
      { loaded_on: '2026-06-15', last_valid_day: '2027-06-14' },
    ]);
    // 23:30 in Paris on the last valid day.
    clock.set('2027-06-14T21:30:00Z');
    const ok = await debit(voucher.qrPayload, 2);
    expect(ok.status).toBe(200);
    expect(ok.body.voucher).toMatchObject({ today: '2027-06-14', placesLeft: 3 });
    // 00:30 in Paris the next day: the three places left have expired.
    clock.set('2027-06-14T22:30:00Z');
    const expired = await debit(voucher.qrPayload, 1);
    expect(expired.status).toBe(409);
    expect(expired.body.code).toBe('only_expired_places');
    expect((await lotsOf(voucher.id))[0]!.remaining).toBe(3);
    const seen = await lookup(voucher.number);
    expect(seen.body).toMatchObject({ placesLeft: 0, nearestExpiry: null, today: '2027-06-15' });
  });

  it('debits across two lots, the one expiring first first, and refuses more than is left', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre();
    const first = await load(c.accountId, 3);
    clock.set('2026-09-01T08:00:00Z');
    await load(c.accountId, 10);
    const [older, newer] = await lotsOf(first.voucher.id);
    const res = await debit(first.voucher.qrPayload, 5, { venueId: venues.entrepot });
    expect(res.status).toBe(200);
    expect(res.body.debit).toMatchObject({
      places: 5,
      venueId: venues.entrepot,
      venueName: "L'Entrepôt",
      cashierId: cashier.userId,
      at: '2026-09-01T08:00:00.000Z',
      reverses: null,
    });
    expect(res.body.debit.allocations).toEqual(
      expect.arrayContaining([
        { lotId: older!.id, places: 3 },
        { lotId: newer!.id, places: 2 },
      ]),
    );
    expect(res.body.voucher).toMatchObject({
      placesLeft: 8,
      nearestExpiry: { lastValidDay: '2027-08-31', places: 8 },
    });
    expect((await lotsOf(first.voucher.id)).map((l) => l.remaining)).toEqual([0, 8]);

    // All or nothing: 9 asked, 8 left.
    const tooMany = await debit(first.voucher.qrPayload, 9);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ code: 'insufficient_places', available: 8 });
    expect(tooMany.body.messages.fr).toContain('8 places');
    expect((await lotsOf(first.voucher.id)).map((l) => l.remaining)).toEqual([0, 8]);
    expect(await debitCount(first.voucher.id)).toBe(1);

    // The referent sees places per lot with expiry and the debit with its venue.
    const view = await t.call('GET', `/accounts/${c.accountId}/voucher`, { token: c.token });
    expect(
      view.body.lots.map((l: { remaining: number; lastValidDay: string }) => [l.remaining, l.lastValidDay]),
    ).toEqual([
      [0, '2027-06-14'],
      [8, '2027-08-31'],
    ]);
    expect(view.body.debits).toMatchObject([{ places: 5, venueName: "L'Entrepôt" }]);
    // The debit's answer is built from what it wrote, not read back: it says what a read says.
    expect(view.body.debits[0]).toEqual(res.body.debit);
    const read = await lookup(first.voucher.qrPayload, cashier.token, venues.entrepot);
    expect(read.body).toEqual(res.body.voucher);
  });

  it('counts a retried debit once under the same Idempotency-Key', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre();
    const { voucher } = await load(c.accountId, 10);
    const a = await debit(voucher.qrPayload, 3, { key: 'desk-1-retry' });
    const b = await debit(voucher.qrPayload, 3, { key: 'desk-1-retry' });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.headers.get('Idempotent-Replayed')).toBe('true');
    expect(b.body.debit.id).toBe(a.body.debit.id);
    // Sent at once, as a flaky connection would.
    const together = await Promise.all(
      [1, 2, 3].map(() => debit(voucher.qrPayload, 2, { key: 'desk-1-burst' })),
    );
    expect(new Set(together.map((r) => r.body.debit.id)).size).toBe(1);
    expect(await debitCount(voucher.id)).toBe(2);
    expect((await lotsOf(voucher.id))[0]!.remaining).toBe(5);
    // The same key for another debit is refused rather than replayed.
    expect((await debit(voucher.qrPayload, 1, { key: 'desk-1-retry' })).body.code).toBe(
      'idempotency_key_reused',
    );
  });

  it('writes a debit in one statement, which writes nothing when the voucher moved since it was read', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre();
    const { voucher, order } = await load(c.accountId, 4);
    const lot = order.lotId;
    // migrations/006-desk-debit.ts, as services/vouchers.ts `deskDebitAtOnce` calls it.
    const call = (seen: string[], key: string) =>
      sql<{ debited: boolean }>`select desk_debit(${voucher.id}, ${seen}::text[], ${[lot]}::text[],
        ${[1]}::int[], ${randomUUID()}, ${venues.ursulines}, ${cashier.userId}, 1, ${clock()}::timestamptz,
        'test', ${key}, 'hash', '{}') as debited`.execute(t.db);
    const kept = (key: string) =>
      t.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
    const remaining = async () => (await lotsOf(voucher.id))[0]!.remaining;

    // Planned when the lot held 5: refused, and nothing written, not even the key.
    await expect(call([`${lot}:5`], 'stale')).rejects.toMatchObject({ code: 'GU409' });
    // Blocked since it was read: the same.
    await t.db.updateTable('vouchers').set({ status: 'blocked' }).where('id', '=', voucher.id).execute();
    await expect(call([`${lot}:4`], 'stale')).rejects.toMatchObject({ code: 'GU409' });
    await t.db.updateTable('vouchers').set({ status: 'active' }).where('id', '=', voucher.id).execute();
    expect([await debitCount(voucher.id), await remaining(), await kept('stale')]).toEqual([0, 4, undefined]);
    // As read: written, with its answer kept under the key.
    expect((await call([`${lot}:4`], 'fresh')).rows[0]!.debited).toBe(true);
    expect([await debitCount(voucher.id), await remaining()]).toEqual([1, 3]);
    expect(await kept('fresh')).toMatchObject({ status: 200, body: '{}' });
    // The key taken already: nothing written.
    expect((await call([`${lot}:3`], 'fresh')).rows[0]!.debited).toBe(false);
    expect([await debitCount(voucher.id), await remaining()]).toEqual([1, 3]);
    // Through HTTP: the answer is the one kept, and its replay is that answer.
    const res = await debit(voucher.qrPayload, 1, { key: 'desk-one-statement' });
    expect(res.status).toBe(200);
    expect(JSON.parse((await kept('desk-one-statement'))!.body)).toEqual(res.body);
    expect(res.body.voucher.placesLeft).toBe(2);
    const replay = await debit(voucher.qrPayload, 1, { key: 'desk-one-statement' });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body).toEqual(res.body);
    expect(await remaining()).toBe(2);
  });

  it('refuses forged and altered payloads before any look-up, and verifies rotated keys until retired', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre();
    const { voucher } = await load(c.accountId, 10);
    const payload = voucher.qrPayload;
    const [, number, kid, signature] = payload.split('.') as [string, string, string, string];
    const another = number.endsWith('A') ? `${number.slice(0, -1)}B` : `${number.slice(0, -1)}A`;
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const forged = [
      `GV1.${another}.${kid}.${signature}`, // another number under this signature
      `GV1.${number}.${kid}.${flipped}`, // an altered signature
      `GV1.${number}.unknownkid.${signature}`, // an unknown key
      `GV1.${number}.${kid}.${signature.slice(0, -2)}`, // a truncated signature
      `GV2.${number}.${kid}.${signature}`,
      'GV1.garbage',
    ];
    for (const code of forged) {
      const res = await debit(code, 1);
      expect(res.status, code).toBe(422);
      expect(res.body.code, code).toBe('forged_code');
      expect((await lookup(code)).body.code).toBe('forged_code');
    }
    expect((await lotsOf(voucher.id))[0]!.remaining).toBe(10);
    // A well-signed number that no voucher has.
    const stranger = await qrPayload(t.db, 'CT-AAAAAAAA');
    expect((await lookup(stranger)).body.code).toBe('unknown_voucher');
    // A typed number is forgiven its case, spaces and dashes.
    const typed = `${number.slice(0, 3).toLowerCase()} ${number.slice(3, 7).toLowerCase()} ${number.slice(7)}`;
    expect((await lookup(typed)).body).toMatchObject({ number, placesLeft: 10 });
    expect((await lookup('CT-00000000')).body.code).toBe('unknown_voucher');

    // Rotation: the new key signs, the old one still verifies until it is retired.
    const newKid = await rotateSigningKey(t.db);
    const view = await t.call('GET', `/accounts/${c.accountId}/voucher`, { token: c.token });
    expect(view.body.voucher.qrPayload.split('.')[2]).toBe(newKid);
    expect((await lookup(payload)).status).toBe(200);
    expect((await lookup(view.body.voucher.qrPayload)).status).toBe(200);
    await retireSigningKey(t.db, kid, clock());
    expect((await lookup(payload)).body.code).toBe('forged_code');
    expect((await debit(view.body.voucher.qrPayload, 1)).status).toBe(200);
  });

  it('blocks and unblocks a voucher; a blocked one is read but not debited', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre('Centre Bloqué');
    const { voucher } = await load(c.accountId, 4);
    const blocked = await t.call('POST', `/admin/vouchers/${voucher.id}/status`, {
      token: admin,
      body: { status: 'blocked' },
    });
    expect(blocked.body).toMatchObject({ status: 'blocked', placesLeft: 4 });
    expect((await lookup(voucher.qrPayload)).body.status).toBe('blocked');
    const refused = await debit(voucher.qrPayload, 1);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('voucher_blocked');
    expect((await lotsOf(voucher.id))[0]!.remaining).toBe(4);
    await t.call('POST', `/admin/vouchers/${voucher.id}/status`, {
      token: admin,
      body: { status: 'active' },
    });
    expect((await debit(voucher.qrPayload, 1)).status).toBe(200);
    const found = await t.call('GET', '/admin/vouchers?q=bloqu', { token: admin });
    expect(found.body.items).toMatchObject([{ id: voucher.id, status: 'active', placesLeft: 3 }]);
    // Staff only.
    expect(
      (
        await t.call('POST', `/admin/vouchers/${voucher.id}/status`, {
          token: c.token,
          body: { status: 'blocked' },
        })
      ).status,
    ).toBe(403);
  });

  it('reverses a debit once with a compensating entry and its reason', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre();
    const { voucher } = await load(c.accountId, 10);
    const d = await debit(voucher.qrPayload, 4);
    clock.advance(3_600_000);
    const rev = await t.call('POST', `/admin/voucher-debits/${d.body.debit.id}/reverse`, {
      token: admin,
      body: { reason: 'Séance annulée' },
    });
    expect(rev.status).toBe(200);
    expect(rev.body).toMatchObject({
      places: -4,
      reverses: d.body.debit.id,
      reason: 'Séance annulée',
      venueId: venues.ursulines,
      allocations: d.body.debit.allocations,
    });
    expect((await lotsOf(voucher.id))[0]!.remaining).toBe(10);
    const twice = await t.call('POST', `/admin/voucher-debits/${d.body.debit.id}/reverse`, {
      token: admin,
      body: { reason: 'encore' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('debit_already_reversed');
    const ofReversal = await t.call('POST', `/admin/voucher-debits/${rev.body.id}/reverse`, {
      token: admin,
      body: { reason: 'non' },
    });
    expect(ofReversal.body.code).toBe('debit_not_reversible');
    expect((await lotsOf(voucher.id))[0]!.remaining).toBe(10);
    const view = await t.call('GET', `/accounts/${c.accountId}/voucher`, { token: c.token });
    expect(view.body.debits.map((x: { places: number }) => x.places)).toEqual([-4, 4]);
    expect(view.body.placesLeft).toBe(10);
  });

  it('says how many places are left when there are not enough, and 0 when none', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre();
    const { voucher } = await load(c.accountId, 2);
    expect((await debit(voucher.qrPayload, 2)).status).toBe(200);
    const none = await debit(voucher.qrPayload, 1);
    expect(none.body).toMatchObject({ code: 'insufficient_places', available: 0 });
  });

  it('takes group screening requests, answered by the venue and listed for its desk', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre('Centre Arc-en-ciel', 'arc@example.fr');
    const date = addDaysIso(f.today(), 3);
    const asked = await t.call('POST', `/accounts/${c.accountId}/screening-requests`, {
      token: c.token,
      body: {
        venueId: venues.ursulines,
        session: 'Kirikou (VF)',
        date,
        time: '10:00',
        children: 15,
        adults: 3,
        payment: 'voucher',
      },
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      status: 'requested',
      venueName: 'Studio des Ursulines',
      centreName: 'Centre Arc-en-ciel',
    });
    const lastMinute = await t.call('POST', `/accounts/${c.accountId}/screening-requests`, {
      token: c.token,
      body: { venueId: venues.ursulines, session: 'Ponyo', date, children: 8, adults: 2, payment: 'on_site' },
    });
    const past = await t.call('POST', `/accounts/${c.accountId}/screening-requests`, {
      token: c.token,
      body: {
        venueId: venues.ursulines,
        session: 'Ponyo',
        date: addDaysIso(f.today(), -1),
        children: 8,
        adults: 2,
        payment: 'on_site',
      },
    });
    expect(past.body.code).toBe('screening_date_passed');

    // The itinerant venue's cashier does not see nor answer the Ursulines' requests.
    const notHers = await t.call('POST', `/screening-requests/${asked.body.id}/decision`, {
      token: otherCashier,
      body: { decision: 'confirmed' },
    });
    expect(notHers.status).toBe(404);
    expect((await t.call('GET', '/screening-requests', { token: otherCashier })).body.items).toEqual([]);

    const pending = await t.call('GET', `/screening-requests?status=requested&venueId=${venues.ursulines}`, {
      token: cashier.token,
    });
    expect(pending.body.items.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([asked.body.id, lastMinute.body.id]),
    );
    const ok = await t.call('POST', `/screening-requests/${asked.body.id}/decision`, {
      token: cashier.token,
      body: { decision: 'confirmed', message: 'Rendez-vous à 9 h 45 <à la caisse>.' },
    });
    expect(ok.body).toMatchObject({
      status: 'confirmed',
      staffMessage: 'Rendez-vous à 9 h 45 <à la caisse>.',
    });
    await t.call('POST', `/screening-requests/${lastMinute.body.id}/decision`, {
      token: admin,
      body: { decision: 'declined', message: 'Salle complète.' },
    });
    const again = await t.call('POST', `/screening-requests/${asked.body.id}/decision`, {
      token: admin,
      body: { decision: 'declined' },
    });
    expect(again.body.code).toBe('screening_already_decided');

    const groups = await t.call('GET', `/desk/venues/${venues.ursulines}/groups?date=${date}`, {
      token: cashier.token,
    });
    expect(groups.body.items).toMatchObject([
      { id: asked.body.id, children: 15, adults: 3, payment: 'voucher' },
    ]);
    expect(
      (await t.call('GET', `/desk/venues/${venues.ursulines}/groups?date=${date}`, { token: otherCashier }))
        .status,
    ).toBe(404);
    const mine = await t.call('GET', `/accounts/${c.accountId}/screening-requests`, { token: c.token });
    expect(mine.body.items.map((r: { status: string }) => r.status).sort()).toEqual([
      'confirmed',
      'declined',
    ]);
    const mail = await t.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'arc@example.fr')
      .where('kind', '=', 'screening_confirmed')
      .executeTakeFirstOrThrow();
    expect(mail.html_body).toContain('&#60;à la caisse&#62;');
  });

  it('drives the whole flow through the typed client', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const c = await f.centre();
    const as = (token: string) =>
      createClient({
        baseUrl: 'http://guichet.test',
        token,
        fetch: (request) => t.guichet.fetch(request),
        retries: 0,
      });
    const referent = as(c.token);
    const staff = as(admin);
    const desk = as(cashier.token);

    const order = await referent.vouchers.order(c.accountId, f.orderBody(6));
    const orders = await collect(staff.admin.voucherOrders.list({ status: 'requested' }));
    expect(orders.map((o) => o.id)).toContain(order.id);
    const { voucher } = await staff.admin.voucherOrders.markPaid(order.id, 'BC-CLIENT-1');
    const seen = await desk.vouchers.lookup({ venueId: venues.ursulines, code: voucher.qrPayload });
    expect(seen.placesLeft).toBe(6);

    const body = { venueId: venues.ursulines, code: voucher.qrPayload, places: 2 };
    const first = await desk.vouchers.debit(body, { idempotencyKey: 'client-debit-1' });
    const replay = await desk.vouchers.debit(body, { idempotencyKey: 'client-debit-1' });
    expect(replay.debit.id).toBe(first.debit.id);
    expect((await referent.vouchers.get(c.accountId)).placesLeft).toBe(4);

    const refused = await desk.vouchers.debit({ ...body, places: 5 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GuichetHttpError);
    expect((refused as GuichetHttpError).code).toBe('insufficient_places');
    expect((refused as GuichetHttpError).problem.available).toBe(4);

    const reversal = await staff.admin.vouchers.reverseDebit(first.debit.id, 'Erreur de saisie');
    expect(reversal.places).toBe(-2);
    const vouchers = await collect(staff.admin.vouchers.list({ q: voucher.number }));
    expect(vouchers).toMatchObject([{ placesLeft: 6 }]);
  });

  it('seeds a demo voucher with an old lot expiring within 30 days and a recent one', async () => {
    clock.set('2026-06-15T08:00:00Z');
    const detail = await t.call('GET', `/accounts/${ids.cinema.centreAccountId}/voucher`, { token: admin });
    expect(detail.status).toBe(200);
    expect(detail.body.lots).toHaveLength(2);
    expect(detail.body.expiringSoon).toBeGreaterThan(0);
    expect(detail.body.debits.length).toBeGreaterThanOrEqual(2);
  });
});
