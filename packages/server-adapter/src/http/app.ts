import { createHash, randomUUID } from 'node:crypto';
import { api, type Endpoint, type EndpointName } from '@guichet/sdk/schemas';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod/mini';
import type { Mailer } from '../mail/outbox.js';
import { authenticate } from '../services/auth.js';
import type { Ctx, GuichetConfig, Principal } from '../services/context.js';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import { compressNow, MIN_COMPRESSIBLE, preferredCoding } from './compression.js';
import type { Handler, Handlers, KeyClaim, Reply } from './handlers.js';
import { openApiDocument } from './openapi.js';
import { ProblemError, problem } from './problem.js';

export const SESSION_COOKIE = 'guichet_session';
const MAX_BODY_BYTES = 1_000_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AppDeps {
  db: Db;
  clock: () => Date;
  mailer: Mailer;
  config: GuichetConfig;
  handlers: Handlers;
}

/** The Hono app serving `/api/v1` from the sdk's contract and the given handlers. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const origins = allowedOrigins(deps.db);

  // Headers are set before the handler answers, so they go into the response it builds: one added
  // afterwards makes Hono rebuild the response around a stream of its body (a slow write).
  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId' as never, requestId as never);
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    // JSON is never a page: nothing may load from it or frame it (a page's handler sets its own
    // policy, which replaces this one).
    if (c.req.path.startsWith('/api/'))
      c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    await next();
  });

  // CORS: only the origins structures declare; bearer tokens, never cookies, cross-site.
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('Origin');
    const allowed = origin ? (await origins()).has(origin) : false;
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return c.body(null, 204);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin!,
        'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin!);
      c.header('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed');
      c.header('Vary', 'Origin');
    }
    await next();
  });

  // Built on first request, not at start-up (about 45 ms of JSON Schema generation).
  let document: string | undefined;
  app.get('/api/v1/openapi.json', (c) => {
    document ??= JSON.stringify(openApiDocument());
    return jsonAnswer(c, document, 200);
  });

  for (const [name, endpoint] of Object.entries(api) as [EndpointName, Endpoint][]) {
    const handler = deps.handlers[name] as Handler<Endpoint> | undefined;
    if (!handler) continue;
    const path = `/api/v1${endpoint.path.replace(/\{(\w+)\}/g, ':$1')}`;
    app.on(endpoint.method, path, (c) => serve(c, name, endpoint, handler, deps));
  }

  app.all('/api/*', () => {
    throw problem('not_found');
  });

  app.onError((err, c) => {
    const requestId = (c.get('requestId' as never) as string | undefined) ?? undefined;
    if (err instanceof ProblemError) return problemResponse(c, err, requestId);
    console.error(`[guichet] ${requestId} ${c.req.method} ${new URL(c.req.url).pathname}:`, err);
    return problemResponse(c, problem('internal'), requestId);
  });
  return app;
}

function problemResponse(c: Context, err: ProblemError, requestId?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  if (err.code === 'rate_limited' && typeof err.extra.retryAfter === 'number')
    headers['Retry-After'] = String(err.extra.retryAfter);
  return c.body(JSON.stringify(err.toProblem(requestId)), err.status as 400, headers);
}

async function serve(
  c: Context,
  name: EndpointName,
  endpoint: Endpoint,
  handler: Handler<Endpoint>,
  deps: AppDeps,
) {
  const now = deps.clock();
  const { principal, viaCookie } = await principalOf(c, deps.db, now, endpoint.roles.includes('public'));
  checkAccess(endpoint, principal, c.req.header('Authorization') !== undefined || viaCookie);
  if (viaCookie && !SAFE_METHODS.has(c.req.method)) checkSameOrigin(c);

  const input = {
    params: parse(endpoint.params, c.req.param(), 'params'),
    query: parse(endpoint.query, c.req.query(), 'query'),
    body: endpoint.body ? parse(endpoint.body, await readJson(c), 'body') : undefined,
  };

  let cookie: { set?: string; clear?: boolean } = {};
  const reply: Reply = {
    setSession: (token) => {
      cookie = { set: token };
    },
    clearSession: () => {
      cookie = { clear: true };
    },
  };
  // Work a handler asks to keep whatever the outcome, run once its transaction is over.
  const afterwards: ((db: Db) => Promise<unknown>)[] = [];
  const base = {
    now,
    principal,
    mailer: deps.mailer,
    config: deps.config,
    clientAddress: clientAddress(c),
    afterwards: (fn: (db: Db) => Promise<unknown>) => {
      afterwards.push(fn);
    },
  };
  const key = endpoint.idempotent ? idempotencyKey(c) : undefined;

  let status = 200;
  let body: string | null;
  let replayed = false;
  try {
    if (SAFE_METHODS.has(c.req.method)) {
      const result = await handler({ ...base, db: deps.db }, input as never, reply);
      body = result === undefined ? null : JSON.stringify(result);
    } else {
      // What the handler reads before its transaction opens (handlers.ts `Handler.prepare`).
      const prepared = handler.prepare
        ? await handler.prepare({ ...base, db: deps.db }, input as never)
        : undefined;
      const claim: KeyClaim | undefined =
        key === undefined
          ? undefined
          : {
              scope: `${principal?.userId ?? principal?.structureId ?? 'anonymous'}:${name}`,
              key,
              hash: createHash('sha256')
                .update(JSON.stringify([c.req.path, input]))
                .digest('base64url'),
            };
      // The write in one statement when nothing stands in its way (`Handler.attempt`).
      const done = handler.attempt
        ? await handler.attempt({ ...base, db: deps.db, prepared }, input as never, claim)
        : undefined;
      if (done !== undefined) body = done;
      else
        [status, body, replayed] = await withRetries(() =>
          deps.db.transaction().execute(async (trx) => {
            afterwards.length = 0; // a retried transaction asks again
            const ctx: Ctx = { ...base, db: trx, prepared };
            if (claim) {
              const first = await claimKey(trx, claim.scope, claim.key, claim.hash);
              if (first) return [first.status, first.body || null, true] as const;
              const result = await handler(ctx, input as never, reply);
              const text = result === undefined ? '' : JSON.stringify(result);
              const code = result === undefined ? 204 : 200;
              await keepAnswer(trx, claim.scope, claim.key, code, text);
              return [code, text || null, false] as const;
            }
            const result = await handler(ctx, input as never, reply);
            return [200, result === undefined ? null : JSON.stringify(result), false] as const;
          }),
        );
    }
  } finally {
    for (const fn of afterwards.splice(0)) {
      await fn(deps.db).catch((err) => console.error(`[guichet] after ${name}:`, err));
    }
  }

  if (cookie.set) {
    setCookie(c, SESSION_COOKIE, cookie.set, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.config.secureCookies,
      path: '/',
      maxAge: deps.config.sessionHours * 3600,
    });
  }
  if (cookie.clear) deleteCookie(c, SESSION_COOKIE, { path: '/' });
  if (replayed) c.header('Idempotent-Replayed', 'true');
  c.header('Cache-Control', 'no-store');
  if (body === null) return c.body(null, name === 'requestPasswordReset' ? 202 : 204);
  return jsonAnswer(c, body, status);
}

/** A JSON answer; the big answer of a read is compressed when the client accepts it. */
function jsonAnswer(c: Context, text: string, status: number) {
  // As bytes: Node writes a string body after the headers by joining the two into one string
  // first, then copying that into a buffer; a calendar's 27 kB answer was copied twice.
  const bytes = Buffer.from(text);
  // Reads only (a month, a list): a write's answer is small and may echo what was sent beside
  // what was not (BREACH).
  if (SAFE_METHODS.has(c.req.method) && bytes.byteLength >= MIN_COMPRESSIBLE) {
    c.header('Vary', 'Accept-Encoding', { append: true });
    const coding = preferredCoding(c.req.header('Accept-Encoding'));
    if (coding) {
      return c.body(compressNow(bytes, coding), status as 200, {
        'Content-Type': 'application/json',
        'Content-Encoding': coding,
      });
    }
  }
  return c.body(bytes, status as 200, { 'Content-Type': 'application/json' });
}

