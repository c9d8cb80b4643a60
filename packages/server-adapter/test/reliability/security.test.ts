import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS } from '../../src/services/login-throttle.js';
import { DESK_FAILURES, type RateLimit } from '../../src/services/rate-limit.js';
import type { Db } from '../../src/store/db.js';
import { testServer } from '../harness.js';
import {
  type Answer,
  call,
  freshDatabase,
  postgresAvailable,
  type ServerProcess,
  startServer,
} from './cluster.js';
import { record } from './figures.js';
import { FULL } from './scale.js';
import { seededStore, session } from './world.js';

/** Sets a failure count in the current window, as earlier failures would have. */
async function prefill(db: Db, key: string, count: number, limit: RateLimit) {
  const ms = limit.windowSeconds * 1000;
  // Not across a window's end: wait for the next window when this one closes in under 20 s.
  if (ms - (Date.now() % ms) < 20_000) await new Promise((r) => setTimeout(r, ms - (Date.now() % ms) + 100));
  if (count <= 0) return;
  const start = new Date(Math.floor(Date.now() / ms) * ms);
  await db.insertInto('rate_limits').values({ key, window_start: start, count }).execute();
}

/**
 * Guessing slowed across processes (logins, countermark look-ups), cookie sessions against
 * cross-site requests, sessions rotated on login, no secret in the logs, security headers.
 */
const up = await postgresAvailable();

