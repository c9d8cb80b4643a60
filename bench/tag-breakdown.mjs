// Where the time of "tag on a page → first month shown" goes, on a first visit: the page of the
// bench's tag row (bench/lib/render.mjs `tagPage`) against the real server (PostgreSQL store, 1,000
// accounts, warmed up), then two costs measured alone on fresh pages: the page's first `Intl`
// call and the import of the sdk client chunk. Medians; the machine's noise shows from run to run.
// Run: node bench/tag-breakdown.mjs [loads] [lang] (default 13 loads of the French page; `en` for
// an English page; needs PostgreSQL and Debian's Chromium as `npm run bench` does).
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildPages, buildServer, CACHE } from './lib/build.mjs';
import { launch, staticServer, tagPage } from './lib/render.mjs';
import { familyToken, seed } from './lib/seed.mjs';
import { startServer } from './lib/server.mjs';

const LOADS = Number(process.argv[2] ?? 13);
const LANG = process.argv[3] ?? 'fr';
const ACCOUNTS = 1000;
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const today = new Date().toISOString().slice(0, 10);
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : Number.NaN;
};

const pagesDir = join(CACHE, 'pages');
const [{ cli, server: serverModule }] = await Promise.all([buildServer(), buildPages(pagesDir)]);
const { openStore } = await import(serverModule);
const statics = await staticServer(pagesDir, { '/blank.html': '<!doctype html><title>x</title>' });
const admin = new pg.Client(ADMIN_URL);
await admin.connect();
const name = 'guichet_bench_tag_breakdown';
await admin.query(`drop database if exists ${name}`);
await admin.query(`create database ${name}`);
const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).href;
const store = await openStore({ databaseUrl, poolSize: 2 });
await seed(store.db, { accounts: ACCOUNTS, today, origins: [statics.origin] });
await store.close();
const server = await startServer({
  cli,
  port: 18600,
  data: mkdtempSync(join(tmpdir(), 'gtb-')),
  env: { DATABASE_URL: databaseUrl },
});
const browser = await launch();
try {
  const api = `${server.url}/api/v1`;
  // Warm: the row runs after the bench's loads, on a server whose code is optimized.
  for (let i = 0; i < 400; i++) {
    const headers = { authorization: `Bearer ${familyToken(i % ACCOUNTS)}` };
    await fetch(`${api}/auth/session`, { headers }).then((r) => r.text());
    await fetch(
      `${api}/accounts/acc-${i % ACCOUNTS}/members/mem-${i % ACCOUNTS}-0/calendar?month=${today.slice(0, 7)}`,
      {
        headers,
      },
    ).then((r) => r.text());
  }

  statics.setPage('/tag.html', tagPage(api, today, LANG));
  const context = await browser.createBrowserContext();
  const rows = [];
  for (let i = 0; i < LOADS + 2; i++) {
    const page = await context.newPage();
    await page.evaluateOnNewDocument(
      (key, token) => {
        sessionStorage.setItem(key, token);
        customElements.whenDefined('family-calendar').then(() => (window.definedAt = performance.now()));
      },
      `guichet:token:${new URL(api).origin}`,
      familyToken((i * 131) % ACCOUNTS),
    );
    await page.goto(`${statics.origin}/tag.html`, { waitUntil: 'domcontentloaded' });
    const row = await page.evaluate(async () => {
      const shown = await Promise.race([window.shown, new Promise((r) => setTimeout(() => r(null), 10_000))]);
      const entries = performance.getEntriesByType('resource');
      const entry = (part) => entries.find((e) => e.name.includes(part));
      const chunks = entries.filter((e) => e.name.includes('/chunk-'));
      return {
        'page arrived': performance.getEntriesByType('navigation')[0].responseEnd,
        'script asked': entry('/tag.js')?.startTime,
        'script arrived': entry('/tag.js')?.responseEnd,
        'its chunks asked': Math.min(...chunks.map((c) => c.startTime)),
        'page scripts loaded': Math.max(...chunks.map((c) => c.responseEnd)),
        'element defined': window.definedAt,
        'client chunks asked': entry('/connect-')?.startTime,
        'client chunks loaded': Math.max(
          ...entries.filter((e) => /\/(connect|client)-/.test(e.name)).map((e) => e.responseEnd),
        ),
        'session asked': entry('/auth/session')?.startTime,
        'session answered': entry('/auth/session')?.responseEnd,
        'month asked': entry('/calendar?')?.startTime,
        'month answered': entry('/calendar?')?.responseEnd,
        'month shown': shown?.at,
      };
    });
    if (i >= 2) rows.push(row);
    await page.close();
  }
  await context.close();
  console.log(`First visit, ${rows.length} page loads (ms from navigation, medians):`);
  for (const key of Object.keys(rows[0]))
    console.log(`  ${key.padEnd(24)} ${median(rows.map((r) => r[key])).toFixed(1)}`);

  const lazy = readdirSync(pagesDir).find((f) => f.startsWith('connect-'));
  const alone = [];
  for (let i = 0; i < 7; i++) {
    const page = await browser.newPage();
    await page.goto(`${statics.origin}/blank.html`);
    alone.push(
      await page.evaluate(async (file) => {
        let t = performance.now();
        new Intl.DateTimeFormat('fr-FR', { weekday: 'short' }).format(0);
        const intl = performance.now() - t;
        t = performance.now();
        new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' }).format(0);
        const intlAgain = performance.now() - t;
        t = performance.now();
        await import(`/${file}`);
        const imported = performance.now() - t;
        const files = performance
          .getEntriesByType('resource')
          .filter((e) => e.initiatorType !== 'navigation');
        const fetched =
          Math.max(...files.map((e) => e.responseEnd)) - Math.min(...files.map((e) => e.startTime));
        return { intl, intlAgain, imported, fetched };
      }, lazy),
    );
    await page.close();
  }
  const m = (k) => median(alone.map((a) => a[k])).toFixed(1);
  console.log(`Fresh pages, ${alone.length} (medians):`);
  console.log(`  first Intl.DateTimeFormat   ${m('intl')} ms (the next one: ${m('intlAgain')} ms)`);
  console.log(
    `  import of the lazy chunks    ${m('imported')} ms (connect and the sdk client), their download ${m('fetched')} ms`,
  );
} finally {
  await browser.close();
  await server.stop();
  await statics.close();
  await admin.query(`drop database if exists ${name}`);
  await admin.end();
}