async function principalOf(
  c: Context,
  db: Db,
  now: Date,
  isPublic: boolean,
): Promise<{ principal: Principal | null; viaCookie: boolean }> {
  const header = c.req.header('Authorization');
  if (header) {
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
    const principal = match ? await authenticate(db, match[1]!, now) : null;
    // A stale token must not lock its holder out of public endpoints (login, password reset).
    if (!principal && !isPublic) throw problem('session_expired');
    return { principal, viaCookie: false };
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 200) return { principal: null, viaCookie: false };
  return { principal: await authenticate(db, token, now), viaCookie: true };
}

/**
 * The client's address: the peer of the socket, which @hono/node-server hands to the app as
 * `env.incoming` (Hono's `getConnInfo` reads the same; it is not imported so the app stays
 * runtime-neutral). The first hop of `X-Forwarded-For` is believed only from a proxy we can trust:
 * a peer on loopback or a private network, or no socket at all (the app mounted in another server,
 * which owns that check). A client on the internet cannot choose its address to dodge rate limits.
 */
function clientAddress(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress ?? null;
  const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
  if (forwarded && (peer === null || isPrivateAddress(peer))) return forwarded.slice(0, 100);
  return peer;
}

function isPrivateAddress(address: string): boolean {
  const v4 = address.replace(/^::ffff:/i, '');
  return (
    /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(v4) ||
    /^(::1$|f[cd][0-9a-f]{2}:)/i.test(address)
  );
}

