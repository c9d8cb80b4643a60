import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinemaNetwork } from './countermarks-fixtures.js';
import { testClock, testServer } from './harness.js';

const KEY = 'pc-provider-secret';
const OUR_VENUE = 101;

type Status = 'CONFIRMED' | 'USED' | 'CANCELLED' | 'REIMBURSED';
interface Fake {
  status: Status;
  venueId: number;
  tooEarly?: string;
  closed?: boolean;
  pastCancellation?: boolean;
}

/**
 * pass Culture's public API v1 as documented in shared/reference/passculture-public-api-v1.md:
 * bearer key, 404 `global`, 403 `payment`, 410/403 `booking`, 204 on PATCH.
 */
function fakePassCulture(bookings: Map<string, Fake>, seen: string[]) {
  return createServer((req, res) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    if (req.headers.authorization !== `Bearer ${KEY}`) return send(401, { auth: 'API key required' });
    const m = /^\/public\/bookings\/v1\/(?:(use|keep|cancel)\/)?token\/(\w+)$/.exec(req.url ?? '');
    if (!m) return send(404, { global: 'Not found' });
    const [, action, raw] = m;
    const token = raw!.toUpperCase();
    const b = bookings.get(token);
    if (!b) return send(404, { global: 'This countermark cannot be found' });

    if ((req.method === 'GET' && !action) || (req.method === 'PATCH' && action === 'use')) {
      if (b.closed)
        return send(403, {
          booking: ['Vous ne pouvez plus valider de contremarque sur une structure fermée'],
        });
      if (b.status === 'REIMBURSED')
        return send(403, { payment: 'This booking has already been reimbursed' });
      if (b.status === 'USED') return send(410, { booking: 'This booking has already been validated' });
      if (b.status === 'CANCELLED') return send(410, { booking: 'This booking has been cancelled' });
      if (b.tooEarly)
        return send(403, {
          booking: `Vous pourrez valider cette contremarque à partir du ${b.tooEarly}, une fois le délai d’annulation passé.`,
        });
      if (action === 'use') {
        b.status = 'USED';
        return send(204);
      }
      return send(200, {
        id: 7001,
        creationDate: '2026-04-13T08:00:00',
        confirmationDate: '2026-04-15T08:00:00Z',
        status: b.status,
        quantity: 2,
        price: 690,
        priceCategoryId: 3,
        priceCategoryLabel: 'Plein tarif',
        stockId: 501,
        offerId: 301,
        offerName: 'Les Demoiselles de Rochefort',
        offerEan: null,
        offerAddress: '10 rue des Ursulines',
        offerDepartmentCode: '75',
        venueId: b.venueId,
        venueName: 'Studio des Ursulines',
        userFirstName: 'Léa',
        userLastName: 'MARTIN',
        userEmail: 'lea.martin@example.fr',
        userPhoneNumber: null,
        userBirthDate: '2007-05-01',
        userPostalCode: '75005',
      });
    }
    if (req.method === 'PATCH' && action === 'keep') {
      if (b.status === 'REIMBURSED') return send(403, { payment: 'This booking has been reimbursed' });
      if (b.status === 'CANCELLED') return send(410, { booking: 'This booking has been cancelled' });
      if (b.status !== 'USED') return send(403, { booking: 'This booking has not been used' });
      b.status = 'CONFIRMED';
      return send(204);
    }
    if (req.method === 'PATCH' && action === 'cancel') {
      if (b.pastCancellation) return send(403, { booking: 'This booking cannot be cancelled anymore' });
      if (b.status === 'REIMBURSED') return send(403, { payment: 'This booking has been reimbursed' });
      if (b.status === 'USED') return send(410, { booking: 'This booking has been validated' });
      if (b.status === 'CANCELLED') return send(410, { booking: 'This booking has already been cancelled' });
      b.status = 'CANCELLED';
      return send(204);
    }
    return send(405, { global: 'Method not allowed' });
  });
}

