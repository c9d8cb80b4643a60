// Bundles the sdk client for the example pages that use it without the widgets (examples/admin):
// a browser cannot import its bare specifiers (ky, zod/mini), and an import map would be an inline
// script, which the pages' Content-Security-Policy forbids. Writes examples/dist/guichet-sdk.js
// (served at /sdk/guichet-sdk.js); does nothing when it is newer than the sdk's sources.
// Usage: node scripts/build-examples.mjs [--force]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outfile = join(root, 'examples/dist/guichet-sdk.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the bundle if it is missing or older than the sdk sources; true when it built. */
export async function buildExamples({ force = false } = {}) {
  const stale =
    force || !existsSync(outfile) || newest(join(root, 'packages/sdk/src')) > statSync(outfile).mtimeMs;
  if (!stale) return false;
  await build({
    entryPoints: [join(root, 'packages/sdk/src/client/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    // The sdk's TypeScript sources, as the workspace's `source` condition gives them.
    conditions: ['source'],
    outfile,
    logLevel: 'warning',
  });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildExamples({ force: process.argv.includes('--force') });
  console.log(built ? `[guichet] built ${outfile}` : '[guichet] examples/dist is up to date');
}
