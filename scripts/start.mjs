// `npm start`: builds what is stale, then runs the Guichet server on the embedded store (PGlite in
// ./data) with the demo data loaded on first start. PORT, HOST and DATABASE_URL are honoured.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const cli = join(root, 'packages/server-adapter/dist/cli.js');
const sources = ['packages/sdk/src', 'packages/server-adapter/src'].map((d) => newest(join(root, d)));
if (!existsSync(cli) || Math.max(...sources) > statSync(cli).mtimeMs) {
  console.log('[guichet] building the packages (first start or sources changed)...');
  const build = spawnSync('npx', ['rollup', '-c', '--silent'], { cwd: root, stdio: 'inherit', env: { ...process.env } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const args = ['serve', '--demo', ...process.argv.slice(2)];
const server = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
process.exit(server.status ?? 0);
