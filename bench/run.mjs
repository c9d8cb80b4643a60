// `npm run bench`: bytes, rendering and server figures beside their peers and limits, measured in
// one run on this machine. Prints one table and writes bench/results.json, a list of
// { name, value, unit, target, pass, peer?, peerValue?, note? } (pass is null when a figure could
// not be measured). Method and latest table: docs/performance.md.
//
//   node bench/run.mjs [--quick] [--only sizes,render,server,pglite,growth] [--admin-url postgres://...]
//
// --quick: one run of 3 s per load (instead of three of 5 s), growth at 1,000 and 10,000 accounts only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildPages, buildServer, CACHE } from './lib/build.mjs';
import { launch, renderBench, staticServer, tagBench, tagPage } from './lib/render.mjs';
import { familyToken, seed, voucherNumbers } from './lib/seed.mjs';
import {
  bookingLoad,
  calendarLoad,
  embeddedFloor,
  familyPlan,
  httpFloor,
  rawBooking,
  rawDebit,
  startServer,
  voucherLoad,
} from './lib/server.mjs';
import { measureSizes } from './lib/sizes.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'sizes,render,server,pglite,growth' },
    'admin-url': {
      type: 'string',
      default: process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
    accounts: { type: 'string', default: '5000' },
  },
});
const ONLY = new Set(flags.only.split(','));
const QUICK = flags.quick;
const RUNS = QUICK ? 1 : 3;
const DURATION = QUICK ? 3 : 5;
// Seconds of unmeasured load of each kind before it is measured, on the server and on the raw
// loop alike: V8 optimizes the code a load runs as it goes (a booking load rose from 264 to 470
// baskets a second over its first 15 s while about 1,200 functions were optimized, then held),
// so a figure measured cold would mostly measure the compiler.
const WARMUP = QUICK ? 3 : 10;
const ACCOUNTS = Number(flags.accounts);
const GROWTH = QUICK ? [1000, 10000] : [1000, 10000, 100000];
const ROOT = new URL('..', import.meta.url).pathname;
const today = new Date().toISOString().slice(0, 10);
const months = [today.slice(0, 7), nextMonth(today.slice(0, 7))];

function nextMonth(ym) {
  const [y, m] = ym.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : null;
};
const log = (...args) => console.error('[bench]', ...args);

const results = [];
/** @param {{ name: string, value: number | null, unit: string, target: number | null, atMost?: boolean, peer?: string, peerValue?: number | null, note?: string }} r */
function record({ atMost = true, ...r }) {
  const pass =
    r.value === null || r.value === undefined || Number.isNaN(r.value)
      ? null
      : r.target === null
        ? true
        : atMost
          ? r.value <= r.target
          : r.value >= r.target;
  const row = { name: r.name, value: r.value ?? null, unit: r.unit, target: r.target, pass };
  if (r.target !== null) row.targetKind = atMost ? '<=' : '>=';
  if (r.peer) Object.assign(row, { peer: r.peer, peerValue: r.peerValue ?? null });
  if (r.note) row.note = r.note;
  results.push(row);
  log(`${row.name}: ${row.value === null ? 'missing' : round(row.value)} ${row.unit}`);
}
const round = (v) => (v === null ? null : v >= 100 ? Math.round(v) : Math.round(v * 100) / 100);

const noise = { cpus: cpus().length, loadBefore: loadavg().map(round) };
const admin = new pg.Client({ connectionString: flags['admin-url'] });
const databases = [];
const dbUrl = (name) => {
  const u = new URL(flags['admin-url']);
  u.pathname = `/${name}`;
  return u.toString();
};
async function createDb(label) {
  const name = `guichet_bench_${label}_${process.pid}`;
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  databases.push(name);
  return { name, url: dbUrl(name) };
}
async function dropDb(name) {
  await admin.query(`drop database if exists ${name} with (force)`);
  databases.splice(databases.indexOf(name), 1);
}
let port = 18_600 + (process.pid % 1000);
const nextPort = () => port++;

/** GET a member's month at 50 clients, `accounts` families, for `duration` seconds. */
const calendar = (url, accounts, duration) =>
  calendarLoad({ url, accounts, connections: 50, duration, months });

/**
 * The calendar loads of a freshly started server: its warm-up (which the memory peak counts), then
 * `RUNS` loads.
 */
async function calendarRuns(server) {
  server.resetPeak();
  await calendar(server.url, ACCOUNTS, WARMUP);
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push(await calendar(server.url, ACCOUNTS, DURATION));
  return loads;
}