describe.skipIf(!up)('two processes on one PostgreSQL: limits, sessions, logs and headers', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let world: Awaited<ReturnType<typeof seededStore>>;
  let servers: ServerProcess[];
  const pages = mkdtempSync(join(tmpdir(), 'guichet-pages-'));
  const secrets: string[] = ['admin-demo', 'dupont-demo', 'caisse-demo', 'centre-demo'];

  beforeAll(async () => {
    database = await freshDatabase();
    world = await seededStore(database.url);
    writeFileSync(join(pages, 'index.html'), '<!doctype html><title>Guichet</title><p>Bonjour</p>');
    servers = await Promise.all(
      [0, 1].map(() => startServer({ databaseUrl: database.url, args: ['--static', `/pages/=${pages}`] })),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all((servers ?? []).map((s) => s.stop()));
    await world?.store.close();
    await database?.drop();
    rmSync(pages, { recursive: true, force: true });
  });

  const login = (i: number, loginName: string, password: string, headers: Record<string, string> = {}) =>
    call(servers[i % 2]!.url, 'POST', '/auth/login', {
      body: { login: loginName, password, mode: 'token' },
      headers,
    });

  it('login failures are limited per account, across both processes: 429 with Retry-After', async () => {
    const max = LOGIN_FAILURES_PER_ACCOUNT.max;
    const answers: (Answer | null)[] = [];
    for (let i = 0; i < max; i++)
      answers.push(await login(i, 'dupont', `wrong-${i}`, { 'X-Forwarded-For': `198.51.100.${i}` }));
    // The right password, from a fresh address, on either process: still refused until the window ends.
    const blocked = [await login(0, 'dupont', 'dupont-demo'), await login(1, 'dupont', 'dupont-demo')];
    const other = await login(0, 'admin', 'admin-demo');
    secrets.push(other?.body?.token);
    record({
      scenario: `login rate limit per account (${max}/15 min), 2 processes`,
      attempts: answers.length + blocked.length,
      successes: blocked.filter((a) => a?.status === 429).length,
      violations:
        answers.filter((a) => a?.status !== 401).length +
        blocked.filter((a) => a?.status !== 429 || !Number(a.headers.get('Retry-After'))).length +
        Number(other?.status !== 200),
      note: 'successes = blocked with 429 + Retry-After',
    });
    expect(answers.map((a) => a?.status)).toEqual(Array(max).fill(401));
    for (const b of blocked) {
      expect(b?.status).toBe(429);
      expect(b?.body.code).toBe('rate_limited');
      expect(Number(b?.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(Number(b?.headers.get('Retry-After'))).toBeLessThanOrEqual(
        LOGIN_FAILURES_PER_ACCOUNT.windowSeconds,
      );
    }
    expect(other?.status).toBe(200); // another account is not locked out
  });

  it('login failures are limited per address, across both processes', async () => {
    const max = LOGIN_FAILURES_PER_ADDRESS.max;
    const from = { 'X-Forwarded-For': '203.0.113.50' };
    // Each failure costs a scrypt (~50 ms, more on a busy machine): the short run counts most of
    // them in advance, in the shared table, and makes the last four through the two processes.
    const real = FULL ? max : 4;
    await prefill(world.db, 'login:address:203.0.113.50', max - real, LOGIN_FAILURES_PER_ADDRESS);
    const answers: (Answer | null)[] = [];
    for (let i = 0; i < real; i++) answers.push(await login(i, `guess-${i}`, 'x', from));
    const blocked = await login(1, 'admin', 'admin-demo', from);
    const elsewhere = await login(0, 'admin', 'admin-demo', { 'X-Forwarded-For': '203.0.113.51' });
    secrets.push(elsewhere?.body?.token);
    record({
      scenario: `login rate limit per address (${max}/15 min), 2 processes`,
      attempts: answers.length + 2,
      successes: Number(blocked?.status === 429),
      violations:
        answers.filter((a) => a?.status !== 401).length +
        Number(blocked?.status !== 429) +
        Number(elsewhere?.status !== 200),
    });
    expect(answers.every((a) => a?.status === 401)).toBe(true);
    expect(blocked?.status).toBe(429);
    expect(Number(blocked?.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(elsewhere?.status).toBe(200);
  });

  it('failed countermark checks are limited per cashier and per address, across both processes', async () => {
    const cashier = await session(world.db, world.ids.cinema.network, 'cashier', {
      venueIds: [world.ids.cinema.venues.ursulines],
    });
    secrets.push(cashier.token);
    const check = (i: number, headers: Record<string, string>) =>
      call(servers[i % 2]!.url, 'GET', `/desk/countermarks/ZZZZ${String(i).padStart(2, '2')}`, {
        token: cashier.token,
        headers,
      });
    const answers: (Answer | null)[] = [];
    for (let i = 0; i < DESK_FAILURES.max; i++)
      answers.push(await check(i, { 'X-Forwarded-For': '192.0.2.1' }));
    const blocked = await check(DESK_FAILURES.max, { 'X-Forwarded-For': '192.0.2.2' });
    record({
      scenario: `countermark look-up failures (${DESK_FAILURES.max}/5 min), 2 processes`,
      attempts: answers.length + 1,
      successes: Number(blocked?.status === 429),
      violations: answers.filter((a) => a?.status !== 404).length + Number(blocked?.status !== 429),
    });
    expect(answers.map((a) => a?.status)).toEqual(Array(DESK_FAILURES.max).fill(404));
    expect(blocked?.status).toBe(429);
    expect(Number(blocked?.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('cookie sessions: rotated on login, refused for cross-site writes, closed by logout', async () => {
    const base = servers[0]!.url;
    const cookieLogin = async (fixation?: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: base,
          ...(fixation ? { Cookie: `guichet_session=${fixation}` } : {}),
        },
        body: JSON.stringify({ login: 'admin', password: 'admin-demo' }),
      });
      const setCookie = res.headers.get('Set-Cookie') ?? '';
      return { status: res.status, setCookie, token: /guichet_session=([^;]+)/.exec(setCookie)?.[1] ?? '' };
    };
    const planted = 'gs_planted-by-an-attacker-000000000000000';
    const first = await cookieLogin(planted);
    const second = await cookieLogin();
    secrets.push(first.token, second.token);
    expect(first.status).toBe(200);
    expect(first.token).not.toBe(planted);
    expect(first.token).not.toBe(second.token);
    expect(first.setCookie).toMatch(/HttpOnly/i);
    expect(first.setCookie).toMatch(/SameSite=Lax/i);
    expect(first.setCookie).toMatch(/Path=\//i);
    expect(first.setCookie).not.toContain(planted);

    const write = (headers: Record<string, string>) =>
      call(base, 'POST', '/admin/notices', {
        headers: { Cookie: `guichet_session=${first.token}`, ...headers },
        body: { title: 'Avis', body: 'Écrit avec le cookie.' },
      });
    const cases: [string, Record<string, string>, number][] = [
      ['other Origin', { Origin: 'https://evil.example' }, 403],
      ['null Origin', { Origin: 'null' }, 403],
      ['Sec-Fetch-Site cross-site', { 'Sec-Fetch-Site': 'cross-site' }, 403],
      ['Sec-Fetch-Site same-site', { 'Sec-Fetch-Site': 'same-site' }, 403],
      ['same Origin', { Origin: base }, 200],
      ['Sec-Fetch-Site same-origin', { 'Sec-Fetch-Site': 'same-origin' }, 200],
    ];
    const results: string[] = [];
    for (const [label, headers, expected] of cases) {
      const a = await write(headers);
      results.push(`${label}: ${a?.status}${a?.status === 403 ? ` ${a.body.code}` : ''}`);
      expect(a?.status, label).toBe(expected);
      if (expected === 403) expect(a?.body.code).toBe('csrf_rejected');
    }
    // A cross-site page may not read answers either: no CORS grant for an undeclared origin.
    const read = await call(base, 'GET', '/auth/session', {
      headers: { Cookie: `guichet_session=${first.token}`, Origin: 'https://evil.example' },
    });
    expect(read?.headers.get('Access-Control-Allow-Origin')).toBeNull();
    // The other session is untouched; logout closes this one on both processes.
    const out = await call(servers[1]!.url, 'POST', '/auth/logout', {
      headers: { Cookie: `guichet_session=${first.token}`, Origin: servers[1]!.url },
    });
    expect(out?.status).toBe(204);
    const after = await call(servers[0]!.url, 'GET', '/auth/session', { token: first.token });
    expect(after?.status).toBe(401);
    expect((await call(servers[0]!.url, 'GET', '/auth/session', { token: second.token }))?.status).toBe(200);
    record({
      scenario: 'cookie sessions: rotation, cross-site writes, logout',
      attempts: cases.length + 3,
      successes: cases.length + 3,
      violations: 0,
      note: results.join('; '),
    });
  });

  it('security headers on the API, its errors and the served pages', async () => {
    const base = servers[0]!.url;
    const api = await fetch(`${base}/api/v1/openapi.json`);
    const error = await fetch(`${base}/api/v1/nothing-here`);
    const page = await fetch(`${base}/pages/index.html`);
    const payments = await fetch(`${base}/payments/00000000-0000-0000-0000-000000000000/return`);
    for (const [label, res] of [
      ['api', api],
      ['api error', error],
      ['page', page],
      ['payment page', payments],
    ] as const) {
      expect(res.headers.get('X-Content-Type-Options'), label).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy'), label).toBe('no-referrer');
      const csp = res.headers.get('Content-Security-Policy') ?? '';
      expect(csp, label).toMatch(/frame-ancestors '(none|self)'/);
      expect(csp, label).not.toContain('unsafe-eval');
    }
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(error.headers.get('Content-Type')).toContain('application/problem+json');
  });

  it('no password, token or key ever appears in the servers’ logs', async () => {
    // An API key made and used, a reset asked for: their secrets must not be logged either.
    const admin = await login(0, 'admin', 'admin-demo');
    const key = await call(servers[1]!.url, 'POST', '/admin/api-keys', {
      token: admin?.body.token,
      body: { name: 'export' },
    });
    await call(servers[0]!.url, 'GET', '/admin/activities', { token: key?.body.key });
    await call(servers[0]!.url, 'POST', '/auth/password-reset', { body: { login: 'dupont' } });
    secrets.push(admin?.body.token, key?.body.key);
    const reset = await world.db
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('kind', '=', 'password_reset')
      .executeTakeFirst();
    const link = /token=(\S+)/.exec(reset?.text_body ?? '')?.[1];
    if (link) secrets.push(link);
    await new Promise((r) => setTimeout(r, 200));
    const logs = servers.map((s) => s.logs()).join('\n');
    const leaked = secrets.filter(Boolean).filter((s) => logs.includes(s));
    record({
      scenario: 'secrets in server logs (passwords, sessions, API key, reset link)',
      attempts: secrets.filter(Boolean).length,
      successes: secrets.filter(Boolean).length - leaked.length,
      violations: leaked.length,
      note: `${logs.length} bytes of logs searched`,
    });
    expect(logs).toContain('[guichet] serving on');
    expect(leaked).toEqual([]);
  });
});

describe('client addresses', () => {
  it('X-Forwarded-For is believed from a proxy on a private network, not from a client on the internet', async () => {
    const t = await testServer();
    try {
      await seedDemo(t.db, new Date());
      const attempt = (peer: string, forwarded: string) =>
        t.guichet.fetch(
          new Request('http://guichet.test/api/v1/auth/login', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwarded },
            body: JSON.stringify({ login: `nobody-${forwarded}`, password: 'x' }),
          }),
          { incoming: { socket: { remoteAddress: peer } } },
        );
      // A client on the internet tries a new forged address each time: its own address is counted.
      const real = 4;
      await prefill(
        t.db,
        'login:address:203.0.113.9',
        LOGIN_FAILURES_PER_ADDRESS.max - real,
        LOGIN_FAILURES_PER_ADDRESS,
      );
      for (let i = 0; i < real; i++) expect((await attempt('203.0.113.9', `10.9.0.${i}`)).status).toBe(401);
      expect((await attempt('203.0.113.9', '10.10.10.10')).status).toBe(429);
      // Behind a local proxy, the forwarded address is the client's.
      expect((await attempt('127.0.0.1', '198.51.100.77')).status).toBe(401);
      const keys = await t.db
        .selectFrom('rate_limits')
        .select('key')
        .where('key', 'like', 'login:address:%')
        .execute();
      expect(keys.map((k) => k.key).sort()).toEqual([
        'login:address:198.51.100.77',
        'login:address:203.0.113.9',
      ]);
    } finally {
      await t.close();
    }
  });
});
