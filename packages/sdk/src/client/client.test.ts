import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Session } from '../schemas/account.js';
import { api, type EndpointName } from '../schemas/api.js';
import type { BookingResult } from '../schemas/booking.js';
import type { Reservation } from '../schemas/reservation.js';
import { createClient } from './client.js';
import { GuichetHttpError, isGuichetError } from './errors.js';

const session: Session = {
  user: { id: 'u1', login: 'dupont', displayName: 'Famille Dupont', email: null },
  memberships: [
    { structureId: 's1', structureName: 'Mairie de CarteVille', role: 'family', accountId: 'a1' },
  ],
  currentStructureId: 's1',
};

const result: BookingResult = {
  dryRun: false,
  recap: { additions: [], cancellations: [], totals: { additions: 0, cancellations: 0, net: 0 } },
  lines: [],
};

const reservation = (id: string): Reservation => ({
  id,
  accountId: 'a1',
  memberId: 'm1',
  activityId: 'act1',
  slotId: 'sl1',
  date: '2026-04-20',
  status: 'accepted',
  waitPosition: null,
  supplementIds: [],
  unitPrice: 475,
  quantity: 1,
  refusalReason: null,
  createdAt: '2026-04-01T08:00:00Z',
  updatedAt: '2026-04-01T08:00:00Z',
  chargedAt: null,
});

const changes = [{ op: 'add' as const, memberId: 'm1', activityId: 'act1', date: '2026-04-20' }];