describe('the pass Culture countermark source', () => {
  const clock = testClock('2026-04-16T08:00:00Z');
  const bookings = new Map<string, Fake>();
  const seen: string[] = [];
  let upstream: Server;
  let t: Awaited<ReturnType<typeof testServer>>;
  let net: Awaited<ReturnType<typeof cinemaNetwork>>;
  let cashier: string;

  const desk = (method: 'GET' | 'POST', token: string, action = '') =>
    t.call(method, `/desk/countermarks/${token}${action ? `/${action}` : ''}`, { token: cashier });

  beforeAll(async () => {
    upstream = fakePassCulture(bookings, seen);
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    t = await testServer({
      clock,
      config: { passCulture: { apiUrl: `http://127.0.0.1:${port}/`, apiKey: KEY } },
    });
    net = await cinemaNetwork(t, clock);
    const admin = (await net.session('admin')).token;
    const set = await t.call('PATCH', `/venues/${net.venues.studio}`, {
      token: admin,
      body: { countermarkSource: 'passculture', passCultureVenueId: String(OUR_VENUE) },
    });
    expect(set.body).toMatchObject({ countermarkSource: 'passculture', passCultureVenueId: '101' });
    // The cashier's other venue keeps Guichet's own countermarks.
    cashier = (await net.session('cashier', [net.venues.studio, net.venues.entrepot])).token;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('checks, uses, keeps and cancels through the public API with the server-held key', async () => {
    bookings.set('PC2OK8', { status: 'CONFIRMED', venueId: OUR_VENUE });
    const checked = await desk('GET', 'pc2-ok8');
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({
      source: 'passculture',
      id: '7001',
      token: 'PC2OK8',
      status: 'confirmed',
      offerId: '301',
      offerName: 'Les Demoiselles de Rochefort',
      stockId: '501',
      venueId: net.venues.studio,
      venueName: 'Studio des Ursulines',
      beginsAt: null,
      quantity: 2,
      price: 1380,
      beneficiary: { firstName: 'Léa', lastName: 'MARTIN', email: 'lea.martin@example.fr' },
      createdAt: '2026-04-13T08:00:00.000Z',
      cancellationLimit: '2026-04-15T08:00:00.000Z',
      usedAt: null,
      cancelledAt: null,
      reimbursedAt: null,
    });
    expect(seen.at(-1)).toBe(`GET /public/bookings/v1/token/PC2OK8 Bearer ${KEY}`);
    expect(JSON.stringify(checked.body)).not.toContain(KEY);

    const used = await desk('POST', 'PC2OK8', 'use');
    expect(used.body).toMatchObject({ status: 'used', usedAt: '2026-04-16T08:00:00.000Z' });
    expect(bookings.get('PC2OK8')!.status).toBe('USED');
    expect((await desk('GET', 'PC2OK8')).body).toMatchObject({
      status: 409,
      code: 'countermark_already_used',
    });
    expect((await desk('POST', 'PC2OK8', 'use')).body.code).toBe('countermark_already_used');

    const kept = await desk('POST', 'PC2OK8', 'keep');
    expect(kept.body).toMatchObject({ status: 'confirmed', token: 'PC2OK8' });
    expect((await desk('POST', 'PC2OK8', 'keep')).body.code).toBe('countermark_not_used');

    expect((await desk('POST', 'PC2OK8', 'cancel')).status).toBe(204);
    expect(bookings.get('PC2OK8')!.status).toBe('CANCELLED');
    expect((await desk('GET', 'PC2OK8')).body.code).toBe('countermark_cancelled');
    expect((await desk('POST', 'PC2OK8', 'cancel')).body.code).toBe('countermark_cancelled');
  });

  it('maps "valid from" to countermark_too_early with the instant read in the venue zone', async () => {
    bookings.set('EARLY2', { status: 'CONFIRMED', venueId: OUR_VENUE, tooEarly: '17/04/2026 à 20:30' });
    const early = await desk('GET', 'EARLY2');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'countermark_too_early',
      validFrom: '2026-04-17T18:30:00.000Z',
      messages: {
        fr: 'Vous pourrez valider cette contremarque à partir du 17/04/2026 à 20:30, une fois le délai d’annulation passé.',
        en: 'You will be able to validate this countermark from 17/04/2026 at 20:30, once the cancellation period is over.',
      },
    });
    expect((await desk('POST', 'EARLY2', 'use')).body.code).toBe('countermark_too_early');
    expect(bookings.get('EARLY2')!.status).toBe('CONFIRMED');
  });

  it('maps reimbursed, closed venue, cancellation limit and unknown answers', async () => {
    bookings.set('REMB22', { status: 'REIMBURSED', venueId: OUR_VENUE });
    bookings.set('CLOSED', { status: 'CONFIRMED', venueId: OUR_VENUE, closed: true });
    bookings.set('LATE22', { status: 'CONFIRMED', venueId: OUR_VENUE, pastCancellation: true });
    expect((await desk('GET', 'REMB22')).body).toMatchObject({ status: 409, code: 'countermark_reimbursed' });
    expect((await desk('POST', 'REMB22', 'keep')).body.code).toBe('countermark_reimbursed');
    expect((await desk('POST', 'REMB22', 'cancel')).body.code).toBe('countermark_reimbursed');
    expect((await desk('GET', 'CLOSED')).body).toMatchObject({ status: 403, code: 'venue_closed' });
    expect((await desk('POST', 'LATE22', 'cancel')).body.code).toBe('countermark_cancellation_limit_passed');
    const unknown = await desk('GET', 'NOPE42');
    expect(unknown.body).toMatchObject({ status: 404, code: 'countermark_not_found' });
  });

  it('reads a booking of another pass Culture venue as unknown', async () => {
    bookings.set('OTHER2', { status: 'CONFIRMED', venueId: 999 });
    expect((await desk('GET', 'OTHER2')).body.code).toBe('countermark_not_found');
    expect((await desk('POST', 'OTHER2', 'use')).body.code).toBe('countermark_not_found');
    expect(bookings.get('OTHER2')!.status).toBe('CONFIRMED');
  });

  it('still finds Guichet countermarks of the desk’s other venues first', async () => {
    const admin = (await net.session('admin')).token;
    const offer = await t.call('POST', '/offers', {
      token: admin,
      body: { venueId: net.venues.entrepot, name: 'Nuit du court', category: 'film_event' },
    });
    const stock = await t.call('POST', `/offers/${offer.body.id}/stocks`, {
      token: admin,
      body: { beginsAt: '2026-04-16T20:00:00Z', price: 500, quantity: 10 },
    });
    const booked = await t.call('POST', '/countermark-bookings', {
      token: net.apiKey,
      body: { stockId: stock.body.id, beneficiary: net.beneficiary() },
    });
    const before = seen.length;
    const checked = await desk('GET', booked.body.token);
    expect(checked.body).toMatchObject({ source: 'guichet', venueId: net.venues.entrepot });
    expect(seen.length).toBe(before);
  });

  it('answers passculture_unavailable when pass Culture refuses the key or does not answer', async () => {
    const wrong = await testServer({
      clock,
      config: {
        passCulture: {
          apiUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
          apiKey: 'wrong',
        },
      },
    });
    const down = await testServer({
      clock,
      config: { passCulture: { apiUrl: 'http://127.0.0.1:9', apiKey: KEY } },
    });
    try {
      for (const server of [wrong, down]) {
        const n = await cinemaNetwork(server, clock);
        await server.db
          .insertInto('venue_countermark_settings')
          .values({ venue_id: n.venues.studio, source: 'passculture', passculture_venue_id: null })
          .execute();
        const c = (await n.session('cashier', [n.venues.studio])).token;
        const res = await server.call('GET', '/desk/countermarks/PC2OK8', { token: c });
        expect(res.status).toBe(502);
        expect(res.body).toMatchObject({
          code: 'passculture_unavailable',
          messages: { fr: 'Le service pass Culture ne répond pas correctement, réessayez dans un instant.' },
        });
      }
    } finally {
      await wrong.close();
      await down.close();
    }
  });
});
