#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEMO_LOGINS, isEmpty, seedDemo } from './demo/seed.js';
import { createGuichet } from './guichet.js';
import { ProblemError } from './http/problem.js';
import { listen } from './node.js';
import { paymentConfigFromEnv } from './payments/index.js';
import { checkInvariants } from './services/check.js';
import { importShowtimes } from './services/showtimes.js';
import { openStore } from './store/store.js';

const USAGE = `guichet <command> [options]

Commands:
  serve [--port 8080] [--host 127.0.0.1] [--demo]   run the server (--demo: seed demo data on an empty store)
  migrate                                           apply pending migrations
  seed --demo                                       load the demo town, family and logins
  check                                             prove the invariants (balances = ledgers, no overbooking)
  import showtimes FILE [--venue ID]                create or update offers and sessions from a JSON or CSV
                                                    programme (docs/showtimes-import.md); idempotent

The store is PGlite in ./data (or --data DIR), or PostgreSQL when DATABASE_URL is set.`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      data: { type: 'string', default: process.env.GUICHET_DATA ?? './data' },
      demo: { type: 'boolean', default: false },
      venue: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  const storeOptions = { databaseUrl: process.env.DATABASE_URL, dataDir: values.data };
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
    const store = await openStore(storeOptions);
    let seeded = false;
    if (values.demo && (await isEmpty(store.db))) {
      await seedDemo(store.db, new Date());
      seeded = true;
    }
    const guichet = createGuichet({
      store,
      jobs: true,
      config: {
        publicUrl: `http://localhost:${values.port}`,
        payments: paymentConfigFromEnv(process.env),
      },
      smtpUrl: process.env.SMTP_URL || undefined,
      mailFrom: process.env.MAIL_FROM || undefined,
      ...(values.demo ? { outboxViewer: true } : {}),
    });
    const { server, url } = await listen(guichet, { port: Number(values.port), hostname: values.host });
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
