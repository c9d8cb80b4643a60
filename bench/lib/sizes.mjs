// What each entry costs a page: bundled alone with everything it needs (lit, the sdk parts it
// uses), minified, gzipped (level 9). Element entries are packages/widgets/src/<tag>/define.ts;
// dynamic imports (the sdk client, the QR drawer, the scanner) become separate chunks, and the
// budget counts the entry chunk only (what the page pays before anything is used). Peers are
// bundled by the same esbuild call from their npm packages. Bytes are stable: `npm test`
// checks the budgets with this module (bench/budgets.test.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildCssLiterals } from '../../scripts/css-literals.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const widget = (tag) => join(ROOT, `packages/widgets/src/${tag}/define.ts`);

/** The elements of a family's pages (login, calendar, balances, history, suivi, notices). */
export const FAMILY_ELEMENTS = [
  'guichet-provider',
  'guichet-login',
  'family-calendar',
  'balance-table',
  'history-table',
  'reservation-list',
  'guichet-notices',
];

/** Budgets in bytes (1 kB = 1,000 bytes), gzip, entry chunk only. */
export const BUDGETS = [
  { name: 'family-calendar', tags: ['family-calendar'], limit: 25_000 },
  { name: 'balance-table', tags: ['balance-table'], limit: 20_000 },
  { name: 'family elements together', tags: FAMILY_ELEMENTS, limit: 35_000 },
  { name: 'voucher-card (before QR chunk)', tags: ['voucher-card'], limit: 12_000 },
  { name: 'countermark-checker (before scanner chunk)', tags: ['countermark-checker'], limit: 15_000 },
];

/** Peers bundled by the same script: a month calendar each. */
export const PEERS = [
  {
    name: 'FullCalendar month view',
    contents: `import { Calendar } from '@fullcalendar/core'; import dayGridPlugin from '@fullcalendar/daygrid';
      export function month(el, events) { const c = new Calendar(el, { plugins: [dayGridPlugin], initialView: 'dayGridMonth', events }); c.render(); return c; }`,
  },
  { name: "Lion's calendar", contents: `import '@lion/ui/define/lion-calendar.js';` },
  { name: 'Cally', contents: `import 'cally';` },
];

/**
 * Bundles entry files (or an entry module's source, `{ contents }`) as every figure is bundled, and
 * tells which output files load with the page: the entry chunks and the chunks they import
 * statically (code shared with a lazy chunk lands in one of those); the rest loads only when used.
 * `sourcemap` adds source maps beside the files, which stay as they are (for
 * bench/size-breakdown.mjs).
 * @param {string[] | { contents: string }} entries
 * @param {{ sourcemap?: boolean }} [options]
 * @returns {Promise<{ result: import('esbuild').BuildResult & { outputFiles: import('esbuild').OutputFile[] }, eager: (file: import('esbuild').OutputFile) => boolean }>}
 */
export async function bundle(entries, { sourcemap = false } = {}) {
  const result = await build({
    ...(Array.isArray(entries)
      ? { entryPoints: entries, entryNames: '[dir]/[name]' }
      : { stdin: { contents: entries.contents, resolveDir: ROOT, loader: 'js' }, entryNames: 'entry' }),
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    target: 'es2022',
    absWorkingDir: ROOT,
    outdir: join(ROOT, 'bench/.cache/sizes'), // nothing is written (write: false)
    conditions: ['source'],
    tsconfig: join(ROOT, 'tsconfig.base.json'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [esbuildCssLiterals()],
    ...(sourcemap ? { sourcemap: 'external' } : {}),
  });
  const outputs = result.metafile.outputs;
  const relative = (path) => path.slice(ROOT.length).replace(/^\//, '');
  const eager = new Set();
  const visit = (path) => {
    if (eager.has(path) || !outputs[path]) return;
    eager.add(path);
    for (const i of outputs[path].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  // A dynamically imported module is an entry point of its own in the metafile: not a root.
  const dynamic = new Set(
    Object.values(outputs).flatMap((o) =>
      o.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
    ),
  );
  for (const [path, output] of Object.entries(outputs))
    if (output.entryPoint && !dynamic.has(path)) visit(path);
  if (eager.size === 0) throw new Error('no entry chunk in the bundle');
  return { result, eager: (file) => eager.has(relative(file.path)) };
}

/**
 * The gzip bytes of what loads with the page and of the lazy chunks beside it (see `bundle`).
 * Element entries are given as files: `import './define.ts'` from a stub would be dropped, as the
 * widgets' package.json marks only `define.js` as having side effects.
 * @param {string[] | { contents: string }} entries
 */
export async function bundleSize(entries) {
  const { result, eager } = await bundle(entries);
  let entry = 0;
  let lazy = 0;
  for (const file of result.outputFiles) {
    const gzip = gzipSync(file.contents, { level: 9 }).length;
    if (eager(file)) entry += gzip;
    else lazy += gzip;
  }
  return { gzip: entry, lazy };
}

/**
 * Measures every budget and every peer. A tag whose define.ts does not exist yet is reported as
 * missing (value null), never a crash.
 * @returns {Promise<{ name: string, value: number | null, limit: number | null, lazy: number, missing: string[], peer: boolean }[]>}
 */
export async function measureSizes() {
  const rows = [];
  for (const budget of BUDGETS) {
    const missing = budget.tags.filter((tag) => !existsSync(widget(tag)));
    const present = budget.tags.filter((tag) => !missing.includes(tag));
    if (present.length === 0 || (budget.tags.length === 1 && missing.length)) {
      rows.push({ name: budget.name, value: null, limit: budget.limit, lazy: 0, missing, peer: false });
      continue;
    }
    try {
      const { gzip, lazy } = await bundleSize(present.map(widget));
      rows.push({ name: budget.name, value: gzip, limit: budget.limit, lazy, missing, peer: false });
    } catch (error) {
      rows.push({
        name: budget.name,
        value: null,
        limit: budget.limit,
        lazy: 0,
        missing: [...missing, `build failed: ${String(error.message ?? error).split('\n')[0]}`],
        peer: false,
      });
    }
  }
  for (const peer of PEERS) {
    try {
      const { gzip, lazy } = await bundleSize({ contents: peer.contents });
      rows.push({ name: peer.name, value: gzip, limit: null, lazy, missing: [], peer: true });
    } catch (error) {
      rows.push({ name: peer.name, value: null, limit: null, lazy: 0, missing: [String(error)], peer: true });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await measureSizes())
    console.log(
      `${r.name.padEnd(44)} ${r.value === null ? 'missing' : `${(r.value / 1000).toFixed(1)} kB`}` +
        `${r.limit ? ` / ${(r.limit / 1000).toFixed(0)} kB` : ''}${r.lazy ? ` (+${(r.lazy / 1000).toFixed(1)} kB lazy)` : ''}` +
        `${r.missing.length ? `  missing: ${r.missing.join(', ')}` : ''}`,
    );
}
