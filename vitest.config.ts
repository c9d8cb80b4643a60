import { defineConfig } from 'vitest/config';

// Node suites: the sdk and the server. Widgets run in Chromium (web-test-runner.config.mjs).
// The `source` condition makes workspace packages resolve to their TypeScript sources.
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'default'], externalConditions: ['source'] } },
  test: {
    projects: [
      { extends: true, test: { name: 'sdk', include: ['packages/sdk/src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['packages/server-adapter/src/**/*.test.ts', 'packages/server-adapter/test/**/*.test.ts'],
          exclude: ['packages/server-adapter/test/reliability/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Races, crashes, hostile input and access (docs/reliability.md): the short version by
        // default, after the other projects and one file at a time, as they start server processes.
        extends: true,
        test: {
          name: 'reliability',
          include: ['packages/server-adapter/test/reliability/**/*.test.ts'],
          env: { RELIABILITY_SCALE: process.env.RELIABILITY_SCALE ?? 'short' },
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Real Chromium driving the pages of `guichet serve --demo` (docs/examples.md): run by
        // `npm run test:e2e`, after the browser suites; it builds what is missing and starts the server.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      // Byte budgets of the widgets (issue 9): bench/budgets.test.ts, see docs/performance.md.
      { extends: true, test: { name: 'budgets', include: ['bench/**/*.test.ts'], testTimeout: 60_000 } },
    ],
    coverage: {
      provider: 'v8',
      include: ['packages/sdk/src/**/*.ts', 'packages/server-adapter/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/index.ts'],
      reporter: ['text-summary', ['text', { skipFull: true }]],
      // The rules decide money, places and bookings: keep them fully exercised.
      thresholds: { 'packages/sdk/src/rules/**': { lines: 95 } },
    },
  },
});
