#!/usr/bin/env node
// Runs the reliability suite (packages/server-adapter/test/reliability, docs/reliability.md) at full
// scale and prints one table of figures: attempts, successes and violations per scenario, then the
// access matrix. `--short` runs the version `npm test` runs. Extra arguments go to vitest (a file
// name to run one scenario).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const short = args.includes('--short');
const rest = args.filter((a) => a !== '--short');
const dir = mkdtempSync(join(tmpdir(), 'guichet-reliability-'));
const report = join(dir, 'figures.jsonl');

const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', '--project', 'reliability', ...rest], {
  stdio: 'inherit',
  env: { ...process.env, RELIABILITY_SCALE: short ? 'short' : 'full', RELIABILITY_REPORT: report },
});

let lines = [];
try {
  lines = readFileSync(report, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
} catch {
  // no figure recorded: vitest failed before any scenario ran
}
rmSync(dir, { recursive: true, force: true });

/** A plain-text table with right-aligned numbers. */
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const figures = lines.filter((l) => l.type === 'figure');
const isControl = (f) => f.scenario.startsWith('control');
console.log(
  `\nReliability figures (${short ? 'short' : 'full'} scale, ${Math.round((Date.now() - started) / 1000)} s)\n`,
);
console.log(
  table(
    ['scenario', 'attempts', 'successes', 'violations', 'note'],
    figures.map((f) => [f.scenario, f.attempts, f.successes, f.violations, f.note ?? '']),
  ),
);
for (const t of lines.filter((l) => l.type === 'table'))
  console.log(`\n${t.title}\n\n${table(t.header, t.rows)}`);

const broken = figures.filter((f) => (isControl(f) ? f.violations === 0 : f.violations > 0));
if (broken.length)
  console.log(`\n${broken.length} scenario(s) failed: ${broken.map((f) => f.scenario).join('; ')}`);
if (run.status)
  console.log('\nvitest reported failing tests (above): a scenario without its line did not finish.');
else if (!broken.length && figures.length)
  console.log('\nNo violation (the control is expected to show some: it proves the race is real).');
process.exit(run.status || (broken.length ? 1 : 0) || (figures.length ? 0 : 1));
