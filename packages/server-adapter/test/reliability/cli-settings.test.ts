import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, postgresAvailable, runCli } from './cluster.js';

/** The CLI's settings from its environment: a bad one stops it with its name, before any work. */
const up = await postgresAvailable();

describe.skipIf(!up)('the CLI on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase();
  }, 60_000);
  afterAll(() => database?.drop());

  it('refuses a DATABASE_POOL_SIZE that is not a number of connections, and runs with one that is', async () => {
    for (const bad of ['many', '0', '-3', '2.5']) {
      const run = await runCli(['migrate'], { databaseUrl: database.url, env: { DATABASE_POOL_SIZE: bad } });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`DATABASE_POOL_SIZE is not a number of connections: ${bad}`);
    }
    const ok = await runCli(['migrate'], { databaseUrl: database.url, env: { DATABASE_POOL_SIZE: '3' } });
    expect(ok.code, ok.output).toBe(0);
  }, 60_000);
});
