import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../../../scripts/server-flags.mjs';
import { call, type ServerProcess, startServer } from './cluster.js';

/**
 * Memory of the embedded server as `npm start` runs it (its Node flags): a new PGlite folder is
 * made by a temporary PGlite whose WebAssembly memory the store hands back once it is open.
 */
const residentMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe.runIf(process.platform === 'linux')('embedded store memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-memory-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a server started on a new folder with the demo holds what it needs, not the setup', async () => {
    server = await startServer({
      dataDir: dir,
      args: ['--demo'],
      nodeFlags: SERVER_NODE_FLAGS,
      env: SERVER_ENV,
    });
    expect((await call(server.url, 'GET', '/auth/session'))?.status).toBe(401);
    // About 230 MB here; the setup's 400 MB more stayed until an idle server's next collection.
    expect(residentMb(server.child.pid!)).toBeLessThan(350);
  });
});
