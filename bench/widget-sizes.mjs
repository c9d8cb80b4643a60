// Measures what each family widget costs a page: its define.ts bundled with lit and the sdk
// parts it uses, minified and gzipped. The sdk client is a separate chunk, loaded only by a lone
// widget with an `api` attribute (never under a provider or with `.data`); so are qr-code-styling
// (voucher-card) and jsQR (voucher-scanner, countermark-checker: only when the camera is used).
// Budget: balance-table <= 20 kB gzip with lit. Run: node bench/widget-sizes.mjs
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildCssLiterals } from '../scripts/css-literals.mjs';

const WIDGETS = [
  'guichet-provider',
  'guichet-login',
  'balance-table',
  'history-table',
  'reservation-list',
  'guichet-notices',
  'voucher-card',
  'voucher-balance',
  'voucher-scanner',
  'countermark-checker',
  'screening-request',
];

for (const name of WIDGETS) {
  const result = await build({
    entryPoints: [`packages/widgets/src/${name}/define.ts`],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir: `/tmp/guichet-widget-sizes/${name}`,
    conditions: ['source'],
    tsconfig: 'tsconfig.base.json',
    write: false,
    logLevel: 'error',
    plugins: [esbuildCssLiterals()],
  });
  const sizes = result.outputFiles.map((f) => ({
    file: f.path.split('/').pop(),
    gzip: gzipSync(f.contents).length,
  }));
  const main = sizes.find((s) => s.file === 'define.js');
  const lazy = sizes.filter((s) => s !== main).reduce((sum, s) => sum + s.gzip, 0);
  console.log(
    `${name.padEnd(18)} ${(main.gzip / 1024).toFixed(1)} kB gzip  (+ ${(lazy / 1024).toFixed(1)} kB lazy: client, QR)`,
  );
}
