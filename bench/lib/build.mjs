// Builds what the bench runs, with esbuild into bench/.cache (no type check, so a teammate's
// unfinished types never stop a run): the server CLI as `npm start` runs it (bundled with its
// dependencies, scripts/cli-bundle.mjs), the server modules the harness calls (store, invariants,
// QR signing; their dependencies external, resolved from the root node_modules), and the browser
// page bundle. The workspace's own packages (`@guichet/sdk`) are bundled from their sources, so a
// fresh clone needs no build first.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleCli } from '../../scripts/cli-bundle.mjs';
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
  // As rollup's build makes it for `npm start`: bundled with its dependencies (scripts/cli-bundle.mjs).
  await bundleCli({ root: ROOT, outdir: 'bench/.cache/cli', extension: '.mjs' });
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
