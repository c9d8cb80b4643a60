import { connect } from 'node:net';
import { api, type Endpoint } from '@guichet/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { DemoIds } from '../../src/demo/seed.js';
import { seedDemo } from '../../src/demo/seed.js';
import { openApiDocument } from '../../src/http/openapi.js';
import { listen } from '../../src/node.js';
import { testServer } from '../harness.js';
import { record } from './figures.js';
import { SCALE } from './scale.js';
import { rowCounts, session } from './world.js';

/**
 * Hostile input generated from the OpenAPI document: for every operation, requests that are wrong
 * in one to three ways (types, missing and extra fields, huge and odd strings, numbers out of range,
 * impossible dates, malformed JSON, wrong content types, oversized bodies, junk in the path and the
 * query). Every answer must be below 500 and every error a problem+json with a `code`; no row of any
 * table may change. A request the contract would accept is not sent (it could legitimately write).
 */

// Tables a rejected request may still change, and why: the desk counts failed countermark look-ups
// (a GET of a random token is valid, finds nothing, and is counted: that is the rate limit working).
const MAY_CHANGE = new Set(['rate_limits']);

type Json = unknown;
type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  additionalProperties?: Schema | boolean;
};

/** mulberry32: a seeded generator, so that a failing run can be replayed with RELIABILITY_SEED. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'null',
  'undefined',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  "'; drop table accounts; --",
  // A template placeholder, as text.
  String.fromCharCode(36) + '{7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357a\u0300\u0301\u0302',
  '👨‍👩‍👧‍👦🏳️‍🌈'.repeat(50),
  'é'.normalize('NFD').repeat(300),
  '\r\nSet-Cookie: x=1',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '99999-01-01',
  '2026-2-3',
  '2026-02-29',
  '2026-04-31T25:61:00Z',
  '1e309',
  '-1',
  'NaN',
  '__proto__',
];
const ODD_NUMBERS = [
  -1,
  -0,
  0.5,
  -2147483649,
  2147483648,
  2 ** 53 + 2,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  1e-7,
];

function huge(r: Rng): string {
  const unit = r.pick(['a', 'é', '😀', '<b>', '\u0000', ' ']);
  return unit.repeat(r.pick([201, 1000, 10_000, 100_000]));
}

function oddValue(r: Rng): Json {
  switch (r.int(9)) {
    case 0:
      return r.pick(ODD_STRINGS);
    case 1:
      return r.pick(ODD_NUMBERS);
    case 2:
      return huge(r);
    case 3:
      return r.pick([null, true, false, {}, [], [null], { a: { b: { c: {} } } }]);
    case 4:
      return { __proto__: { admin: true }, constructor: { prototype: { polluted: 1 } } };
    case 5:
      return Array.from({ length: r.pick([0, 1, 500, 5000]) }, () => r.pick(ODD_STRINGS));
    case 6:
      return r.pick(['2026-02-30', '2026-13-01', '2026-00-10', '2025-02-29', '2026-06-31']);
    case 7:
      return String(r.pick(ODD_NUMBERS));
    default:
      return r.pick(ODD_STRINGS) + huge(r).slice(0, 300);
  }
}

/** A plausible value of a JSON schema (the baseline the mutations start from). */
function example(schema: Schema | undefined, name: string, ctx: Record<string, string>, r: Rng): Json {
  if (!schema) return 'x';
  if (schema.anyOf)
    return example(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0], name, ctx, r);
  if (schema.enum) return r.pick(schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [key, s] of Object.entries(schema.properties ?? {})) out[key] = example(s, key, ctx, r);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        example(schema.items, name, ctx, r),
      );
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 2, 2));
    case 'boolean':
      return r.chance(0.5);
    case 'string': {
      if (ctx[name]) return ctx[name];
      if (schema.format === 'date') return '2026-05-06';
      if (schema.format === 'date-time') return '2026-05-06T10:00:00+02:00';
      if (schema.format === 'email') return 'famille@example.fr';
      if (schema.pattern?.includes('(0[1-9]|1[0-2])')) return '2026-05';
      if (schema.pattern?.includes(':')) return '09:30';
      if (schema.pattern?.startsWith('^[A-Za-z0-9_-]')) return crypto.randomUUID();
      return 'Valeur';
    }
    default:
      return 'x';
  }
}

