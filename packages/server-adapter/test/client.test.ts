import type { AddressInfo } from 'node:net';
import { createClient, type GuichetHttpError, isGuichetError } from '@guichet/sdk/client';
import { addDaysIso } from '@guichet/sdk/rules';
import type { BookingChange } from '@guichet/sdk/schemas';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DemoIds, seedDemo } from '../src/demo/seed.js';
import { testClock, testServer } from './harness.js';

/**
 * The sdk client against the real server over real HTTP: a Guichet on PGlite (or the PostgreSQL
 * of `DATABASE_URL`) behind a Node listener, no mocks. The client validates every answer with
 * the contract's schemas, so these calls also prove the server answers what the contract says.
 */
describe('sdk client against the server', () => {
  const clock = testClock('2026-04-08T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  let listener: ReturnType<typeof serve>;
  let baseUrl: string;

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
    listener = serve({ fetch: t.guichet.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => listener.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    await t.close();
  });

  it('refuses a wrong password with invalid_credentials, in French by default', async () => {
    const client = createClient({ baseUrl });
    const error = await client.auth
      .login({ login: 'dupont', password: 'nope', mode: 'token' })
      .catch((e) => e);
    expect(isGuichetError(error, 'GuichetHttpError')).toBe(true);
    expect(error).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      message: 'Identifiant ou mot de passe incorrect.',
    });
    expect((error as GuichetHttpError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(client.token).toBeNull();

    // A stale token does not stand in the way of signing in again.
    const stale = createClient({ baseUrl, token: 'gs_stale_token_from_yesterday' });
    await expect(stale.auth.session()).rejects.toMatchObject({ code: 'session_expired' });
    await stale.auth.login({ login: 'dupont', password: 'dupont-demo', mode: 'token' });
    await expect(stale.auth.session()).resolves.toMatchObject({ user: { login: 'dupont' } });

    const english = createClient({ baseUrl, lang: 'en' });
    await expect(english.auth.login({ login: 'dupont', password: 'nope' })).rejects.toThrow(
      'Wrong login or password.',
    );
  });

  it('signs in with a token, reads the session and the profile, signs out', async () => {
    const onUnauthorized = vi.fn();
    const client = createClient({ baseUrl, onUnauthorized });
    const session = await client.auth.login({ login: 'dupont', password: 'dupont-demo', mode: 'token' });
    expect(session.token).toMatch(/^gs_/);
    expect(client.token).toBe(session.token);

    const again = await client.auth.session();
    expect(again.user.login).toBe('dupont');
    expect(again.token).toBeUndefined();
    expect(again.memberships[0]).toMatchObject({
      role: 'family',
      structureName: 'Mairie de CarteVille',
      accountId: ids.dupont.accountId,
    });
    await expect(client.profile.get()).resolves.toMatchObject({ login: 'dupont' });

    const token = client.token!;
    await client.auth.logout();
    expect(client.token).toBeNull();
    await expect(client.auth.session()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    // The old token is dead on the server too.
    client.setToken(token);
    await expect(client.profile.get()).rejects.toMatchObject({ code: 'session_expired' });
    expect(onUnauthorized).toHaveBeenCalledTimes(2);
  });

  it('reads a family home, a calendar month, previews and sends a basket', async () => {
    const client = createClient({ baseUrl });
    await client.auth.login({ login: 'dupont', password: 'dupont-demo', mode: 'token' });
    const accountId = ids.dupont.accountId;
    const matin = ids.activities.matin36;
    const { holiday } = ids;

    const home = await client.accounts.get(accountId);
    const antoine = home.account.members.find((m) => m.firstName === 'Antoine')!;
    expect(antoine.id).toBe(ids.dupont.antoine);

    const month = await client.calendar.month(accountId, {
      memberId: antoine.id,
      month: holiday.from.slice(0, 7),
      activityId: matin,
    });
    const stateOf = (date: string) => month.days.find((d) => d.date === date)?.state;
    expect(month.activities.map((a) => a.name)).toEqual(['ALSH 3-6 ans Matin']);
    expect(stateOf(holiday.from)).toBe('open');
    expect(stateOf(holiday.fullDay)).toBe('full');

    const changes: BookingChange[] = [
      { op: 'add', memberId: antoine.id, activityId: matin, date: holiday.from },
      { op: 'add', memberId: antoine.id, activityId: matin, date: addDaysIso(holiday.from, 1) },
    ];
    const recap = await client.bookings.preview(accountId, { changes });
    expect(recap.dryRun).toBe(true);
    expect(recap.recap.totals).toEqual({ additions: 950, cancellations: 0, net: 950 });
    expect(recap.lines.map((l) => l.outcome)).toEqual(['accepted', 'accepted']);

    // Sent twice under one key (a retry after a lost answer): booked once, same answer.
    const sent = await client.bookings.submit(accountId, { changes }, { idempotencyKey: 'client-test-1' });
    expect(sent.lines.map((l) => l.outcome)).toEqual(['accepted', 'accepted']);
    const replay = await client.bookings.submit(accountId, { changes }, { idempotencyKey: 'client-test-1' });
    expect(replay).toEqual(sent);
    const fresh = await client.bookings.submit(accountId, { changes });
    expect(fresh.lines.map((l) => l.reason)).toEqual(['already_booked', 'already_booked']);

    const booked: string[] = [];
    for await (const r of client.reservations.list(accountId, { from: holiday.from, limit: '1' })) {
      if (r.status === 'accepted') booked.push(r.date);
    }
    expect(booked).toEqual(expect.arrayContaining([holiday.from, addDaysIso(holiday.from, 1)]));

    const wallets = await client.wallets.get(accountId, { until: holiday.to });
    expect(wallets.totals.reservations).toBeGreaterThanOrEqual(950);
    const history = await client.history.month(accountId, '2026-03'); // the seed's month of history
    expect(history.consumptions.length + history.payments.length).toBeGreaterThan(0);
  });

  it("reads another family's account as not found", async () => {
    const client = createClient({ baseUrl });
    await client.auth.login({ login: 'dupont', password: 'dupont-demo', mode: 'token' });
    await expect(client.accounts.get(ids.martin.accountId)).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'Introuvable.',
    });
  });

  it('drives the admin endpoints', async () => {
    const client = createClient({ baseUrl });
    await client.auth.login({ login: 'admin', password: 'admin-demo', mode: 'token' });
    const { items } = await client.admin.activities.list();
    expect(items.map((a) => a.name)).toContain('ALSH 3-6 ans Matin');
    const holders: string[] = [];
    for await (const account of client.admin.accounts.list()) holders.push(account.holderName);
    expect(holders.some((h) => h.includes('DUPONT'))).toBe(true);
    // A family may not.
    const family = createClient({ baseUrl });
    await family.auth.login({ login: 'dupont', password: 'dupont-demo', mode: 'token' });
    await expect(family.admin.activities.list()).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});