function checkAccess(endpoint: Endpoint, principal: Principal | null, triedToSignIn: boolean) {
  if (endpoint.roles.includes('public')) return;
  if (!principal) throw problem(triedToSignIn ? 'session_expired' : 'unauthenticated');
  if (endpoint.roles.includes('any')) return;
  if (!principal.roles.some((r) => endpoint.roles.includes(r))) throw problem('forbidden');
}

// A cookie rides along with any cross-site request: state changes must come from our own origin.
function checkSameOrigin(c: Context) {
  const origin = c.req.header('Origin');
  const site = c.req.header('Sec-Fetch-Site');
  const own = new URL(c.req.url).origin;
  if (origin ? origin !== own : site !== undefined && site !== 'same-origin' && site !== 'none')
    throw problem('csrf_rejected');
}

function parse<S extends z.ZodMiniType | undefined>(schema: S, value: unknown, where: string) {
  if (!schema) return undefined;
  const result = z.safeParse(schema, value);
  if (result.success) {
    // PostgreSQL text cannot hold U+0000: refuse it here rather than fail in the query.
    const nul = nulPath(result.data);
    if (!nul) return result.data;
    throw problem('validation_failed', {
      errors: [{ path: [where, ...nul].join('.'), message: 'NUL characters are not allowed' }],
    });
  }
  throw problem('validation_failed', {
    errors: result.error.issues.slice(0, 50).map((i) => ({
      path: [where, ...i.path.map(String)].join('.'),
      message: i.message,
    })),
  });
}

/** The path to a string holding U+0000 in a parsed input, or null. */
function nulPath(value: unknown): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : null;
  if (value && typeof value === 'object')
    for (const key in value) {
      // The path is built on the way back from a hit only: every input goes through here.
      const found = nulPath((value as Record<string, unknown>)[key]);
      if (found) return [key, ...found];
    }
  return null;
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw problem('unsupported_media_type');
  const declared = c.req.header('Content-Length');
  if (Number(declared ?? 0) > MAX_BODY_BYTES) throw problem('payload_too_large');
  // The HTTP parser lets through no more than a declared length: such a body is read at once,
  // without the web stream the runtime would build for it. A chunked one is read up to the limit.
  const text = declared ? await c.req.raw.text() : await readLimited(c.req.raw.body, MAX_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw problem('malformed_json');
  }
}

/** The body as text, read no further than `max` bytes (a chunked body has no Content-Length). */
async function readLimited(body: ReadableStream<Uint8Array> | null, max: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw problem('payload_too_large');
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

function idempotencyKey(c: Context): string | undefined {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw problem('idempotency_key_invalid');
  return key;
}

/**
 * Takes the key for this request, or returns the first answer given under it. A concurrent
 * request with the same key waits on the row until the first commits, then replays its answer.
 */
async function claimKey(db: Db, scope: string, key: string, hash: string) {
  const [inserted] = await insertKey(db, scope, key, hash);
  if (inserted) return null;
  const [first] = await keptAnswer(db, scope, key);
  if (!first) throw new Error(`Idempotency key ${scope} ${key} neither new nor kept`);
  if (first.request_hash !== hash) throw problem('idempotency_key_reused');
  return first;
}

const insertKey = prepared((db, scope: string, key: string, hash: string) =>
  db
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: hash, status: 0, body: '' })
    .onConflict((oc) => oc.doNothing())
    .returning('key'),
);

const keptAnswer = prepared((db, scope: string, key: string) =>
  db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'body'])
    .where('scope', '=', scope)
    .where('key', '=', key),
);

const keepAnswer = prepared((db, scope: string, key: string, status: number, body: string) =>
  db.updateTable('idempotency_keys').set({ status, body }).where('scope', '=', scope).where('key', '=', key),
);

/** Retries a transaction that PostgreSQL aborted for a deadlock or a serialization failure. */
async function withRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt < 4 && (code === '40P01' || code === '40001')) continue;
      if (code === '23505') throw problem('conflict');
      throw err;
    }
  }
}

/** Origins declared by the structures, re-read every 30 seconds. */
function allowedOrigins(db: Db) {
  let cached: { at: number; set: Promise<Set<string>> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > 30_000) {
      const set = db
        .selectFrom('structures')
        .select('origins')
        .execute()
        .then((rows) => new Set(rows.flatMap((r) => r.origins)));
      cached = { at: Date.now(), set };
    }
    return cached.set;
  };
}