/** Paths inside a JSON value to the leaves and objects a mutation may hit. */
function paths(value: Json, prefix: string[] = []): string[][] {
  const out: string[][] = [prefix];
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function mutateAt(value: Json, path: string[], r: Rng): Json {
  if (path.length === 0) {
    const kind = r.int(3);
    if (kind === 0 && value && typeof value === 'object' && !Array.isArray(value)) {
      // Missing fields.
      const copy = { ...(value as Record<string, Json>) };
      const keys = Object.keys(copy);
      for (const k of keys) if (r.chance(0.5)) delete copy[k];
      return copy;
    }
    if (kind === 1 && value && typeof value === 'object' && !Array.isArray(value)) {
      // Extra fields, with the names prototype pollution tries.
      return JSON.parse(
        JSON.stringify({ ...(value as object), extra: oddValue(r) }).replace(
          /^\{/,
          '{"__proto__":{"isAdmin":true},',
        ),
      );
    }
    return oddValue(r);
  }
  if (!value || typeof value !== 'object') return value;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, Json> | Json[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  (copy as Record<string, Json>)[head] = mutateAt((value as Record<string, Json>)[head], rest, r);
  return copy;
}

const JUNK_SEGMENTS = [
  '%ZZ',
  '%',
  '%00',
  '..%2f..%2fetc',
  '%2e%2e',
  'a'.repeat(5000),
  '-1',
  '9999999999999999999999',
  '%F0%9F%98%80',
  '%C0%AF',
  "'%20OR%201=1",
  '%3Cscript%3E',
  'null',
  '%E2%80%AE',
  '~',
  '%20',
];

interface Probe {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Why it must be refused (or "read": a GET that may be valid). */
  kind: string;
}

function buildProbe(
  name: string,
  e: Endpoint,
  op: { requestBody?: { content: { 'application/json': { schema: Schema } } }; parameters?: Schema[] },
  tokens: Record<string, string>,
  ctx: Record<string, string>,
  r: Rng,
): Probe | null {
  const params: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const p of (op.parameters ?? []) as unknown as {
    name: string;
    in: string;
    schema: Schema;
    required?: boolean;
  }[]) {
    if (p.in === 'path') params[p.name] = String(example(p.schema, p.name, ctx, r));
    if (p.in === 'query' && (p.required || r.chance(0.5)))
      query[p.name] = String(example(p.schema, p.name, ctx, r));
  }
  let body: Json = op.requestBody
    ? example(op.requestBody.content['application/json'].schema, '', ctx, r)
    : undefined;
  let rawBody: string | undefined;
  let contentType = 'application/json';
  const kinds: string[] = [];
  const rawSegments: Record<string, string> = {};
  const mutations = 1 + r.int(3);
  for (let m = 0; m < mutations; m++) {
    const target = r.int(10);
    if (target < 5 && body !== undefined) {
      const all = paths(body);
      body = mutateAt(body, r.pick(all), r);
      kinds.push('body field');
    } else if (target === 5 && body !== undefined) {
      kinds.push('malformed JSON');
      rawBody = r.pick([
        '{',
        '{"a":1,}',
        "{'a':1}",
        '[1,2',
        'nul',
        '{"a":"\\u12"}',
        '\u0000',
        '{"a":1}{"b":2}',
        '{"a":NaN}',
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
        '\ufeff{}',
      ]);
    } else if (target === 6 && body !== undefined) {
      kinds.push('content type');
      contentType = r.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        '',
        'application/jsonx',
        'text/json',
      ]);
    } else if (target === 7 && body !== undefined) {
      kinds.push('oversized body');
      rawBody = JSON.stringify({ ...(typeof body === 'object' ? body : {}), pad: 'x'.repeat(1_100_000) });
    } else if (target === 8 && Object.keys(params).length) {
      kinds.push('path junk');
      rawSegments[r.pick(Object.keys(params))] = r.pick(JUNK_SEGMENTS);
    } else {
      kinds.push('query junk');
      const key =
        r.chance(0.7) && Object.keys(query).length
          ? r.pick(Object.keys(query))
          : r.pick(['month', 'from', 'until', 'cursor', 'limit', 'date', 'status']);
      query[key] = String(oddValue(r)).slice(0, 3000);
    }
  }

  // Would the contract accept it? Then it is not hostile: a GET may go (it reads), a write may not.
  const decoded: Record<string, string> = { ...params };
  let pathBroken = false;
  for (const [k, v] of Object.entries(rawSegments)) {
    try {
      decoded[k] = decodeURIComponent(v);
    } catch {
      pathBroken = true;
    }
  }
  // The server also refuses U+0000 in any string (PostgreSQL text cannot hold it).
  const ok = (s: z.ZodMiniType | undefined, v: unknown) =>
    !s || (z.safeParse(s, v).success && !JSON.stringify(z.safeParse(s, v).data ?? '').includes('\\u0000'));
  const bodyText = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  let bodyValid = e.body === undefined;
  if (e.body && rawBody === undefined && contentType === 'application/json') bodyValid = ok(e.body, body);
  const valid = !pathBroken && ok(e.params, decoded) && ok(e.query, query) && bodyValid;
  if (valid && e.method !== 'GET') return null;

  const path = e.path.replace(
    /\{(\w+)\}/g,
    (_, k: string) => rawSegments[k] ?? encodeURIComponent(params[k]!),
  );
  const search = new URLSearchParams(query).toString();
  const headers: Record<string, string> = {};
  const who = r.int(20);
  const token = who === 0 ? undefined : who === 1 ? 'gs_not-a-real-token-at-all' : tokens[name];
  if (token) headers.Authorization = `Bearer ${token}`;
  if (bodyText !== undefined && contentType) headers['Content-Type'] = contentType;
  if (e.idempotent && r.chance(0.3))
    headers['Idempotency-Key'] = r.pick(['k', 'x'.repeat(300), 'é', crypto.randomUUID()]);
  return {
    name,
    method: e.method,
    url: `/api/v1${path}${search ? `?${search}` : ''}`,
    headers,
    ...(bodyText !== undefined ? { body: bodyText } : {}),
    kind: valid ? 'read' : kinds.join('+'),
  };
}

