#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_LOGINS, isEmpty, seedDemo } from './demo/seed.js';
import { createGuichet } from './guichet.js';
import { ProblemError } from './http/problem.js';
import { type StaticRoot, staticFiles } from './http/static.js';
import { listen } from './node.js';
import { paymentConfigFromEnv } from './payments/index.js';
import { checkInvariants } from './services/check.js';
import { importShowtimes } from './services/showtimes.js';
import { openStore } from './store/store.js';

const USAGE = `guichet <command> [options]

Commands:
  serve [--port 8080] [--host 127.0.0.1] [--demo]   run the server (--demo: seed demo data on an empty store,
        [--static /prefix/=DIR]...                  and serve the examples, widgets and docs of this checkout)
                                                    --static serves a folder beside the API (repeatable);
                                                    --port 0 takes a free port
  migrate                                           apply pending migrations
  seed --demo                                       load the demo town, family and logins
  check                                             prove the invariants (balances = ledgers, no overbooking)
  import showtimes FILE [--venue ID]                create or update offers and sessions from a JSON or CSV
                                                    programme (docs/showtimes-import.md); idempotent

The store is PGlite in ./data (or --data DIR), or PostgreSQL when DATABASE_URL is set
(DATABASE_POOL_SIZE connections at most, default 10).
PUBLIC_URL is the address put in mailed links and payment returns (default: the served address).
GUICHET_FAKE_NOW=<ISO instant> (tests only) starts the server's clock at that instant; it then
advances in real time.`;

/** The checkout this CLI was built in (`packages/server-adapter/dist/cli.js` -> the repository). */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** What `serve --demo` shows beside the API, when this checkout has it. */
const DEMO_STATIC: StaticRoot[] = [
  { prefix: '/', dir: `${REPO}examples` },
  { prefix: '/widgets/', dir: `${REPO}packages/widgets/dist` },
  { prefix: '/sdk/', dir: `${REPO}examples/dist` },
  { prefix: '/docs/', dir: `${REPO}docs/site` },
];

/** `GUICHET_FAKE_NOW`: a clock that starts at that instant and runs on. Tests move time this way. */
function clockFromEnv(value: string | undefined): (() => Date) | undefined {
  if (!value) return undefined;
  const start = Date.parse(value);
  if (Number.isNaN(start)) throw new Error(`GUICHET_FAKE_NOW is not an ISO instant: ${value}`);
  const offset = start - Date.now();
  return () => new Date(Date.now() + offset);
}

function poolSizeFromEnv(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (!/^[1-9]\d{0,3}$/.test(value))
    throw new Error(`DATABASE_POOL_SIZE is not a number of connections: ${value}`);
  return Number(value);
}

function parseStatic(values: readonly string[]): StaticRoot[] {
  return values.map((value) => {
    const eq = value.indexOf('=');
    if (eq < 1) throw new Error(`--static takes /prefix/=DIR, got ${value}`);
    let prefix = value.slice(0, eq);
    if (!prefix.startsWith('/')) prefix = `/${prefix}`;
    if (!prefix.endsWith('/')) prefix = `${prefix}/`;
    return { prefix, dir: value.slice(eq + 1) };
  });
}