const started = performance.now();
const cleanups = [];
let failure;
try {
  // ---- 1. bytes
  if (ONLY.has('sizes')) {
    log('sizes: bundling each entry alone (esbuild, minified, gzip -9)');
    const rows = await measureSizes();
    const fullCalendar = rows.find((r) => r.name === 'FullCalendar month view');
    for (const r of rows) {
      const missing = r.missing.length ? `missing: ${r.missing.join(', ')}` : '';
      const lazy = r.lazy ? `+${(r.lazy / 1000).toFixed(1)} kB lazy chunks` : '';
      record({
        name: `bytes: ${r.name}${r.peer ? ' (peer)' : ''}`,
        value: r.value === null ? null : r.value / 1000,
        unit: 'kB gzip',
        target: r.limit === null ? null : r.limit / 1000,
        ...(r.name === 'family-calendar' && fullCalendar
          ? { peer: fullCalendar.name, peerValue: fullCalendar.value / 1000 }
          : {}),
        note: [lazy, missing].filter(Boolean).join('; '),
      });
    }
  }

  const needServer = ['server', 'pglite', 'growth', 'render'].some((s) => ONLY.has(s));
  const { cli, server: serverModule } = needServer ? await buildServer() : {};
  const { openStore, checkInvariants, qrPayload, bookingReportMail } = needServer
    ? await import(serverModule)
    : {};
  const pagesDir = join(CACHE, 'pages');
  let statics;
  if (ONLY.has('render') || ONLY.has('server')) {
    await buildPages(pagesDir);
    statics = await staticServer(pagesDir, {
      '/render.html':
        '<!doctype html><html lang="fr"><body><div id="stage"></div><script type="module" src="/render.js"></script></body></html>',
    });
    cleanups.push(() => statics.close());
  }
  if (needServer) await admin.connect();
  let browser;
  if (ONLY.has('render')) {
    browser = await launch();
    cleanups.push(() => browser.close());
    // ---- 2. rendering from data in hand
    log('render: <family-calendar>, FullCalendar and Cally, interleaved in one page');
    const r = await renderBench(
      browser,
      statics.origin,
      QUICK ? { runs: 7, warmup: 2 } : { runs: 21, warmup: 4 },
    );
    const note = (ok) => (ok ? '' : 'the grid did not show the expected month');
    record({
      name: 'render: family-calendar month, data in hand → grid laid out',
      value: r.familyCalendar.first,
      unit: 'ms median',
      target: 8,
      peer: 'FullCalendar',
      peerValue: r.fullCalendar.first,
      note: [note(r.familyCalendar.ok), `Cally ${round(r.cally.first)} ms (no day states)`, ...r.errors]
        .filter(Boolean)
        .join('; '),
    });
    record({
      name: 'render: family-calendar PageDown → next month laid out',
      value: r.familyCalendar.next,
      unit: 'ms median',
      target: 8,
      peer: 'FullCalendar',
      peerValue: r.fullCalendar.next,
      note: [note(r.familyCalendar.ok), `Cally ${round(r.cally.next)} ms`].filter(Boolean).join('; '),
    });
  }

  // ---- 3. the server on PostgreSQL (and the tag-to-month render against it)
  const plan = familyPlan(today);
  if (ONLY.has('server')) {
    const db = await createDb('pg');
    log(`server/pg: seeding ${ACCOUNTS} accounts into ${db.name}`);
    const store = await openStore({ databaseUrl: db.url, poolSize: 2 });
    const seconds = await seed(store.db, {
      accounts: ACCOUNTS,
      today,
      origins: statics ? [statics.origin] : [],
    });
    const numbers = await voucherNumbers(store.db);
    const payloads = [];
    for (const number of numbers) payloads.push(await qrPayload(store.db, number));
    await store.close();
    log(`server/pg: seeded in ${seconds.toFixed(1)} s`);

    const server = await startServer({
      cli,
      port: nextPort(),
      data: mkdtempSync(join(tmpdir(), 'gb-')),
      env: { DATABASE_URL: db.url },
    });
    cleanups.push(() => server.stop());
    try {
      const calendars = await calendarRuns(server);
      const cal = calendars.at(-1);
      // The floor: one real answer of the endpoint, served again and again by a bare server.
      // Uncompressed, as the load asks for it (no Accept-Encoding; fetch would ask for gzip).
      const sample = await fetch(
        `${server.url}/api/v1/accounts/acc-7/members/mem-7-0/calendar?month=${months[0]}`,
        {
          headers: { authorization: `Bearer ${familyToken(7)}`, 'accept-encoding': 'identity' },
        },
      );
      const sampleBody = await sample.text();
      const floors = [];
      for (let i = 0; i < RUNS; i++)
        floors.push(
          await httpFloor({
            body: sampleBody,
            headers: Object.fromEntries(sample.headers),
            connections: 50,
            duration: DURATION,
            port: nextPort(),
          }),
        );
      // A floor that answers errors (headers that no longer match its body) is no floor.
      if (floors.some((f) => f.errors || f.non2xx))
        throw new Error(`the floor failed: ${JSON.stringify(floors)}`);
      record({
        name: 'server/pg: month calendar at 50 clients, p99',
        value: median(calendars.map((c) => c.p99)),
        unit: 'ms',
        target: 20,
        peer: 'same answer from a bare HTTP server (floor)',
        peerValue: median(floors.map((f) => f.p99)),
        note: `p50 ${round(median(calendars.map((c) => c.p50)))} ms, ${round(median(calendars.map((c) => c.rps)))} req/s (floor ${round(median(floors.map((f) => f.rps)))} req/s, ${round(sampleBody.length / 1000)} kB an answer); non-2xx ${cal.non2xx}, errors ${cal.errors}`,
      });

      // Bookings: HTTP on families [0, half), raw on [half, accounts): never the same child and slot.
      const half = Math.floor(ACCOUNTS / 2);
      let httpNext = 0;
      let rawNext = 0;
      const httpBaskets = (duration) =>
        bookingLoad({
          url: server.url,
          plan,
          from: 0,
          count: half,
          start: httpNext,
          connections: 64,
          duration,
        });
      const rawBaskets = (duration) =>
        rawBooking({
          databaseUrl: db.url,
          plan,
          from: half,
          count: ACCOUNTS - half,
          start: rawNext,
          connections: 64,
          duration,
          reportMail: bookingReportMail,
        });
      httpNext = (await httpBaskets(WARMUP)).next;
      rawNext = (await rawBaskets(WARMUP)).next;
      const http = [];
      const raw = [];
      for (let i = 0; i < RUNS; i++) {
        const h = await httpBaskets(DURATION);
        httpNext = h.next;
        http.push(h);
        const r = await rawBaskets(DURATION);
        rawNext = r.next;
        raw.push(r);
      }
      const httpLines = median(http.map((h) => h.linesPerSecond));
      const rawLines = median(raw.map((r) => r.linesPerSecond));
      record({
        name: 'server/pg: booking lines decided at 64 clients',
        value: httpLines,
        unit: 'lines/s',
        target: null,
        peer: 'raw locking transaction',
        peerValue: rawLines,
        note: `p99 ${round(median(http.map((h) => h.p99)))} ms a basket of 4 (raw ${round(median(raw.map((r) => r.p99)))} ms); non-2xx ${http.reduce((s, h) => s + h.non2xx, 0)}`,
      });
      // Each round's HTTP run and its raw run follow each other: their ratio is taken round by
      // round, so that a slower minute of the machine weighs on both sides of it.
      const ratios = http.map((h, i) => (100 * h.linesPerSecond) / raw[i].linesPerSecond);
      record({
        name: 'server/pg: booking, HTTP / raw limit',
        value: median(ratios),
        unit: '%',
        target: 50,
        atMost: false,
        note: `median of the rounds' ratios: ${ratios.map((r) => round(r)).join(' / ')} %`,
      });

      const vouchers = [];
      const rawDebits = [];
      await voucherLoad({ url: server.url, payloads, connections: 100, duration: WARMUP });
      await rawDebit({ databaseUrl: db.url, numbers, connections: 64, duration: WARMUP });
      for (let i = 0; i < RUNS; i++) {
        vouchers.push(await voucherLoad({ url: server.url, payloads, connections: 100, duration: DURATION }));
        // 64 connections: PostgreSQL allows 100 here and the server holds some (fewer clients
        // favour the raw figure: a closed loop's p99 grows with its clients).
        rawDebits.push(await rawDebit({ databaseUrl: db.url, numbers, connections: 64, duration: DURATION }));
      }
      record({
        name: 'server/pg: voucher debit at 100 cashiers, p99',
        value: median(vouchers.map((v) => v.p99)),
        unit: 'ms',
        target: 15,
        peer: 'raw one-statement debit (limit)',
        peerValue: median(rawDebits.map((r) => r.p99)),
        note: `p50 ${round(median(vouchers.map((v) => v.p50)))} ms, ${round(median(vouchers.map((v) => v.rps)))} req/s (raw ${round(median(rawDebits.map((r) => r.rps)))} debits/s, p50 ${round(median(rawDebits.map((r) => r.p50)))} ms, errors ${rawDebits.reduce((s, r) => s + r.errors, 0)}); non-2xx ${vouchers.reduce((s, v) => s + v.non2xx, 0)}`,
      });
      record({
        name: 'server/pg: RSS peak under the loads',
        value: server.peakRss() / 1e6,
        unit: 'MB',
        target: 120,
      });

      // ---- the tag on a page to the first month, against this server
      if (ONLY.has('render') && browser) {
        log('render: from the tag to the first month, real server on loopback');
        statics.setPage('/tag.html', tagPage(`${server.url}/api/v1`, today));
        const t = await tagBench(browser, statics.origin, {
          api: `${server.url}/api/v1`,
          token: (i) => familyToken((i * 131) % ACCOUNTS),
          runs: QUICK ? 5 : 11,
        });
        record({
          name: 'render: tag on a page → first month shown (real server, PostgreSQL)',
          value: t.median,
          unit: 'ms median',
          target: 150,
          note: `${t.runs} fresh page loads, cross-origin bearer mode (CORS preflights included); ${t.days} day buttons${t.errors.length ? `; ${t.errors[0]}` : ''}`,
        });
      }
    } finally {
      await server.stop();
    }
    const check = await openStore({ databaseUrl: db.url, poolSize: 2 });
    const violations = await checkInvariants(check.db);
    await check.close();
    record({
      name: 'server/pg: invariant violations after the runs (overbooking, counters, ledgers)',
      value: violations.length,
      unit: 'violations',
      target: 0,
      note: violations
        .slice(0, 3)
        .map((v) => `${v.kind} ${v.id}: ${v.detail}`)
        .join('; '),
    });
    const starts = [];
    for (let i = 0; i < RUNS; i++) {
      const s = await startServer({ cli, port: nextPort(), data: tmpdir(), env: { DATABASE_URL: db.url } });
      starts.push(s.startMs);
      await s.stop();
    }
    record({
      name: 'start: CLI serve → first answer (PostgreSQL, existing store)',
      value: median(starts),
      unit: 'ms',
      target: 3000,
    });
    await dropDb(db.name);
  }

  // ---- 4. the embedded store (PGlite), as `npm start` runs it
  if (ONLY.has('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-pglite-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    log(`server/pglite: seeding ${ACCOUNTS} accounts into ${dir}`);
    const store = await openStore({ dataDir: dir });
    const seconds = await seed(store.db, { accounts: ACCOUNTS, today });
    await store.close();
    log(`server/pglite: seeded in ${seconds.toFixed(1)} s`);
    const starts = [];
    for (let i = 0; i < RUNS; i++) {
      const s = await startServer({ cli, port: nextPort(), data: dir });
      starts.push(s.startMs);
      await s.stop();
    }
    record({
      name: 'start: CLI serve → first answer (PGlite, existing store, as npm start)',
      value: median(starts),
      unit: 'ms',
      target: 3000,
    });
    const server = await startServer({ cli, port: nextPort(), data: dir });
    try {
      const calendars = await calendarRuns(server);
      record({
        name: 'server/pglite: month calendar at 50 clients, p99',
        value: median(calendars.map((c) => c.p99)),
        unit: 'ms',
        target: 40,
        note: `p50 ${round(median(calendars.map((c) => c.p50)))} ms, ${round(median(calendars.map((c) => c.rps)))} req/s; non-2xx ${calendars.at(-1).non2xx}`,
      });
      const baskets = (start, duration) =>
        bookingLoad({ url: server.url, plan, from: 0, count: ACCOUNTS, start, connections: 64, duration });
      const h = await baskets((await baskets(0, WARMUP)).next, DURATION);
      record({
        name: 'server/pglite: booking lines decided at 64 clients',
        value: h.linesPerSecond,
        unit: 'lines/s',
        target: null,
        note: `p99 ${round(h.p99)} ms a basket; non-2xx ${h.non2xx}`,
      });
      const peak = server.peakRss();
      await server.stop();
      const floor = await embeddedFloor({ serverModule, dir, month: months[0] });
      record({
        name: 'server/pglite: RSS peak under the loads',
        value: peak / 1e6,
        unit: 'MB',
        target: 200,
        peer: 'PGlite alone, opened and queried (floor)',
        peerValue: floor === null ? null : floor / 1e6,
      });
    } finally {
      await server.stop();
    }
    const check = await openStore({ dataDir: dir });
    const violations = await checkInvariants(check.db);
    await check.close();
    record({
      name: 'server/pglite: invariant violations after the runs',
      value: violations.length,
      unit: 'violations',
      target: 0,
    });
  }

  // ---- 5. growth: the same figures as accounts grow (activities and slots stay)
  if (ONLY.has('growth')) {
    // Every size seeded and served first, then their loads interleaved round by round, so that
    // the machine's speed, which moves from minute to minute, hits every size alike (one size
    // after the other, a slower minute read as growth: 303 / 476 / 335 ms at 1,000 / 10,000 /
    // 100,000 accounts in one run).
    const sizes = [];
    for (const accounts of GROWTH) {
      const db = await createDb(`g${accounts}`);
      log(`growth: seeding ${accounts} accounts`);
      const store = await openStore({ databaseUrl: db.url, poolSize: 2 });
      const seconds = await seed(store.db, { accounts, today });
      await store.close();
      log(`growth: seeded ${accounts} in ${seconds.toFixed(1)} s`);
      const server = await startServer({
        cli,
        port: nextPort(),
        data: tmpdir(),
        env: { DATABASE_URL: db.url },
      });
      cleanups.push(() => server.stop());
      sizes.push({ accounts, seconds, server, calendars: [], bookings: [], next: 0 });
    }
    const baskets = (size, duration) =>
      bookingLoad({
        url: size.server.url,
        plan,
        from: 0,
        count: size.accounts,
        start: size.next,
        connections: 64,
        duration,
      }).then((b) => {
        size.next = b.next;
        return b;
      });
    // Shorter warm-ups: these figures are compared with each other, not with a limit.
    for (const size of sizes) {
      await calendar(size.server.url, size.accounts, 3);
      await baskets(size, 3);
    }
    for (let round = 0; round < RUNS; round++)
      for (let i = 0; i < sizes.length; i++) {
        const size = sizes[(i + round) % sizes.length];
        size.calendars.push(await calendar(size.server.url, size.accounts, DURATION));
        size.bookings.push(await baskets(size, DURATION));
      }
    const base = {};
    for (const { accounts, seconds, calendars, bookings } of sizes) {
      const p99 = median(calendars.map((x) => x.p99));
      const lines = median(bookings.map((x) => x.linesPerSecond));
      base.calendar ??= p99;
      base.booking ??= lines;
      const label = accounts.toLocaleString('en');
      record({
        name: `growth/pg: calendar p99 at ${label} accounts`,
        value: p99,
        unit: 'ms',
        target: round(base.calendar * 1.5),
        note: `flat = within 1.5× of the 1,000-account figure; ${round(median(calendars.map((x) => x.rps)))} req/s; seeded in ${seconds.toFixed(0)} s`,
      });
      record({
        name: `growth/pg: booking lines/s at ${label} accounts`,
        value: lines,
        unit: 'lines/s',
        target: round(base.booking / 1.5),
        atMost: false,
        note: `flat = within 1.5× of the 1,000-account figure; non-2xx ${bookings.reduce((n, b) => n + b.non2xx, 0)}`,
      });
    }
  }
} catch (error) {
  failure = error;
  console.error('[bench] stopped by an error:', error);
} finally {
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {});
  for (const name of [...databases]) await dropDb(name).catch(() => {});
  await admin.end().catch(() => {});
}

