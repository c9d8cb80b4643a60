// `guichet`, the CLI `npm start` and deployments run (packages/server-adapter/dist/cli.js), bundled
// with its dependencies into one ES module (and the chunks it imports on demand). Node's module
// loader keeps a price for every module it loads, and kysely, zod, hono, pg and date-fns are
// hundreds of small ones: loaded from node_modules one by one, a PostgreSQL server sat at 81 MB
// resident when idle; bundled, at 73 (docs/performance.md). The package's other entries stay one
// file a module with their dependencies external, for integrators who bundle them themselves.
// Run by rollup.config.mjs (after the server-adapter package) and by the bench (bench/lib/build.mjs).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Left to node_modules: PGlite (its WebAssembly and data files are read from beside its own code;
 * imported only for the embedded store), nodemailer (imported when a mail is sent over SMTP) and
 * pg-native (pg's optional native driver, not installed).
 */
const CLI_EXTERNAL = ['@electric-sql/pglite', 'nodemailer', 'pg-native'];

/**
 * Bundles `packages/server-adapter/src/cli.ts` into `outdir` as `cli.<ext>` (`.js`, or `.mjs`
 * outside a `"type": "module"` package), our packages from their sources.
 * @param {{ root: string, outdir: string, extension?: string }} options
 */
export async function bundleCli({ root, outdir, extension = '.js' }) {
  // Chunk names change with their content: the last build's would stay beside the new ones.
  const dir = join(root, outdir);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir, { withFileTypes: true }))
    if (name.isFile() && /^cli-.*\.m?js(\.map)?$/.test(name.name)) rmSync(join(dir, name.name));
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'packages/server-adapter/src/cli.ts' },
    outdir,
    outExtension: { '.js': extension },
    chunkNames: 'cli-[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['source'],
    tsconfig: 'tsconfig.base.json',
    external: CLI_EXTERNAL.flatMap((name) => [name, `${name}/*`]),
    // The CommonJS dependencies (pg) call `require`, which an ES module does not have.
    banner: {
      js: "import { createRequire as __guichetRequire } from 'node:module';\nconst require = __guichetRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    legalComments: 'eof',
    logLevel: 'error',
  });
}
