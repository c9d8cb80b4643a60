import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createGuichet, type Guichet, type GuichetOptions } from '../src/guichet.js';
import { openStore, type Store } from '../src/store/store.js';

/**
 * A fresh store for one test file: in-memory PGlite, or a new database on the PostgreSQL of
 * `DATABASE_URL` (dropped at the end), so suites never see each other's rows.
 */
export async function freshStore(): Promise<Store & { dispose(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const store = await openStore({ dataDir: 'memory://' });
    return { ...store, dispose: () => store.close() };
  }
  const name = `guichet_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: testUrl.toString(), poolSize: 20 });
  return {
    ...store,
    async dispose() {
      await store.close();
      // pg-pool resolves `end()` before its sockets are closed: retry the drop until they are,
      // rather than forcing it (which would kill them and surface as an unhandled 57P01).
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await drop.query(`drop database if exists ${name}`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await drop.end();
      }
    },
  };
}

/** A movable clock for tests. */
export function testClock(start: string) {
  let now = new Date(start);
  const clock = () => new Date(now);
  clock.set = (iso: string) => {
    now = new Date(iso);
  };
  clock.advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return clock;
}

/** A Guichet on a fresh store, and a `call` helper speaking JSON to its fetch handler. */
export async function testServer(options: Omit<GuichetOptions, 'store'> = {}) {
  const store = await freshStore();
  const guichet: Guichet = createGuichet({ ...options, store });
  await guichet.ready;
  const origin = 'http://guichet.test';
  async function call(
    method: string,
    path: string,
    init: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    const res = await guichet.fetch(
      new Request(`${origin}/api/v1${path}`, {
        method,
        headers,
        ...(init.body !== undefined
          ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
          : {}),
      }),
    );
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }
  /** Signs in with `mode: 'token'` and returns the bearer token (throws on a refusal). */
  async function login(name: string, password: string): Promise<string> {
    const res = await call('POST', '/auth/login', { body: { login: name, password, mode: 'token' } });
    if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${res.body?.code}`);
    return res.body.token as string;
  }
  return {
    guichet,
    store,
    db: store.db,
    call,
    login,
    async close() {
      await store.dispose();
    },
  };
}
