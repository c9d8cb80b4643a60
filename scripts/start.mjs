// `npm start`: builds what is missing or stale, then runs the Guichet server on the embedded store
// (PGlite in ./data) with the demo data loaded on first start, serving the examples at `/`, the
// widgets bundle at `/widgets/`, the docs at `/docs/` and the API at `/api/v1`. Fast when already
// built: only file dates are compared. PORT, HOST, DATABASE_URL and PUBLIC_URL are honoured; other
// arguments go to `guichet serve` (`npm start -- --port 0`).
//   --build-only   build what is needed and stop (the end-to-end tests use it)
//   --no-docs      do not build the docs site when it is missing
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildExamples } from './build-examples.mjs';
import { SERVER_ENV, SERVER_NODE_FLAGS } from './server-flags.mjs';

const root = new URL('..', import.meta.url).pathname;
const OWN_FLAGS = ['--build-only', '--no-docs'];
const flags = process.argv.slice(2);

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

// What `npm run build` (rollup.config.mjs) makes and `serve --demo` needs.
const outputs = [
  'packages/sdk/dist/client/index.js',
  'packages/server-adapter/dist/cli.js',
  'packages/widgets/dist/guichet-widgets.js',
].map((f) => join(root, f));
const sources = ['packages/sdk/src', 'packages/widgets/src', 'packages/server-adapter/src'].map((d) =>
  newest(join(root, d)),
);
const built = outputs.every((f) => existsSync(f)) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
if (Math.max(...sources) > built) {
  console.log('[guichet] building the packages (first start or sources changed)...');
  const status = run('npx', ['rollup', '-c', '--silent']);
  if (status !== 0) process.exit(status);
}

if (await buildExamples()) console.log('[guichet] built the sdk bundle of the examples (examples/dist)');

if (!flags.includes('--no-docs') && !existsSync(join(root, 'docs/site/index.html'))) {
  console.log('[guichet] building the docs site (first start)...');
  // The docs are a nice-to-have for the demo: without them, /docs/ is simply not served.
  if (run('npm', ['run', '--silent', 'docs']) !== 0)
    console.warn('[guichet] the docs did not build; going on');
}

if (!flags.includes('--build-only')) {
  const cli = join(root, 'packages/server-adapter/dist/cli.js');
  const args = ['serve', '--demo', ...flags.filter((f) => !OWN_FLAGS.includes(f))];
  const server = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, cli, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...SERVER_ENV },
  });
  process.exit(server.status ?? 0);
}