describe('hostile input generated from the OpenAPI document', () => {
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  const tokens: Record<string, string> = {};
  let ctx: Record<string, string>;

  beforeAll(async () => {
    t = await testServer();
    ids = await seedDemo(t.db, new Date());
    const family = await session(t.db, ids.town, 'family', {
      accountId: ids.dupont.accountId,
      userId: ids.dupont.userId,
    });
    const adminTown = await session(t.db, ids.town, 'admin');
    const adminNetwork = await session(t.db, ids.cinema.network, 'admin');
    const referent = await session(t.db, ids.cinema.network, 'referent', {
      accountId: ids.cinema.centreAccountId,
    });
    const cashier = await session(t.db, ids.cinema.network, 'cashier', {
      venueIds: [ids.cinema.venues.ursulines, ids.cinema.venues.entrepot],
    });
    // Each endpoint gets a caller who may call it, so that the request reaches validation.
    for (const [name, e] of Object.entries(api) as [string, Endpoint][]) {
      const roles = e.roles as readonly string[];
      tokens[name] =
        roles.includes('family') || roles.includes('any')
          ? family.token
          : roles.includes('referent')
            ? referent.token
            : roles.includes('cashier')
              ? cashier.token
              : ['vouchers', 'desk', 'countermarks', 'venues', 'offers', 'cinema'].some((tag) =>
                    e.tag.includes(tag),
                  )
                ? adminNetwork.token
                : adminTown.token;
    }
    ctx = {
      accountId: ids.dupont.accountId,
      memberId: ids.dupont.antoine,
      venueId: ids.cinema.venues.ursulines,
      activityId: ids.activities.matin36,
      walletId: ids.dupont.wallets.periscolaire,
      structureId: ids.town,
      token: 'ZZZZZZ',
    };
  });
  afterAll(async () => {
    if (t.store.kind === 'postgres') {
      await t.store.close();
      await new Promise((r) => setTimeout(r, 300));
    }
    await t.close();
  });

  it(`${SCALE.hostileRequests} generated requests: no 5xx, every error a problem+json with a code, nothing written`, async () => {
    const seed = Number(process.env.RELIABILITY_SEED ?? 20261121);
    const r = rng(seed);
    const document = openApiDocument();
    const operations: [string, Endpoint, Record<string, unknown>][] = [];
    for (const [name, e] of Object.entries(api) as [string, Endpoint][]) {
      if (name === 'logout') continue; // no input to get wrong: any request to it is valid
      const op = (document.paths[e.path] as Record<string, Record<string, unknown>>)[e.method.toLowerCase()]!;
      operations.push([name, e, op]);
    }
    const before = await rowCounts(t.db);
    const failures: string[] = [];
    const byKind = new Map<string, number>();
    let sent = 0;
    let refused = 0;
    const send = async (probe: Probe) => {
      const res = await t.guichet.fetch(
        new Request(`http://guichet.test${probe.url}`, {
          method: probe.method,
          headers: probe.headers,
          ...(probe.body !== undefined ? { body: probe.body } : {}),
        }),
      );
      const text = await res.text();
      sent++;
      const type = res.headers.get('Content-Type') ?? '';
      let code: unknown;
      if (res.status >= 400) {
        refused++;
        try {
          const problem = JSON.parse(text) as { code?: unknown; status?: unknown };
          code = problem.code;
          if (problem.status !== res.status) throw new Error('status');
        } catch {
          code = undefined;
        }
      }
      const wrong =
        res.status >= 500 ||
        (res.status >= 400 && (!type.startsWith('application/problem+json') || typeof code !== 'string')) ||
        (probe.kind !== 'read' && res.status < 400);
      if (wrong && failures.length < 30)
        failures.push(
          `${probe.method} ${probe.url.slice(0, 160)} [${probe.kind}] -> ${res.status} ${type} ${text.slice(0, 200)}`,
        );
      if (wrong && failures.length >= 30) failures.push('…');
    };
    let i = 0;
    const queue: Probe[] = [];
    while (queue.length < SCALE.hostileRequests) {
      const [name, e, op] = operations[i++ % operations.length]!;
      const probe = buildProbe(name, e, op as never, tokens, ctx, r);
      if (!probe) continue;
      for (const k of probe.kind.split('+')) byKind.set(k, (byKind.get(k) ?? 0) + 1);
      queue.push(probe);
    }
    // A few callers at once, as a browser and a script would.
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < queue.length) await send(queue[next++]!);
      }),
    );
    const after = await rowCounts(t.db);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k] && !MAY_CHANGE.has(k));
    record({
      scenario: `hostile input: ${queue.length} requests from the OpenAPI document (seed ${seed})`,
      attempts: sent,
      successes: refused,
      violations: failures.length + changed.length,
      note: `successes = refused with problem+json; ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    });
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
    expect(sent).toBe(SCALE.hostileRequests);
  }, 600_000);

  it('over a real socket: huge bodies are cut short, broken HTTP gets a 4xx, the server keeps serving', async () => {
    const { server, url } = await listen(t.guichet, { port: 0 });
    const { port } = new URL(url);
    const raw = (request: string | Buffer[], wait = 5000) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        let answer = '';
        socket.on('data', (d) => {
          answer += d.toString();
        });
        socket.on('error', () => resolve(answer));
        socket.on('close', () => resolve(answer));
        socket.setTimeout(wait, () => {
          socket.destroy();
          resolve(answer);
        });
        const parts = typeof request === 'string' ? [Buffer.from(request)] : request;
        for (const p of parts) if (!socket.destroyed) socket.write(p);
      });
    const family = tokens.book!;
    const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
    try {
      const results: [string, number][] = [];
      // 20 MB chunked without Content-Length: refused without being read to the end.
      const chunk = Buffer.alloc(1 << 20, 'a');
      const started = Date.now();
      const chunked = await raw([
        Buffer.from(
          `POST /api/v1/accounts/${ids.dupont.accountId}/bookings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${family}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
        ),
        ...Array.from({ length: 20 }, () =>
          Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
        ),
        Buffer.from('0\r\n\r\n'),
      ]);
      results.push(['20 MB chunked body', statusOf(chunked)]);
      const elapsed = Date.now() - started;
      // A Content-Length that lies (bigger than the limit, nothing sent).
      results.push([
        'Content-Length 10^12',
        statusOf(
          await raw(
            `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\nConnection: close\r\n\r\n{}`,
            3000,
          ),
        ),
      ]);
      results.push(['request line junk', statusOf(await raw('GARBAGE / HTTP/9.9\r\n\r\n'))]);
      results.push([
        'header junk',
        statusOf(
          await raw(
            'GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\nBad Header\r\nConnection: close\r\n\r\n',
          ),
        ),
      ]);
      results.push([
        'bad percent-encoding',
        statusOf(
          await raw(
            `GET /api/v1/accounts/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${family}\r\nConnection: close\r\n\r\n`,
          ),
        ),
      ]);
      const alive = await fetch(`${url}/api/v1/openapi.json`);
      record({
        scenario: 'hostile input over a socket (huge, lying, broken HTTP)',
        attempts: results.length,
        successes: results.filter(([, s]) => s >= 400 && s < 500).length,
        violations: results.filter(([, s]) => s >= 500 || s === 0).length + Number(alive.status !== 200),
        note: results.map(([k, s]) => `${k} ${s}`).join(', '),
      });
      expect(Object.fromEntries(results)).toEqual({
        '20 MB chunked body': 413,
        'Content-Length 10^12': 413,
        'request line junk': 400,
        'header junk': 400,
        'bad percent-encoding': expect.any(Number),
      });
      expect(statusOf(results[4]![1] as never) || results[4]![1]).toBeLessThan(500);
      expect(results[4]![1]).toBeGreaterThanOrEqual(400);
      expect(elapsed).toBeLessThan(10_000);
      expect(alive.status).toBe(200);
    } finally {
      server.close();
    }
  });
});