/** A port nobody listens on now, for `--port 0` (the public URL must be known before listening). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      data: { type: 'string', default: process.env.GUICHET_DATA ?? './data' },
      demo: { type: 'boolean', default: false },
      static: { type: 'string', multiple: true, default: [] },
      venue: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  const storeOptions = {
    databaseUrl: process.env.DATABASE_URL,
    dataDir: values.data,
    poolSize: poolSizeFromEnv(process.env.DATABASE_POOL_SIZE),
  };
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }

  if (command === 'migrate') {
    const store = await openStore(storeOptions);
    await store.close();
    console.log(`[guichet] migrations applied (${store.kind})`);
    return 0;
  }

  if (command === 'seed') {
    if (!values.demo) {
      console.error('guichet seed: only --demo is available');
      return 2;
    }
    const store = await openStore(storeOptions);
    try {
      if (!(await isEmpty(store.db))) {
        console.error('[guichet] the store already has data: demo not loaded');
        return 1;
      }
      await seedDemo(store.db, new Date());
      console.log('[guichet] demo data loaded');
      return 0;
    } finally {
      await store.close();
    }
  }

  if (command === 'check') {
    const store = await openStore(storeOptions);
    try {
      const violations = await checkInvariants(store.db);
      for (const v of violations) console.log(`${v.kind}\t${v.id}\t${v.detail}`);
      console.log(
        violations.length ? `[guichet] ${violations.length} violation(s)` : '[guichet] check: no violation',
      );
      return violations.length ? 1 : 0;
    } finally {
      await store.close();
    }
  }

  if (command === 'import' && positionals[1] === 'showtimes' && positionals[2]) {
    const file = positionals[2];
    const content = await readFile(file, 'utf8');
    const format =
      /\.csv$/i.test(file) || (!content.trimStart().startsWith('{') && !content.trimStart().startsWith('['))
        ? 'csv'
        : 'json';
    const store = await openStore(storeOptions);
    try {
      const result = await store.db
        .transaction()
        .execute((trx) =>
          importShowtimes(trx, { structureId: null, defaultVenueId: values.venue }, format, content),
        );
      console.log(
        `[guichet] showtimes imported: ${result.offersCreated} offer(s) created, ${result.offersUpdated} updated, ` +
          `${result.stocksCreated} session(s) created, ${result.stocksUpdated} updated, ${result.unchanged} unchanged`,
      );
      return 0;
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      console.error(`[guichet] ${err.messages.en}`);
      for (const e of (err.extra.errors as { path: string; message: string }[] | undefined) ?? [])
        console.error(`  ${e.path}: ${e.message}`);
      return 1;
    } finally {
      await store.close();
    }
  }

  if (command === 'serve') {
    const started = performance.now();
    const clock = clockFromEnv(process.env.GUICHET_FAKE_NOW);
    if (clock) console.log(`[guichet] clock: GUICHET_FAKE_NOW, now ${clock().toISOString()} (tests only)`);
    let port = Number(values.port);
    if (port === 0) port = await freePort(values.host);
    const host = values.host.includes(':') ? `[${values.host}]` : values.host;
    const publicUrl = (
      process.env.PUBLIC_URL || `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${port}`
    ).replace(/\/+$/, '');
    // Explicit folders first: they win over the demo's for the same prefix.
    const roots = parseStatic(values.static);
    if (values.demo)
      for (const root of DEMO_STATIC)
        if (existsSync(root.dir) && !roots.some((r) => r.prefix === root.prefix)) roots.push(root);
    const store = await openStore(storeOptions);
    let seeded = false;
    if (values.demo && (await isEmpty(store.db))) {
      await seedDemo(store.db, clock ? clock() : new Date());
      seeded = true;
    }
    const guichet = createGuichet({
      store,
      jobs: true,
      ...(clock ? { clock } : {}),
      config: {
        publicUrl,
        // Behind HTTPS (PUBLIC_URL https://...), session cookies are sent over TLS only.
        secureCookies: publicUrl.startsWith('https://'),
        payments: paymentConfigFromEnv(process.env),
      },
      smtpUrl: process.env.SMTP_URL || undefined,
      mailFrom: process.env.MAIL_FROM || undefined,
      ...(values.demo ? { outboxViewer: true } : {}),
    });
    const files = staticFiles(roots, { variables: { outboxUrl: guichet.outboxUrl ?? '' } });
    const API = /^\/(api|payments|feeds|outbox)(\/|$)/;
    const handler = {
      fetch: async (request: Request, env?: unknown) =>
        (!API.test(new URL(request.url).pathname) && (await files(request))) || guichet.fetch(request, env),
    };
    const { server, url } = await listen(handler, { port, hostname: values.host });
    for (const root of roots) console.log(`[guichet] ${root.prefix} serves ${root.dir}`);
    console.log(
      `[guichet] serving on ${url} (${store.kind}${store.kind === 'pglite' ? ` in ${values.data}` : ''}) in ${Math.round(performance.now() - started)} ms`,
    );

    console.log(
      process.env.SMTP_URL
        ? '[guichet] mail: sent over SMTP_URL'
        : '[guichet] mail: no SMTP_URL, mails stay in the outbox',
    );
    if (guichet.outboxUrl) console.log(`[guichet] outbox viewer: ${guichet.outboxUrl}`);
    if (values.demo) {
      console.log(`[guichet] demo data ${seeded ? 'loaded' : 'already there'}; logins:`);
      for (const d of DEMO_LOGINS) console.log(`  ${d.login} / ${d.password}  (${d.role})`);
    }
    // Last, so that it is what one sees: the address to open (the examples' index with --demo).
    if (roots.some((r) => r.prefix === '/')) console.log(`\n  Guichet is ready: open ${publicUrl}/\n`);
    const stop = async () => {
      server.close();
      await guichet.close();
      await store.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return undefined;
  }

  console.error(`guichet: unknown command ${command}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (err) => {
    console.error('[guichet]', err);
    process.exit(1);
  },
);
