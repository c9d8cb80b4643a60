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
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
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