noise.loadAfter = loadavg().map(round);
noise.seconds = Math.round((performance.now() - started) / 1000);
const out = { machine: noise, quick: QUICK, at: new Date().toISOString() };
writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(CACHE, 'machine.json'), `${JSON.stringify(out, null, 2)}\n`);
printTable(results, noise);
process.exit(failure || results.some((r) => r.pass === false) ? 1 : 0);

function printTable(rows, machine) {
  const fmt = (v) => (v === null || v === undefined ? '—' : String(round(v)));
  const lines = rows.map((r) => [
    r.pass === null ? 'MISSING' : r.pass ? 'pass' : 'MISS',
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.target === null ? '' : `${r.targetKind === '>=' ? '≥' : '≤'} ${fmt(r.target)}`,
    r.peer ? `${r.peer}: ${fmt(r.peerValue)}` : '',
    r.note ?? '',
  ]);
  const head = ['', 'figure', 'value', 'target', 'peer', 'note'];
  const widths = head.map((h, i) =>
    Math.max(h.length, ...lines.map((l) => Math.min(l[i].length, i === 5 ? 200 : 80))),
  );
  const row = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(row(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(row(l));
  console.log(
    `\nMachine: ${machine.cpus} cores, load average ${machine.loadBefore.join(' / ')} before and ${machine.loadAfter.join(' / ')} after (1/5/15 min);` +
      ` ${machine.seconds} s. Times on a loaded machine are upper bounds; bytes are exact.`,
  );
}