describe('client', () => {
  let server: Awaited<ReturnType<typeof replyServer>>;
  beforeAll(async () => {
    server = await replyServer();
  });
  afterAll(() => server.close());

  describe('retries', () => {
    it('retries a GET on 503 and answers the parsed body', async () => {
      server.reply({ status: 503 }, { status: 503 }, { body: session });
      const client = createClient({ baseUrl: server.url });
      await expect(client.auth.session()).resolves.toEqual(session);
      expect(server.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
        'GET /api/v1/auth/session',
        'GET /api/v1/auth/session',
        'GET /api/v1/auth/session',
      ]);
    });

    it('gives up after `retries` and throws the last answer', async () => {
      server.reply(problemReply(503, 'unavailable', 'Indisponible.', 'Unavailable.'));
      const client = createClient({ baseUrl: server.url, retries: 1 });
      const error = await client.auth.session().catch((e: unknown) => e);
      expect(isGuichetError(error, 'GuichetHttpError') && error.status).toBe(503);
      expect(server.seen).toHaveLength(2);
    });

    it('honours Retry-After', async () => {
      server.reply({ status: 429, headers: { 'Retry-After': '1' } }, { body: session });
      const client = createClient({ baseUrl: server.url });
      const start = performance.now();
      await client.auth.session();
      expect(performance.now() - start).toBeGreaterThanOrEqual(950);
      expect(server.seen).toHaveLength(2);
    });

    it('makes UUID keys without crypto.randomUUID too (pages not served over HTTPS)', async () => {
      server.reply({ body: result });
      const client = createClient({ baseUrl: server.url });
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
      try {
        await client.bookings.submit('a1', { changes });
      } finally {
        Reflect.deleteProperty(globalThis.crypto, 'randomUUID');
      }
      expect(typeof globalThis.crypto.randomUUID).toBe('function');
      expect(server.seen[0]!.headers['idempotency-key']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    });

    it('sends a plain POST once, whatever the answer', async () => {
      server.reply({ status: 503 }, { body: session });
      const client = createClient({ baseUrl: server.url });
      const error = await client.auth.login({ login: 'dupont', password: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GuichetHttpError);
      expect((error as GuichetHttpError).code).toBe('http_error');
      expect(server.seen).toHaveLength(1);
      expect(server.seen[0]!.headers['idempotency-key']).toBeUndefined();
    });

    it('sends a PATCH once', async () => {
      server.reply({ status: 502 });
      const client = createClient({ baseUrl: server.url });
      await expect(client.profile.update({ email: null })).rejects.toMatchObject({ status: 502 });
      expect(server.seen).toHaveLength(1);
    });

    it('retries an idempotent POST under one Idempotency-Key, a new key per call', async () => {
      server.reply({ status: 503 }, { status: 500 }, { body: result });
      const client = createClient({ baseUrl: server.url });
      await expect(client.bookings.submit('a1', { changes })).resolves.toEqual(result);
      const keys = server.seen.map((r) => r.headers['idempotency-key']);
      expect(keys).toHaveLength(3);
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(JSON.parse(server.seen[2]!.body)).toEqual({ changes, dryRun: false });

      server.reply({ body: result });
      await client.bookings.submit('a1', { changes });
      expect(server.seen[0]!.headers['idempotency-key']).not.toBe(keys[0]);
      await client.bookings.submit('a1', { changes }, { idempotencyKey: 'basket-42' });
      expect(server.seen[1]!.headers['idempotency-key']).toBe('basket-42');
    });

    it('retries a GET after a cut connection, not a plain POST', async () => {
      server.reply({ cut: true }, { body: session });
      const client = createClient({ baseUrl: server.url });
      await expect(client.auth.session()).resolves.toEqual(session);
      expect(server.seen).toHaveLength(2);

      server.reply({ cut: true }, { body: session });
      await expect(client.auth.login({ login: 'dupont', password: 'x' })).rejects.toMatchObject({
        name: 'GuichetNetworkError',
      });
      expect(server.seen).toHaveLength(1);
    });
  });

  describe('failures', () => {
    it('throws GuichetTimeoutError when the server does not answer in time', async () => {
      server.reply({ hang: true });
      const client = createClient({ baseUrl: server.url, timeout: 150, lang: 'en' });
      const start = performance.now();
      const error = await client.profile.get().catch((e: unknown) => e);
      expect(performance.now() - start).toBeLessThan(1000);
      expect(isGuichetError(error, 'GuichetTimeoutError')).toBe(true);
      expect(error).toMatchObject({ code: 'timeout', timeout: 150 });
      expect((error as Error).message).toBe('The server did not answer in time (0.2 sec). Try again.');
      // The call's own timeout wins over the client's.
      const slow = await client.profile.get({ timeout: 50 }).catch((e: unknown) => e);
      expect(slow).toMatchObject({ timeout: 50 });
    });

    it('counts the body in the timeout', async () => {
      server.reply({ hangBody: true, body: session });
      const client = createClient({ baseUrl: server.url, timeout: 200, retries: 0 });
      await expect(client.auth.session()).rejects.toMatchObject({ name: 'GuichetTimeoutError' });
    });

    it('throws GuichetNetworkError when the connection is refused', async () => {
      const gone = await replyServer();
      await gone.close();
      const client = createClient({ baseUrl: gone.url, retries: 0 });
      const error = await client.auth.session().catch((e: unknown) => e);
      expect(isGuichetError(error, 'GuichetNetworkError')).toBe(true);
      expect(error).toMatchObject({ code: 'network_error' });
      expect((error as Error).message).toMatch(/^Le serveur est injoignable/);
      expect((error as Error).cause).toBeInstanceOf(TypeError);
    });

    it('maps a problem to GuichetHttpError with its code, request id and message', async () => {
      server.reply(
        problemReply(422, 'validation_failed', 'La demande contient des valeurs invalides.', 'Invalid.', {
          errors: [{ path: 'body.email', message: 'Invalid email' }],
        }),
      );
      const client = createClient({ baseUrl: server.url });
      const error = await client.profile.update({ email: null }).catch((e: unknown) => e);
      expect(isGuichetError(error, 'GuichetHttpError')).toBe(true);
      const http = error as GuichetHttpError;
      expect(http).toMatchObject({ status: 422, code: 'validation_failed', requestId: 'req-1' });
      expect(http.message).toBe('La demande contient des valeurs invalides.');
      expect(http.messages.en).toBe('Invalid.');
      expect(http.errors).toEqual([{ path: 'body.email', message: 'Invalid email' }]);
      expect(http.problem.type).toBe('https://guichet.dev/problems/validation_failed');
    });

    it('describes an error answer that is not a problem from its status', async () => {
      server.reply({
        status: 404,
        headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'px-9' },
        body: '<h1>',
      });
      const client = createClient({ baseUrl: server.url, lang: 'en' });
      const error = (await client.accounts.get('a1').catch((e: unknown) => e)) as GuichetHttpError;
      expect(error).toMatchObject({ status: 404, code: 'http_error', requestId: 'px-9' });
      expect(error.message).toBe('The server answered with an error (404).');
      expect(error.errors).toEqual([]);
    });

    it('throws GuichetValidationError when the answer does not match the contract', async () => {
      server.reply({ body: { ...session, currentStructureId: 42 } });
      const client = createClient({ baseUrl: server.url });
      const error = await client.auth.session().catch((e: unknown) => e);
      expect(isGuichetError(error, 'GuichetValidationError')).toBe(true);
      expect(error).toMatchObject({ code: 'invalid_response', direction: 'response', endpoint: 'session' });
      expect((error as { issues: { path: unknown[] }[] }).issues[0]!.path).toEqual(['currentStructureId']);

      server.reply({ headers: { 'Content-Type': 'application/json' }, body: 'not json' });
      await expect(client.auth.session()).rejects.toMatchObject({ code: 'invalid_response' });
      server.reply({ status: 204 });
      await expect(client.auth.session()).rejects.toMatchObject({ code: 'invalid_response' });
    });

    it('checks the input before sending anything', async () => {
      server.reply({ body: result });
      const client = createClient({ baseUrl: server.url });
      const error = await client.calendar
        .month('a1', { memberId: 'm1', month: '2026-13' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid_request', direction: 'request', endpoint: 'calendar' });
      await expect(client.bookings.submit('../admin', { changes })).rejects.toMatchObject({
        code: 'invalid_request',
      });
      await expect(client.bookings.submit('a1', { changes: [] })).rejects.toMatchObject({
        code: 'invalid_request',
      });
      expect(server.seen).toHaveLength(0);
    });

    it('rejects with the AbortError of an aborted signal, in flight or between retries', async () => {
      const client = createClient({ baseUrl: server.url });
      server.reply({ hang: true });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await expect(client.profile.get({ signal: controller.signal })).rejects.toMatchObject({
        name: 'AbortError',
      });

      // Retry-After asks for 5 s: ending well before proves the wait itself was cut short.
      server.reply({ status: 503, headers: { 'Retry-After': '5' } });
      const between = new AbortController();
      setTimeout(() => between.abort(new Error('left the page')), 100);
      const start = performance.now();
      await expect(client.profile.get({ signal: between.signal })).rejects.toThrow('left the page');
      expect(performance.now() - start).toBeLessThan(2500);
      expect(server.seen).toHaveLength(1);

      server.reply({ body: session });
      await expect(client.auth.session({ signal: AbortSignal.abort() })).rejects.toMatchObject({
        name: 'AbortError',
      });
      expect(server.seen).toHaveLength(0);
    });

    it('refuses a nonsense timeout or retry count', () => {
      expect(() => createClient({ timeout: 0 })).toThrow(RangeError);
      expect(() => createClient({ timeout: Number.POSITIVE_INFINITY })).toThrow(RangeError);
      expect(() => createClient({ retries: -1 })).toThrow(RangeError);
    });
  });

  describe('session', () => {
    it('keeps the token of a token login, sends it, and forgets it on logout', async () => {
      server.reply(
        { body: { ...session, token: 'gs_0123456789abcdef' } },
        { body: session },
        { status: 204 },
      );
      const client = createClient({ baseUrl: server.url });
      expect(client.token).toBeNull();
      const signedIn = await client.auth.login({ login: 'dupont', password: 'dupont-demo', mode: 'token' });
      expect(signedIn.token).toBe('gs_0123456789abcdef');
      expect(server.seen[0]!.headers.authorization).toBeUndefined();
      expect(server.seen[0]!.headers['content-type']).toBe('application/json');
      await client.auth.session();
      expect(server.seen[1]!.headers.authorization).toBe('Bearer gs_0123456789abcdef');
      await expect(client.auth.logout()).resolves.toBeUndefined();
      expect(server.seen[2]!.headers.authorization).toBe('Bearer gs_0123456789abcdef');
      expect(client.token).toBeNull();
    });

    it('sends the token it was given, until setToken changes it', async () => {
      server.reply({ body: session });
      const client = createClient({ baseUrl: `${server.url}/api/v1/`, token: 'gs_given_token' });
      await client.auth.session();
      client.setToken(null);
      await client.auth.session();
      client.setToken('gs_other_token');
      await client.auth.session();
      expect(server.seen.map((r) => r.headers.authorization)).toEqual([
        'Bearer gs_given_token',
        undefined,
        'Bearer gs_other_token',
      ]);
      expect(server.seen[0]!.url).toBe('/api/v1/auth/session');
      expect(server.seen[0]!.headers['accept-language']).toBe('fr');
      // Signing in does not carry the (maybe stale) token.
      server.reply({ body: session });
      await client.auth.login({ login: 'dupont', password: 'dupont-demo' });
      expect(server.seen[0]!.headers.authorization).toBeUndefined();
    });

    it('calls onUnauthorized on a 401 from a call that needs a session, not from login', async () => {
      const onUnauthorized = vi.fn();
      const client = createClient({ baseUrl: server.url, onUnauthorized });
      server.reply(
        problemReply(401, 'invalid_credentials', 'Identifiant ou mot de passe incorrect.', 'Wrong.'),
      );
      await expect(client.auth.login({ login: 'dupont', password: 'nope' })).rejects.toMatchObject({
        code: 'invalid_credentials',
        message: 'Identifiant ou mot de passe incorrect.',
      });
      expect(onUnauthorized).not.toHaveBeenCalled();
      server.reply(problemReply(401, 'session_expired', 'Votre session a expiré.', 'Expired.'));
      await expect(client.auth.session()).rejects.toMatchObject({ code: 'session_expired' });
      expect(onUnauthorized).toHaveBeenCalledOnce();
      expect(onUnauthorized.mock.calls[0]![0]).toMatchObject({ status: 401, code: 'session_expired' });
    });
  });

  describe('calls', () => {
    it('puts params in the path and the query in the search string', async () => {
      server.reply({
        body: { memberId: 'm1', month: '2026-04', activities: [], days: [], readOnly: false },
      });
      const client = createClient({ baseUrl: server.url });
      const month = await client.calendar.month('a1', {
        memberId: 'm1',
        month: '2026-04',
        activityId: 'act-9',
      });
      expect(month.readOnly).toBe(false);
      expect(server.seen[0]!.url).toBe(
        '/api/v1/accounts/a1/members/m1/calendar?month=2026-04&activityId=act-9',
      );
    });

    it('previews a basket with dryRun', async () => {
      server.reply({ body: { ...result, dryRun: true } });
      const client = createClient({ baseUrl: server.url });
      const recap = await client.bookings.preview('a1', { changes });
      expect(recap.dryRun).toBe(true);
      expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/accounts/a1/bookings' });
      expect(JSON.parse(server.seen[0]!.body)).toEqual({ changes, dryRun: true });
    });

    it('calls any endpoint by name through `call`', async () => {
      const history = {
        month: '2026-03',
        consumptions: [],
        payments: [],
        totals: { consumptions: 0, payments: 0 },
      };
      server.reply({ body: { items: [] } }, { body: history });
      const client = createClient({ baseUrl: server.url });
      await expect(client.call('adminActivities')).resolves.toEqual({ items: [] });
      await expect(client.history.month('a1', '2026-03')).resolves.toEqual(history);
      expect(server.seen.map((r) => r.url)).toEqual([
        '/api/v1/admin/activities',
        '/api/v1/accounts/a1/history?month=2026-03',
      ]);
    });

    it('follows next cursors through every page, and lets pages be read one by one', async () => {
      const pages = [
        { items: [reservation('r1'), reservation('r2')], next: 'c2' },
        { items: [reservation('r3')], next: 'c3' },
        { items: [reservation('r4')] },
      ];
      server.reply(...pages.map((body) => ({ body })));
      const client = createClient({ baseUrl: server.url });
      const list = client.reservations.list('a1', { status: 'accepted', limit: '2' });
      const ids: string[] = [];
      for await (const r of list) ids.push(r.id);
      expect(ids).toEqual(['r1', 'r2', 'r3', 'r4']);
      expect(server.seen.map((r) => r.url)).toEqual([
        '/api/v1/accounts/a1/reservations?status=accepted&limit=2',
        '/api/v1/accounts/a1/reservations?status=accepted&cursor=c2&limit=2',
        '/api/v1/accounts/a1/reservations?status=accepted&cursor=c3&limit=2',
      ]);

      server.reply(...pages.map((body) => ({ body })));
      const seenPages: number[] = [];
      for await (const page of list.pages()) {
        seenPages.push(page.items.length);
        if (page.next === 'c3') break; // stops fetching
      }
      expect(seenPages).toEqual([2, 1]);
      expect(server.seen).toHaveLength(2);

      server.reply({ body: pages[0] });
      await expect(list.first()).resolves.toMatchObject({ next: 'c2' });
    });

    it('stops a list whose cursor does not move', async () => {
      server.reply({ body: { items: [], next: 'same' } });
      const client = createClient({ baseUrl: server.url });
      const pages = client.admin.accounts.list({ q: 'dup' }).pages();
      await pages.next();
      await pages.next();
      await expect(pages.next()).rejects.toMatchObject({
        code: 'invalid_response',
        endpoint: 'adminAccounts',
      });
    });

    it('has a method for every endpoint of the auth, family and admin contract', async () => {
      const client = createClient({ baseUrl: server.url, retries: 0 });
      const activity = {
        name: 'ALSH',
        startTime: '09:00',
        endTime: '13:30',
        unitPrice: 475,
        walletKindId: 'k1',
      };
      const calls: [EndpointName, () => Promise<unknown>][] = [
        ['login', () => client.auth.login({ login: 'a', password: 'b' })],
        ['logout', () => client.auth.logout()],
        ['session', () => client.auth.session()],
        ['switchStructure', () => client.auth.switchStructure({ structureId: 's2' })],
        ['requestPasswordReset', () => client.auth.requestPasswordReset({ login: 'a', lang: 'en' })],
        [
          'resetPassword',
          () => client.auth.resetPassword({ token: 't'.repeat(20), password: 'p'.repeat(8) }),
        ],
        ['profile', () => client.profile.get()],
        ['updateProfile', () => client.profile.update({ email: 'a@b.fr' })],
        ['changePassword', () => client.profile.changePassword({ current: 'x', password: 'p'.repeat(8) })],
        ['account', () => client.accounts.get('a1')],
        ['calendar', () => client.calendar.month('a1', { memberId: 'm1', month: '2026-04' })],
        ['book', () => client.bookings.submit('a1', { changes })],
        ['reservations', () => client.reservations.list('a1').first()],
        ['wallets', () => client.wallets.get('a1')],
        ['history', () => client.history.month('a1', '2026-04')],
        ['adminActivities', () => client.admin.activities.list()],
        ['createActivity', () => client.admin.activities.create(activity)],
        ['updateActivity', () => client.admin.activities.update('act1', { unitPrice: 500 })],
        [
          'adminSlots',
          () => client.admin.slots.list({ activityId: 'act1', from: '2026-04-01', to: '2026-04-30' }),
        ],
        [
          'createSlots',
          () =>
            client.admin.slots.createBulk({
              activityId: 'act1',
              from: '2026-04-01',
              to: '2026-04-30',
              weekdays: [3],
              capacity: 10,
              waitingCapacity: 2,
              opensAt: '2026-03-01T08:00:00Z',
              deadlineDaysBefore: 2,
              deadlineTime: '12:00',
            }),
        ],
        ['adminAccounts', () => client.admin.accounts.list().first()],
        ['createAccount', () => client.admin.accounts.create({ holderName: 'DUPONT', email: null })],
        [
          'createMember',
          () => client.admin.members.create('a1', { firstName: 'A', lastName: 'B', birthDate: null }),
        ],
        [
          'recordPayment',
          () =>
            client.admin.payments.record({
              walletId: 'w1',
              receivedOn: '2026-04-01',
              mode: 'CH',
              pieceNumber: '123',
              payerName: 'DUPONT',
              bankName: 'Banque',
              amount: 1000,
            }),
        ],
        ['createNotice', () => client.admin.notices.create({ title: 'Vacances', body: 'Ouvert.' })],
        ['createApiKey', () => client.admin.apiKeys.create({ name: 'export' })],
      ];
      const covered = new Set(calls.map(([name]) => name));
      const required = (Object.keys(api) as EndpointName[]).filter((n) =>
        ['auth', 'family', 'admin'].includes(api[n].tag),
      );
      expect(required.filter((n) => !covered.has(n))).toEqual([]);

      server.reply({ status: 204 });
      for (const [name, run] of calls) {
        // 204 everywhere: endpoints that answer a body reject with invalid_response, after sending.
        await run().catch((e: unknown) =>
          expect(e).toMatchObject({ code: 'invalid_response', endpoint: name }),
        );
        const { method, path } = api[name];
        const seen = server.seen.at(-1)!;
        const expected = path
          .replace('{accountId}', 'a1')
          .replace('{memberId}', 'm1')
          .replace('{id}', 'act1');
        expect(`${seen.method} ${seen.url.split('?')[0]}`, name).toBe(`${method} /api/v1${expected}`);
        expect(seen.headers['idempotency-key'] !== undefined, name).toBe(api[name].idempotent === true);
      }
    });

    it('uses the fetch it is given', async () => {
      const seen: string[] = [];
      const client = createClient({
        baseUrl: 'http://guichet.test',
        fetch: (request) => {
          seen.push(`${request.method} ${request.url}`);
          return new Response(null, { status: 204 });
        },
      });
      await expect(client.auth.requestPasswordReset({ login: 'dupont' })).resolves.toBeUndefined();
      expect(seen).toEqual(['POST http://guichet.test/api/v1/auth/password-reset']);
    });
  });
});

/** A request as the test server saw it. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the test server answers one request. */
interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Never answer. */
  hang?: boolean;
  /** Close the connection without answering. */
  cut?: boolean;
  /** Send the status, the headers and one byte, then never finish the body. */
  hangBody?: boolean;
}

/**
 * A real HTTP server on 127.0.0.1 (no fetch mocks): answers with the queued replies in order,
 * repeating the last one, and records what it saw.
 */
async function replyServer() {
  const seen: Seen[] = [];
  let replies: Reply[] = [{ status: 204 }];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
      if (reply.hang) return;
      if (reply.cut) return void req.socket.destroy();
      const json = reply.body !== undefined && typeof reply.body !== 'string';
      const text = reply.body === undefined ? '' : json ? JSON.stringify(reply.body) : String(reply.body);
      res.writeHead(reply.status ?? 200, {
        ...(json ? { 'Content-Type': 'application/json' } : {}),
        ...reply.headers,
      });
      if (reply.hangBody) res.write(text.slice(0, 1) || ' ');
      else res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** Queues the replies to the next requests (the last one answers every later request). */
    reply(...next: Reply[]) {
      replies = next;
      seen.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A problem+json answer as the Guichet server sends it. */
function problemReply(status: number, code: string, fr: string, en: string, extra = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({
      type: `https://guichet.dev/problems/${code}`,
      title: en,
      status,
      code,
      messages: { fr, en },
      requestId: 'req-1',
      ...extra,
    }),
  };
}
