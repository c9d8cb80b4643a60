import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

// Widget suites run in Debian's Chromium (never a downloaded browser).
export default {
  files: ['packages/widgets/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'module', 'import', 'default'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } })],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
};
