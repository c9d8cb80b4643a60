// Where the bytes of a budget entry come from: the bundling of bench/lib/sizes.mjs (`bundle`:
// esbuild, minified, es2022, `source` condition, splitting, lit included; here with source maps),
// then, for the chunks that load with the page, each source module's minified bytes and its gzip
// share. The share is what gzip -9 of the chunk saves when that module's output is cut out of it
// (found through the source map): what the module adds beyond the text it repeats from the rest of
// its chunk. Shares add up to less than the total: gzip also pays for each file and for what
// modules share. Run: node bench/size-breakdown.mjs [budget name…] (default: every budget).
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUDGETS, bundle } from './lib/sizes.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const widget = (tag) => join(ROOT, `packages/widgets/src/${tag}/define.ts`);
const gzip = (text) => gzipSync(text, { level: 9 }).length;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source index of every generated segment, as `{ line, column, source }` in output order. */
function segments(mappings) {
  const out = [];
  let source = 0;
  const lines = mappings.split(';');
  for (let line = 0; line < lines.length; line++) {
    let column = 0;
    for (const segment of lines[line].split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      out.push({ line, column, source: values.length > 1 ? source : -1 });
    }
  }
  return out;
}

/** Module name for people: `lit-html`, `sdk/rules/money.ts`, `widgets/family-calendar/…`. */
function label(path) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1];
  return path.replace(/^.*packages\/([^/]+)\/src\//, '$1/');
}

async function breakdown(tags) {
  const { result, eager } = await bundle(tags.map(widget), { sourcemap: true });
  const rows = new Map();
  let total = 0;
  for (const file of result.outputFiles) {
    if (file.path.endsWith('.map') || !eager(file)) continue;
    const map = JSON.parse(result.outputFiles.find((f) => f.path === `${file.path}.map`).text);
    const text = file.text;
    const full = gzip(text);
    total += full;
    // Output ranges of each source (a segment runs to the next one).
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
    const segs = segments(map.mappings);
    const ranges = new Map();
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i];
      if (s.source < 0) continue;
      const start = lineStarts[s.line] + s.column;
      const next = segs[i + 1];
      const end = next ? lineStarts[next.line] + next.column : text.length;
      const name = label(map.sources[s.source]);
      if (!ranges.has(name)) ranges.set(name, []);
      ranges.get(name).push([start, end]);
    }
    for (const [name, list] of ranges) {
      let without = '';
      let at = 0;
      let bytes = 0;
      for (const [start, end] of list) {
        without += text.slice(at, start);
        at = end;
        bytes += end - start;
      }
      without += text.slice(at);
      const row = rows.get(name) ?? { name, min: 0, gzip: 0 };
      row.min += bytes;
      row.gzip += full - gzip(without);
      rows.set(name, row);
    }
  }
  return { total, rows: [...rows.values()].sort((a, b) => b.gzip - a.gzip) };
}

const wanted = process.argv.slice(2);
for (const budget of BUDGETS.filter((b) => !wanted.length || wanted.includes(b.name))) {
  const { total, rows } = await breakdown(budget.tags);
  console.log(`\n${budget.name}: ${(total / 1000).toFixed(2)} kB gzip (budget ${budget.limit / 1000})`);
  console.log(`${'module'.padEnd(56)} ${'minified'.padStart(9)} ${'gzip share'.padStart(10)}`);
  for (const r of rows)
    console.log(`${r.name.padEnd(56)} ${String(r.min).padStart(9)} ${String(r.gzip).padStart(10)}`);
}
