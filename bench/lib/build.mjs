// Builds what the bench runs, with esbuild into bench/.cache (no type check, so a teammate's
// unfinished types never stop a run): the server CLI as one file, the server modules the harness
// calls (store, invariants, QR signing), and the browser page bundle. Dependencies stay external
// and resolve from the root node_modules; the workspace's own packages (`@guichet/sdk`) are bundled
// from their sources, so a fresh clone needs no build first.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildCssLiterals } from '../../scripts/css-literals.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const CACHE = join(ROOT, 'bench/.cache');

function externals() {
  const deps = ['sdk', 'server-adapter'].flatMap((p) =>
    Object.keys(
      JSON.parse(readFileSync(join(ROOT, `packages/${p}/package.json`), 'utf8')).dependencies ?? {},
    ),
  );
  return deps.filter((d) => !d.startsWith('@guichet/')).flatMap((d) => [d, `${d}/*`]);
}

const SERVER = 'packages/server-adapter/src';

/** The CLI (`serve` as `npm start` runs it) and the harness's server modules. */
export async function buildServer() {
  mkdirSync(CACHE, { recursive: true });
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    tsconfig: join(ROOT, 'tsconfig.base.json'),
    external: externals(),
    logLevel: 'error',
    sourcemap: 'linked',
  };
  // Split as rollup's build keeps it (`npm start` runs dist/cli.js, one file a module): what the
  // CLI imports on demand (PGlite's code and its dialect, on a PostgreSQL store never) stays out
  // of the process until it is imported.
  rmSync(join(CACHE, 'cli'), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: [join(ROOT, SERVER, 'cli.ts')],
    outdir: join(CACHE, 'cli'),
    outExtension: { '.js': '.mjs' },
    splitting: true,
  });
  await build({
    ...common,
    stdin: {
      contents: `
        export { openStore } from './${SERVER}/store/store.ts';
        export { checkInvariants } from './${SERVER}/services/check.ts';
        export { qrPayload } from './${SERVER}/services/signing.ts';
        export { hashSecret } from './${SERVER}/services/passwords.ts';
        export { bookingReportMail } from './${SERVER}/mail/family-mails.ts';`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: join(CACHE, 'server.mjs'),
  });
  return { cli: join(CACHE, 'cli/cli.mjs'), server: join(CACHE, 'server.mjs') };
}

/**
 * The browser bundles: `render` (bench/lib/render-page.js: `<family-calendar>`, FullCalendar and
 * Cally) and `tag` (`<family-calendar>` alone, as a page embeds it), with splitting (the sdk client
 * chunk loads when an `api` attribute asks for it).
 */
export async function buildPages(outdir) {
  // Emptied first: chunk names change with their content, and an old chunk would be measured.
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: {
      render: join(ROOT, 'bench/lib/render-page.js'),
      tag: join(ROOT, 'packages/widgets/src/family-calendar/define.ts'),
    },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source'],
    tsconfig: join(ROOT, 'tsconfig.base.json'),
    outdir,
    logLevel: 'error',
    plugins: [esbuildCssLiterals()],
  });
}
