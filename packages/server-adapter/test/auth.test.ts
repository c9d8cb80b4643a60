import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { authenticate } from '../src/services/auth.js';
import type { Ctx } from '../src/services/context.js';
import { accountWithMembers } from '../src/services/family.js';
import { testClock, testServer } from './harness.js';

describe('auth', () => {
  const clock = testClock('2026-04-08T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    t = await testServer({ clock });
    await seedDemo(t.db, clock());
  });
  afterAll(() => t.close());

  it('signs in with a cookie, reads the session, signs out', async () => {
    const res = await t.guichet.fetch(
      new Request('http://guichet.test/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://guichet.test' },
        body: JSON.stringify({ login: 'dupont', password: 'dupont-demo' }),
      }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/guichet_session=gs_[\w-]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax/);
    const body = await res.json();
    expect(body.token).toBeUndefined();
    expect(body.memberships[0]).toMatchObject({ role: 'family', structureName: 'Mairie de CarteVille' });

    const sessionCookie = cookie.split(';')[0]!;
    const me = await t.call('GET', '/auth/session', { headers: { Cookie: sessionCookie } });
    expect(me.status).toBe(200);
    expect(me.body.user.login).toBe('dupont');
    // The family's children come with the session (login and restore), as the account lists them.
    const account = await t.call('GET', `/accounts/${body.memberships[0].accountId}`, {
      headers: { Cookie: sessionCookie },
    });
    expect(account.body.account.members.length).toBeGreaterThan(1);
    expect(body.members).toEqual(account.body.account.members);
    expect(me.body.members).toEqual(account.body.account.members);

    // A cross-site POST riding on the cookie is refused.
    const csrf = await t.call('POST', '/auth/logout', {
      headers: { Cookie: sessionCookie, Origin: 'https://evil.example' },
    });
    expect(csrf.status).toBe(403);
    expect(csrf.body.code).toBe('csrf_rejected');

    const out = await t.call('POST', '/auth/logout', {
      headers: { Cookie: sessionCookie, Origin: 'http://guichet.test' },
    });
    expect(out.status).toBe(204);
    const after = await t.call('GET', '/auth/session', { headers: { Cookie: sessionCookie } });
    expect(after.status).toBe(401);
  });

  it("reads a family's account and children with its session, as the account's own read gives them", async () => {
    const family = await authenticate(t.db, await t.login('dupont', 'dupont-demo'), clock());
    expect(family?.household?.account.id).toBe(family?.accountId);
    expect(family?.household?.members.length).toBeGreaterThan(1);
    expect(family?.roles).toEqual(['family']);
    const ctx = (principal: NonNullable<typeof family>) => ({ db: t.db, now: clock(), principal }) as Ctx;
    const fromSession = await accountWithMembers(ctx(family!), family!.accountId!);
    expect(fromSession).toBe(family!.household);
    // Read again from the store: the same account, children (same order) and debt state.
    expect(await accountWithMembers(ctx({ ...family!, household: null }), family!.accountId!)).toEqual(
      fromSession,
    );
    // Nobody else carries one; an admin still reads the account, and a family no other one.
    const admin = await authenticate(t.db, await t.login('admin', 'admin-demo'), clock());
    expect(admin?.household).toBeNull();
    expect(await accountWithMembers(ctx(admin!), family!.accountId!)).toEqual(fromSession);
    await expect(accountWithMembers(ctx(family!), 'acc-someone-else')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('counts a child whose birth date is unknown in the household, its calendar and the session', async () => {
    const token = await t.login('dupont', 'dupont-demo');
    const family = await authenticate(t.db, token, clock());
    const accountId = family!.accountId!;
    await t.db
      .insertInto('members')
      .values({
        id: 'mem-no-birth',
        account_id: accountId,
        first_name: 'Zoé',
        last_name: 'DUPONT',
        birth_date: null,
      })
      .execute();
    try {
      const again = await authenticate(t.db, token, clock());
      expect(again?.household?.members.map((m) => m.id)).toContain('mem-no-birth');
      const account = await t.call('GET', `/accounts/${accountId}`, { token });
      expect(again?.household?.members).toEqual(account.body.account.members);
      const session = await t.call('GET', '/auth/session', { token });
      expect(session.body.members).toEqual(account.body.account.members);
      const month = await t.call(
        'GET',
        `/accounts/${accountId}/members/mem-no-birth/calendar?month=2026-04`,
        {
          token,
        },
      );
      expect(month.status).toBe(200);
      expect(month.body.memberId).toBe('mem-no-birth');
    } finally {
      await t.db.deleteFrom('members').where('id', '=', 'mem-no-birth').execute();
    }
  });

  it('hands a bearer token for cross-origin pages', async () => {
    const res = await t.call('POST', '/auth/login', {
      body: { login: 'admin', password: 'admin-demo', mode: 'token' },
    });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^gs_/);
    expect(res.body.members).toBeUndefined(); // no family account
    const me = await t.call('GET', '/profile', { token: res.body.token });
    expect(me.body).toMatchObject({ login: 'admin' });
  });

  it('answers a declared origin with CORS and security headers, errors included', async () => {
    const token = await t.login('dupont', 'dupont-demo');
    const headers = { Origin: 'http://localhost:8080' };
    const ok = await t.call('GET', '/profile', { token, headers });
    const error = await t.call('GET', '/accounts/nobody', { token, headers });
    const other = await t.call('GET', '/profile', { token, headers: { Origin: 'https://evil.example' } });
    expect([ok.status, error.status, other.status]).toEqual([200, 404, 200]);
    for (const res of [ok, error]) {
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:8080');
      expect(res.headers.get('Access-Control-Expose-Headers')).toContain('Idempotent-Replayed');
      expect(res.headers.get('Vary')).toBe('Origin');
    }
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
    for (const res of [ok, error, other]) {
      expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
    expect(error.body.requestId ?? error.headers.get('X-Request-Id')).toBe(error.headers.get('X-Request-Id'));
  });

  it('refuses a wrong password with a problem in French and English', async () => {
    const res = await t.call('POST', '/auth/login', { body: { login: 'dupont', password: 'nope' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({
      code: 'invalid_credentials',
      messages: { fr: 'Identifiant ou mot de passe incorrect.', en: 'Wrong login or password.' },
    });
  });

  it('validates bodies and says which field is wrong', async () => {
    const res = await t.call('POST', '/auth/login', { body: { login: 3 } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.login', 'body.password']);
    const bad = await t.call('POST', '/auth/login', {
      body: '{"login":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.body.code).toBe('malformed_json');
    const text = await t.call('POST', '/auth/login', {
      body: 'x',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    // PostgreSQL text cannot hold U+0000: refused with the path to the string.
    const nul = await t.call('POST', '/auth/login', { body: { login: 'dup\u0000ont', password: 'x' } });
    expect(nul.status).toBe(422);
    expect(nul.body.errors).toEqual([{ path: 'body.login', message: 'NUL characters are not allowed' }]);
  });

  it('resets a password by a single-use expiring link, never mailing the password', async () => {
    const ask = await t.call('POST', '/auth/password-reset', { body: { login: 'dupont' } });
    expect(ask.status).toBe(202);
    const unknown = await t.call('POST', '/auth/password-reset', { body: { login: 'nobody' } });
    expect(unknown.status).toBe(202);
    const mail = await t.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('kind', '=', 'password_reset')
      .executeTakeFirstOrThrow();
    expect(mail.text_body).not.toContain('dupont-demo');
    const token = /token=([\w-]+)/.exec(mail.text_body)![1]!;
    const reset = await t.call('POST', '/auth/password-reset/confirm', {
      body: { token, password: 'nouveau-secret' },
    });
    expect(reset.status).toBe(204);
    const again = await t.call('POST', '/auth/password-reset/confirm', {
      body: { token, password: 'encore-autre' },
    });
    expect(again.body.code).toBe('reset_link_invalid');
    const login = await t.call('POST', '/auth/login', {
      body: { login: 'dupont', password: 'nouveau-secret', mode: 'token' },
    });
    expect(login.status).toBe(200);
  });

  it('serves the OpenAPI document of the contract', async () => {
    const res = await t.call('GET', '/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/accounts/{accountId}/bookings'].post.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
  });

  it('answers unknown API paths with a problem', async () => {
    const res = await t.call('GET', '/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
