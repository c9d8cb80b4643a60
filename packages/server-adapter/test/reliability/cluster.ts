import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pg from 'pg';

/**
 * Real server processes for the reliability suite: the CLI (`guichet serve`, `guichet check`) bundled
 * from the TypeScript sources with esbuild (so the suite never runs a stale `dist/`), started as
 * child processes on loopback ports, their output kept for the log checks.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = resolve(HERE, '../..');
const ROOT = resolve(PACKAGE, '../..');

/** The PostgreSQL the multi-process scenarios run on; each scenario makes its own database in it. */
export const POSTGRES_URL =
  process.env.RELIABILITY_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/** True when {@link POSTGRES_URL} answers (the multi-process scenarios are skipped otherwise). */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A new empty database on {@link POSTGRES_URL}; `drop()` removes it (closing what still holds it). */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `guichet_rel_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

let bundled: Promise<string> | undefined;

/** The CLI as one ES module (our packages bundled from source, dependencies left to node_modules). */
export function bundleCli(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(ROOT, 'node_modules', '.cache', 'guichet-reliability');
    mkdirSync(dir, { recursive: true });
    // One bundle per test process; those of earlier runs (a killed worker leaves its own) go.
    for (const name of readdirSync(dir))
      if (Date.now() - statSync(join(dir, name)).mtimeMs > 3_600_000)
        rmSync(join(dir, name), { force: true });
    const outfile = join(dir, `cli-${process.pid}.mjs`);
    process.once('exit', () => rmSync(outfile, { force: true }));
    await build({
      entryPoints: [join(PACKAGE, 'src', 'cli.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['source'],
      logLevel: 'error',
      plugins: [
        {
          name: 'dependencies-stay-external',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith('@guichet/') ? undefined : { path: args.path, external: true },
            );
          },
        },
      ],
    });
    return outfile;
  })();
  return bundled;
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** One `guichet serve` process. */
export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it wrote on stdout and stderr so far. */
  logs(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** SIGKILL: no goodbye, no flush. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

/** Every log line of every server started by this test file, for the secret checks. */
export const allLogs: string[] = [];

/** Starts `guichet serve` on a free port (with `nodeFlags` given to Node); resolves once it listens. */
export async function startServer(
  options: {
    databaseUrl?: string;
    dataDir?: string;
    env?: Record<string, string>;
    args?: string[];
    nodeFlags?: string[];
  } = {},
): Promise<ServerProcess> {
  const cli = await bundleCli();
  const port = await freePort();
  const args = [
    ...(options.nodeFlags ?? []),
    cli,
    'serve',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    ...(options.args ?? []),
  ];
  if (options.dataDir) args.push('--data', options.dataDir);
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    allLogs.push(text);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = () => {
      if (output.includes('[guichet] serving on')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    logs: () => output,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a CLI command to its end (`check`, `migrate`); resolves with its exit code and output. */
export async function runCli(
  args: string[],
  options: { databaseUrl?: string; dataDir?: string; env?: Record<string, string> } = {},
): Promise<{ code: number | null; output: string }> {
  const cli = await bundleCli();
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  Object.assign(env, options.env);
  const all = options.dataDir ? [cli, ...args, '--data', options.dataDir] : [cli, ...args];
  const child = spawn(process.execPath, all, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  return { code, output };
}

/** An HTTP answer, or `null` when the connection failed (refused, reset: no answer at all). */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field by the tests
  body: any;
}

/** Calls `/api/v1` of a server; a failed connection gives `null` rather than throwing. */
export async function call(
  base: string,
  method: string,
  path: string,
  init: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: boolean } = {},
): Promise<Answer | null> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  try {
    const res = await fetch(`${base}${path.startsWith('/api/') || init.raw ? '' : '/api/v1'}${path}`, {
      method,
      headers,
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: res.status, headers: res.headers, text, body };
  } catch {
    return null;
  }
}

/** Four (or `n`) servers on one database, spoken to in turn. */
export async function startCluster(databaseUrl: string, n = 4) {
  const servers = await Promise.all(Array.from({ length: n }, () => startServer({ databaseUrl })));
  return {
    servers,
    /** The server for the i-th request: round robin. */
    at: (i: number) => servers[i % servers.length]!,
    /** Replaces a dead server by a new one on the same database. */
    async replace(index: number) {
      servers[index] = await startServer({ databaseUrl });
      return servers[index]!;
    },
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
