import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { guichetServerPlugin } from './packages/widgets/test/wtr-guichet-plugin.mjs';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

// qr-code-styling and jsqr ship UMD only: bundlers convert them, the dev server does not. This
// serves them as ES modules whose default export is what a bundler's interop gives.
const UMD_PACKAGES = /\/node_modules\/(qr-code-styling|jsqr)\/.*\.js$/;
const umdAsEsm = {
  name: 'umd-as-esm',
  transform(context) {
    if (!UMD_PACKAGES.test(context.path)) return undefined;
    return {
      body: `const module = { exports: {} }; const exports = module.exports;\n${context.body}\nexport default module.exports && module.exports.__esModule ? module.exports.default : module.exports;\n`,
    };
  },
};

// Widget suites run in Debian's Chromium (never a downloaded browser). `*.server.test.ts` suites
// drive one real Guichet server for the whole run (in-memory store, demo data, in a child process)
// that guichetServerPlugin starts with the run; suites also write review screenshots (phone and
// desktop widths) to test-results/screenshots/widgets/.
export default {
  files: ['packages/widgets/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'module', 'import', 'default'] },
  plugins: [
    umdAsEsm,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    guichetServerPlugin(),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } })],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
};
