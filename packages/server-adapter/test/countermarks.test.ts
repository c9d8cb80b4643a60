import { createClient, type GuichetHttpError } from '@guichet/sdk/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { DEMO_COUNTERMARKS } from '../src/demo/seed-countermarks.js';
import { autoUseJob, reimbursementJob } from '../src/jobs/countermarks.js';
import { runJob } from '../src/jobs/scheduler.js';
import { listen } from '../src/node.js';
import { cinemaNetwork } from './countermarks-fixtures.js';
import { testClock, testServer } from './harness.js';

// Monday 13 April 2026, 10:00 in Paris; the session is Saturday 18 April at 20:30 in Paris.
const MONDAY = '2026-04-13T08:00:00Z';
const SATURDAY = '2026-04-18T18:30:00.000Z';

describe('offers, bookings and countermarks', () => {
  const clock = testClock(MONDAY);
  let t: Awaited<ReturnType<typeof testServer>>;
  let net: Awaited<ReturnType<typeof cinemaNetwork>>;
  let admin: string;
  let cashier: string;
  let duo: { id: string };
  let nonDuo: { id: string };
  let stock: { id: string };

  const asKey = () => ({ token: net.apiKey });
  const book = (stockId: string, quantity: 1 | 2, beneficiary = net.beneficiary(), headers = {}) =>
    t.call('POST', '/countermark-bookings', {
      ...asKey(),
      headers,
      body: { stockId, quantity, beneficiary },
    });
  const desk = (method: 'GET' | 'POST', token: string, action = '', as = cashier, headers = {}) =>
    t.call(method, `/desk/countermarks/${encodeURIComponent(token)}${action ? `/${action}` : ''}`, {
      token: as,
      headers,
    });
  const stockRow = (id: string) =>
    t.db.selectFrom('stocks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await testServer({ clock });
    net = await cinemaNetwork(t, clock);
    admin = (await net.session('admin')).token;
    cashier = (await net.session('cashier', [net.venues.studio, net.venues.entrepot])).token;

    const created = await t.call('POST', '/offers', {
      token: admin,
      body: { venueId: net.venues.studio, name: 'Le Voyage de Chihiro', category: 'screening', isDuo: true },
    });
    expect(created.status).toBe(200);
    duo = created.body;
    nonDuo = (
      await t.call('POST', '/offers', {
        token: admin,
        body: { venueId: net.venues.entrepot, name: 'Nuit du court', category: 'film_event' },
      })
    ).body;
    const s = await t.call('POST', `/offers/${duo.id}/stocks`, {
      token: admin,
      body: { beginsAt: SATURDAY, price: 800, quantity: 3 },
    });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ price: 800, quantity: 3, booked: 0, bookingLimit: null, active: true });
    stock = s.body;
  });
  afterAll(() => t.close());

  it('lets the network manage venues, offers in the four categories and sessions', async () => {
    const venues = await t.call('GET', '/venues', { token: cashier });
    expect(venues.body.items.map((v: { name: string }) => v.name)).toEqual(['Entrepôt', 'Studio']);
    expect((await t.call('GET', '/venues', { token: admin })).body.items).toHaveLength(3);
    const itinerant = await t.call('POST', '/venues', {
      token: admin,
      body: { name: 'Ciné plein air', address: 'Parc de la Villette, 75019 Paris' },
    });
    expect(itinerant.body).toMatchObject({ countermarkSource: 'guichet', timeZone: 'Europe/Paris' });
    for (const category of ['open_air', 'festival'] as const) {
      const o = await t.call('POST', '/offers', {
        token: admin,
        body: {
          venueId: itinerant.body.id,
          name: `Offre ${category}`,
          category,
          description: 'Transats fournis',
        },
      });
      expect(o.body).toMatchObject({ category, isDuo: false, active: true });
    }
    const off = await t.call('PATCH', `/offers/${nonDuo.id}`, { token: admin, body: { active: false } });
    expect(off.body.active).toBe(false);
    expect((await t.call('GET', '/offers?active=false', { token: admin })).body.items).toHaveLength(1);
    await t.call('PATCH', `/offers/${nonDuo.id}`, { token: admin, body: { active: true } });

    // A cashier does not manage offers; a booking limit cannot follow the session; one session per start.
    expect((await t.call('GET', '/offers', { token: cashier })).status).toBe(403);
    const late = await t.call('POST', `/offers/${duo.id}/stocks`, {
      token: admin,
      body: { beginsAt: SATURDAY, price: 800, quantity: 3, bookingLimit: '2026-04-19T00:00:00Z' },
    });
    expect(late.body.code).toBe('validation_failed');
    const twice = await t.call('POST', `/offers/${duo.id}/stocks`, {
      token: admin,
      body: { beginsAt: SATURDAY, price: 800, quantity: 3 },
    });
    expect(twice.body.code).toBe('stock_exists');
  });

  it('books a duo and refuses a duo on a session with one place left, writing nothing', async () => {
    const first = await book(stock.id, 2, net.beneficiary('Inès'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'confirmed',
      quantity: 2,
      price: 1600,
      offerName: 'Le Voyage de Chihiro',
      venueName: 'Studio',
      beginsAt: SATURDAY,
      // Booked Monday 08:00 UTC for Saturday: C + 48 h.
      cancellationLimit: '2026-04-15T08:00:00.000Z',
    });
    expect(first.body.token).toMatch(/^[A-HJ-NP-Z2-7]{6}$/);
    expect((await stockRow(stock.id)).booked).toBe(2);

    const someone = net.beneficiary('Yanis');
    const duoRefused = await book(stock.id, 2, someone);
    expect(duoRefused.status).toBe(409);
    expect(duoRefused.body).toMatchObject({
      code: 'stock_full',
      messages: { fr: 'Il ne reste pas assez de places pour cette séance.' },
    });
    expect((await stockRow(stock.id)).booked).toBe(2);
    const written = await t.db
      .selectFrom('beneficiaries')
      .select('id')
      .where('email', '=', someone.email)
      .execute();
    expect(written).toHaveLength(0);

    const single = await book(stock.id, 1, someone);
    expect(single.status).toBe(200);
    expect((await stockRow(stock.id)).booked).toBe(3);
    expect((await book(stock.id, 1)).body.code).toBe('stock_full');
  });

  it('refuses a second booking of the offer, 2 places on a non-duo, inactive, past and late sessions', async () => {
    const s = await t.call('POST', `/offers/${nonDuo.id}/stocks`, {
      token: admin,
      body: { beginsAt: SATURDAY, price: 1200, quantity: 50, bookingLimit: '2026-04-17T22:00:00Z' },
    });
    const person = net.beneficiary();
    expect((await book(s.body.id, 1, person)).status).toBe(200);
    expect((await book(s.body.id, 1, { ...person, email: person.email.toUpperCase() })).body.code).toBe(
      'already_booked',
    );
    expect((await book(s.body.id, 2)).body.code).toBe('offer_not_duo');

    await t.call('PATCH', `/stocks/${s.body.id}`, { token: admin, body: { active: false } });
    expect((await book(s.body.id, 1)).body.code).toBe('stock_inactive');
    await t.call('PATCH', `/stocks/${s.body.id}`, { token: admin, body: { active: true } });
    expect(
      (await t.call('PATCH', `/stocks/${s.body.id}`, { token: admin, body: { quantity: 0 } })).body.code,
    ).toBe('capacity_below_booked');

    clock.set('2026-04-17T22:00:01Z');
    expect((await book(s.body.id, 1)).body.code).toBe('stock_booking_limit_passed');
    clock.set('2026-04-18T18:30:00Z');
    expect((await book(s.body.id, 1)).body.code).toBe('stock_past');
    clock.set(MONDAY);
    // Only the network's API key or staff book: a cashier does not.
    const byCashier = await t.call('POST', '/countermark-bookings', {
      token: cashier,
      body: { stockId: s.body.id, beneficiary: net.beneficiary() },
    });
    expect(byCashier.status).toBe(403);
  });

  it('replays a booking sent twice under one Idempotency-Key', async () => {
    const s = await t.call('POST', `/offers/${duo.id}/stocks`, {
      token: admin,
      body: { beginsAt: '2026-04-25T18:30:00Z', price: 700, quantity: 10 },
    });
    const person = net.beneficiary();
    const headers = { 'Idempotency-Key': 'booking-42' };
    const a = await book(s.body.id, 2, person, headers);
    const b = await book(s.body.id, 2, person, headers);
    expect(b.headers.get('Idempotent-Replayed')).toBe('true');
    expect(b.body.token).toBe(a.body.token);
    expect((await stockRow(s.body.id)).booked).toBe(2);
  });

  it('checks, validates, keeps and cancels at the desk in the order of the rules', async () => {
    clock.set(MONDAY);
    const person = net.beneficiary('Chloé');
    const booked = await book((await freshStock()).id, 2, person);
    const token: string = booked.body.token;

    // Too early: the reference's words with the date and time in the venue's zone.
    const early = await desk('GET', token);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'countermark_too_early',
      validFrom: '2026-04-15T08:00:00.000Z',
      messages: {
        fr: 'Vous pourrez valider cette contremarque à partir du 15/04/2026 à 10:00, une fois le délai d’annulation passé.',
        en: 'You will be able to validate this countermark from 15/04/2026 at 10:00, once the cancellation period is over.',
      },
      booking: { token, beneficiary: { firstName: 'Chloé' } },
    });
    expect((await desk('POST', token, 'use')).body.code).toBe('countermark_too_early');

    clock.set('2026-04-15T08:00:00Z');
    // Look-up ignores case, spaces and dashes, and reads a pass Culture QR payload.
    const typed = `${token.slice(0, 3).toLowerCase()}-${token.slice(3)} `;
    const checked = await desk('GET', typed);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({
      source: 'guichet',
      token,
      status: 'confirmed',
      offerName: 'Le Voyage de Chihiro',
      quantity: 2,
      price: 1400,
      beneficiary: { firstName: 'Chloé', lastName: person.lastName },
      cancellationLimit: '2026-04-15T08:00:00.000Z',
    });
    expect((await desk('GET', `PASSCULTURE:v3;TOKEN:${token.toLowerCase()}`)).status).toBe(200);

    const used = await desk('POST', token, 'use');
    expect(used.body).toMatchObject({ status: 'used', usedAt: '2026-04-15T08:00:00.000Z' });
    const again = await desk('POST', token, 'use');
    expect(again.body).toMatchObject({ code: 'countermark_already_used', status: 409 });
    expect((await desk('GET', token)).body.code).toBe('countermark_already_used');

    const kept = await desk('POST', token, 'keep');
    expect(kept.body).toMatchObject({ status: 'confirmed', usedAt: null });
    expect((await desk('POST', token, 'keep')).body.code).toBe('countermark_not_used');

    // The venue cancels at any time before use; the places go back to the session.
    const before = await t.db
      .selectFrom('countermark_bookings')
      .select('stock_id')
      .where('token', '=', token)
      .executeTakeFirstOrThrow();
    const bookedBefore = (await stockRow(before.stock_id)).booked;
    expect((await desk('POST', token, 'cancel')).status).toBe(204);
    expect((await stockRow(before.stock_id)).booked).toBe(bookedBefore - 2);
    expect((await desk('GET', token)).body.code).toBe('countermark_cancelled');
    expect((await desk('POST', token, 'use')).body.code).toBe('countermark_cancelled');
    expect((await desk('POST', token, 'keep')).body.code).toBe('countermark_cancelled');
    expect((await desk('POST', token, 'cancel')).body.code).toBe('countermark_cancelled');
    clock.set(MONDAY);
  });

  it('lets the beneficiary cancel only before the cancellation limit', async () => {
    clock.set(MONDAY);
    const s = await freshStock();
    const a = await book(s.id, 1);
    const cancelled = await t.call('POST', `/countermark-bookings/${a.body.id}/cancel`, {
      ...asKey(),
      body: { by: 'beneficiary' },
    });
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelledAt: new Date(MONDAY).toISOString(),
    });
    expect((await stockRow(s.id)).booked).toBe(0);

    const b = await book(s.id, 1);
    clock.set('2026-04-15T08:00:00Z');
    const late = await t.call('POST', `/countermark-bookings/${b.body.id}/cancel`, {
      ...asKey(),
      body: { by: 'beneficiary' },
    });
    expect(late.body).toMatchObject({
      code: 'countermark_cancellation_limit_passed',
      messages: { fr: "Cette réservation ne peut plus être annulée : le délai d'annulation est passé." },
    });
    const byVenue = await t.call('POST', `/countermark-bookings/${b.body.id}/cancel`, {
      ...asKey(),
      body: { by: 'venue' },
    });
    expect(byVenue.body.status).toBe('cancelled');
    clock.set(MONDAY);
  });

  it('answers a token of another venue, or no token at all, as unknown', async () => {
    clock.set('2026-04-15T08:00:00Z');
    const { token } = (await book((await freshStock()).id, 1)).body;
    const elsewhere = (await net.session('cashier', [net.venues.reunion])).token;
    const other = await desk('GET', token, '', elsewhere);
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({
      code: 'countermark_not_found',
      messages: { fr: "Cette contremarque n'existe pas ou n'est pas celle d'un de vos lieux." },
    });
    expect((await desk('POST', token, 'use', elsewhere)).body.code).toBe('countermark_not_found');
    expect((await desk('GET', 'ZZZZZZ')).body.code).toBe('countermark_not_found');
    expect((await desk('GET', 'ABC')).body.code).toBe('countermark_not_found');
    // At one venue of the cashier only.
    expect(
      (await t.call('GET', `/desk/countermarks/${token}?venueId=${net.venues.entrepot}`, { token: cashier }))
        .status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/desk/countermarks/${token}?venueId=${net.venues.studio}`, { token: cashier }))
        .body.code,
    ).toBe('countermark_too_early'); // found: it is only too early
    expect(
      (await t.call('GET', `/desk/countermarks/${token}?venueId=${net.venues.reunion}`, { token: cashier }))
        .body.code,
    ).toBe('venue_not_found');
    clock.set(MONDAY);
  });

  it('issues one reimbursement statement per venue and half-month; reimbursed bookings are final', async () => {
    clock.set(MONDAY);
    const s = await freshStock('2026-05-02T18:30:00Z', 2_000);
    const a = (await book(s.id, 2)).body;
    const b = (await book(s.id, 1)).body;
    clock.set('2026-04-28T10:00:00Z');
    expect((await desk('POST', a.token, 'use')).status).toBe(200);
    clock.set('2026-04-30T22:30:00Z'); // 1 May 00:30 in Paris: the next period
    expect((await desk('POST', b.token, 'use')).status).toBe(200);

    // Still within the period in Paris: nothing yet.
    await runJob(t.db, reimbursementJob, new Date('2026-04-30T21:59:59Z'));
    expect((await t.call('GET', '/reimbursement-statements', { token: admin })).body.items).toEqual([]);
    await runJob(t.db, reimbursementJob, new Date('2026-04-30T22:00:00Z'));
    await runJob(t.db, reimbursementJob, new Date('2026-05-01T06:00:00Z'));
    const statements = (await t.call('GET', '/reimbursement-statements', { token: admin })).body.items;
    expect(statements).toEqual([
      expect.objectContaining({
        venueId: net.venues.studio,
        periodStart: '2026-04-16',
        periodEnd: '2026-04-30',
        bookings: 1,
        gross: 4000,
        rate: 10000,
        reimbursed: 4000,
      }),
    ]);

    const reimbursed = await desk('GET', a.token);
    expect(reimbursed.body).toMatchObject({ code: 'countermark_reimbursed', status: 409 });
    expect((await desk('POST', a.token, 'keep')).body.code).toBe('countermark_reimbursed');
    expect((await desk('POST', a.token, 'cancel')).body.code).toBe('countermark_reimbursed');
    expect((await desk('GET', b.token)).body.code).toBe('countermark_already_used'); // validated in May
    clock.set(MONDAY);
  });

  it('applies the yearly rate tiers, this booking included', async () => {
    clock.set('2026-06-01T08:00:00Z');
    const s = await freshStock('2026-06-05T18:30:00Z', 999_900, 50); // 9,999 € a place
    const a = (await book(s.id, 1)).body;
    const b = (await book(s.id, 1)).body;
    clock.set('2026-06-05T18:00:00Z');
    await desk('POST', a.token, 'use');
    clock.set('2026-06-05T18:01:00Z');
    await desk('POST', b.token, 'use');
    await runJob(t.db, reimbursementJob, new Date('2026-06-16T06:00:00Z'));
    const [june] = (await t.call('GET', '/reimbursement-statements', { token: admin })).body.items;
    // 40 € in April: the first place keeps the year under 20,000 € (100 %), the second crosses it (95 %).
    expect(june).toMatchObject({ periodStart: '2026-06-01', bookings: 2, gross: 1_999_800, rate: 9500 });
    expect(june.reimbursed).toBe(999_900 + 949_905);
    clock.set(MONDAY);
  });

  it('limits failed look-ups per cashier and per address, for every process, with Retry-After', async () => {
    clock.set('2026-04-15T08:01:00Z');
    const { token: guesser, userId } = await net.session('cashier', [net.venues.studio]);
    const from = { 'X-Forwarded-For': '203.0.113.7, 10.0.0.1' };
    for (let i = 0; i < 5; i++)
      expect((await desk('GET', `ZZZZZ${i + 2}`, '', guesser, from)).status).toBe(404);
    // Failed POSTs roll back their transaction, yet their failures are counted.
    for (let i = 0; i < 5; i++)
      expect((await desk('POST', `YYYYY${i + 2}`, 'use', guesser, from)).status).toBe(404);
    const counts = await t.db
      .selectFrom('rate_limits')
      .select(['key', 'count'])
      .where('key', 'in', [`desk:user:${userId}`, 'desk:address:203.0.113.7'])
      .execute();
    expect(counts.map((c) => c.count)).toEqual([10, 10]);

    const limited = await desk('GET', 'ZZZZZZ', '', guesser, from);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('240'); // the 5-minute window ends at 08:05
    expect(limited.body).toMatchObject({ code: 'rate_limited', retryAfter: 240 });
    // Another cashier behind the same address is held too; the same cashier elsewhere as well.
    const colleague = (await net.session('cashier', [net.venues.studio])).token;
    expect((await desk('GET', 'ZZZZZZ', '', colleague, from)).status).toBe(429);
    expect((await desk('GET', 'ZZZZZZ', '', guesser, { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(
      429,
    );
    expect((await desk('GET', 'ZZZZZZ', '', colleague, { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(
      404,
    );

    clock.set('2026-04-15T08:05:00Z');
    expect((await desk('GET', 'ZZZZZZ', '', guesser, from)).status).toBe(404);
    clock.set(MONDAY);
  });

  it('gives the last places to exactly as many concurrent bookings as fit', async () => {
    clock.set(MONDAY);
    const s = await freshStock(SATURDAY, 700, 3);
    const answers = await Promise.all(Array.from({ length: 12 }, () => book(s.id, 1)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.body.code === 'stock_full')).toBe(true);
    expect((await stockRow(s.id)).booked).toBe(3);
    const tokens = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.token));
    expect(tokens.size).toBe(3);
  });

  it('is typed end to end through the sdk client', async () => {
    clock.set(MONDAY);
    const options = { baseUrl: 'http://guichet.test', fetch: (r: Request) => t.guichet.fetch(r), retries: 0 };
    const site = createClient({ ...options, token: net.apiKey });
    const desk = createClient({ ...options, token: cashier, lang: 'en' });
    const offer = await site.offers.create({
      venueId: net.venues.studio,
      name: 'La Jetée',
      category: 'film_event',
    });
    const session = await site.offers.stocks.create(offer.id, {
      beginsAt: '2026-04-30T18:30:00Z',
      price: 400,
      quantity: 5,
    });
    const booking = await site.countermarks.book({
      stockId: session.id,
      beneficiary: net.beneficiary('Noé'),
    });
    expect(booking).toMatchObject({ quantity: 1, price: 400, status: 'confirmed' });
    expect((await site.offers.stocks.list(offer.id)).items[0]!.booked).toBe(1);

    const early = await desk.countermarks.check(booking.token).catch((e: unknown) => e as GuichetHttpError);
    expect(early).toMatchObject({ name: 'GuichetHttpError', code: 'countermark_too_early', status: 409 });
    expect((early as GuichetHttpError).message).toBe(
      'You will be able to validate this countermark from 15/04/2026 at 10:00, once the cancellation period is over.',
    );
    expect((early as GuichetHttpError).problem.validFrom).toBe('2026-04-15T08:00:00.000Z');

    clock.set('2026-04-15T08:00:00Z');
    const used = await desk.countermarks.use(booking.token.toLowerCase());
    expect(used).toMatchObject({ source: 'guichet', status: 'used' });
    expect((await desk.countermarks.keep(booking.token)).status).toBe('confirmed');
    await desk.countermarks.cancel(booking.token);
    expect((await site.countermarks.get(booking.id)).status).toBe('cancelled');
    expect((await site.countermarks.list({ stockId: session.id })).items).toHaveLength(1);
    clock.set(MONDAY);
  });

  it('counts the socket peer as the address behind the Node listener', async () => {
    clock.set('2026-05-20T08:00:00Z');
    const { server, url } = await listen(t.guichet, { port: 0 });
    try {
      const res = await fetch(`${url}/api/v1/desk/countermarks/ZZZZZZ`, {
        headers: { Authorization: `Bearer ${cashier}` },
      });
      expect(res.status).toBe(404);
      const row = await t.db
        .selectFrom('rate_limits')
        .select(['key', 'count'])
        .where('key', 'like', 'desk:address:%127.0.0.1')
        .where('window_start', '=', new Date('2026-05-20T08:00:00Z'))
        .executeTakeFirst();
      expect(row?.count).toBe(1);
    } finally {
      server.close();
      clock.set(MONDAY);
    }
  });

  // Last: the job uses every confirmed booking of the sessions before it.
  it('uses confirmed bookings 48 hours after the session (configurable), not before', async () => {
    clock.set(MONDAY);
    const s = await freshStock('2026-04-20T18:30:00Z');
    const { id } = (await book(s.id, 1)).body;
    const status = async () =>
      await t.db
        .selectFrom('countermark_bookings')
        .select(['status', 'auto_used'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    await runJob(t.db, autoUseJob(48), new Date('2026-04-22T18:29:59Z'));
    expect((await status()).status).toBe('confirmed');
    await runJob(t.db, autoUseJob(72), new Date('2026-04-22T18:30:00Z'));
    expect((await status()).status).toBe('confirmed');
    await runJob(t.db, autoUseJob(48), new Date('2026-04-22T18:30:00Z'));
    expect(await status()).toEqual({ status: 'used', auto_used: true });
  });

  let stocks = 0;
  /** A new session of the duo offer with room. */
  async function freshStock(beginsAt = SATURDAY, price = 700, quantity = 10) {
    stocks += 1;
    // Sessions of the default Saturday start a minute apart (one session per offer and start).
    const at =
      beginsAt === SATURDAY ? new Date(Date.parse(beginsAt) + stocks * 60_000).toISOString() : beginsAt;
    const s = await t.call('POST', `/offers/${duo.id}/stocks`, {
      token: admin,
      body: { beginsAt: at, price, quantity },
    });
    expect(s.status).toBe(200);
    return s.body as { id: string };
  }
});

describe('the demo countermarks', () => {
  const clock = testClock('2026-04-08T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    t = await testServer({ clock });
    await seedDemo(t.db, clock());
  });
  afterAll(() => t.close());

  it('gives the desk of the Studio des Ursulines one countermark of each kind', async () => {
    const login = await t.call('POST', '/auth/login', {
      body: { login: 'caisse', password: 'caisse-demo', mode: 'token' },
    });
    const token = login.body.token as string;
    const check = (code: string) => t.call('GET', `/desk/countermarks/${code}`, { token });
    expect((await check(DEMO_COUNTERMARKS.validatable)).body).toMatchObject({
      quantity: 2,
      status: 'confirmed',
    });
    const early = await check(DEMO_COUNTERMARKS.tooEarly);
    expect(early.body.code).toBe('countermark_too_early');
    expect(early.body.messages.fr).toMatch(/à partir du 10\/04\/2026 à 09:00/);
    expect((await check(DEMO_COUNTERMARKS.used)).body.code).toBe('countermark_already_used');
    expect((await check(DEMO_COUNTERMARKS.cancelled)).body.code).toBe('countermark_cancelled');
    const offers = await t.db.selectFrom('offers').select('category').distinct().execute();
    expect(offers.map((o) => o.category).sort()).toEqual(['festival', 'film_event', 'open_air', 'screening']);
  });
});
