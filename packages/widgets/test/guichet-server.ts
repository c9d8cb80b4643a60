// The real Guichet server the widget suites drive (node side). The web-test-runner plugin
// (packages/widgets/test/wtr-guichet-plugin.mjs) bundles this file with esbuild and runs it in a
// child process (PGlite's start would otherwise block the test runner for seconds): one server for
// the whole run, whose commands come and go as IPC messages (see `answerParent`).
import type { Server } from 'node:http';
import { createGuichet, openStore } from '@guichet/server-adapter';
import { listen } from '@guichet/server-adapter/node';
import { sql } from 'kysely';
import { type DemoIds, seedDemo } from '../../server-adapter/src/demo/seed.js';

/** What the browser suites get from `guichet-demo`: where the API is, the demo's ids, its clock. */
export interface GuichetDemo {
  /** Base URL of the API (`http://127.0.0.1:<port>`), on another origin than the test page. */
  api: string;
  ids: DemoIds;
  /** The number of the leisure centre's cartoonette (login `centre`). */
  voucherNumber: string;
  /** The server's clock at the time of the answer (ISO instant). */
  now: string;
  /** The instant the demo was seeded at (its bookings and slots are placed around it). */
  seededAt: string;
}

/** The instant the demo is seeded at: a Wednesday in April, so the holidays fall in May. */
export const DEMO_START = '2026-04-15T08:00:00Z';

export interface BrowserServer {
  demo(): Promise<GuichetDemo>;
  /** Moves the server's clock by `ms` (it keeps running from there); answers the new instant. */
  advanceClock(ms: number): string;
  /** Records an adjustment of `amount` cents on a wallet; answers the new balance. */
  adjustWallet(walletId: string, amount: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Opens an in-memory store, seeds the demo at {@link DEMO_START} (the clock then runs on),
 * declares `origins` (the test page's) on every structure so that the widgets may call the API
 * with bearer tokens, and listens on a free port of 127.0.0.1.
 */
export async function startBrowserServer(options: { origins: string[] }): Promise<BrowserServer> {
  let offset = Date.parse(DEMO_START) - Date.now();
  const clock = () => new Date(Date.now() + offset);
  const store = await openStore({ dataDir: 'memory://' });
  const seededAt = clock();
  const ids = await seedDemo(store.db, seededAt);
  for (const structure of await store.db.selectFrom('structures').select(['id', 'origins']).execute()) {
    await store.db
      .updateTable('structures')
      .set({ origins: [...structure.origins, ...options.origins] })
      .where('id', '=', structure.id)
      .execute();
  }
  const voucher = await store.db
    .selectFrom('vouchers')
    .select('number')
    .where('holder_account_id', '=', ids.cinema.centreAccountId)
    .executeTakeFirstOrThrow();
  const guichet = createGuichet({ store, clock });
  await guichet.ready;
  const { server, url } = await listen(guichet, { port: 0, hostname: '127.0.0.1' });

  return {
    async demo() {
      return {
        api: url,
        ids,
        voucherNumber: voucher.number,
        now: clock().toISOString(),
        seededAt: seededAt.toISOString(),
      };
    },
    advanceClock(ms) {
      offset += ms;
      return clock().toISOString();
    },
    async adjustWallet(walletId, amount) {
      return store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('ledger_entries')
          .values({ wallet_id: walletId, amount, kind: 'adjustment' })
          .execute();
        const row = await trx
          .updateTable('wallets')
          .set({ balance: sql`balance + ${amount}` })
          .where('id', '=', walletId)
          .returning('balance')
          .executeTakeFirstOrThrow();
        return row.balance;
      });
    },
    async close() {
      // Chromium keeps its connections alive: close them, or `close` waits for them.
      (server as Server).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await guichet.close();
      await store.close();
    },
  };
}

/** A command of the plugin, and its answer. */
export type ServerRequest =
  | { id: number; command: 'demo' }
  | { id: number; command: 'clock'; advanceMs: number }
  | { id: number; command: 'adjust-wallet'; walletId: string; amount: number }
  | { id: number; command: 'close' };
export type ServerReply = { id: number; result?: unknown; error?: string };

/**
 * The child process's main: starts the server for the origins of `GUICHET_TEST_ORIGINS` (JSON)
 * and answers the parent's requests; exits when the parent closes it or goes away.
 */
export function answerParent(): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('guichet-server: run me with an IPC channel (child_process.fork)');
  const origins = JSON.parse(process.env.GUICHET_TEST_ORIGINS ?? '[]') as string[];
  const server = startBrowserServer({ origins });
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (request: ServerRequest) => {
    try {
      const s = await server;
      const result =
        request.command === 'demo'
          ? await s.demo()
          : request.command === 'clock'
            ? s.advanceClock(request.advanceMs)
            : request.command === 'adjust-wallet'
              ? await s.adjustWallet(request.walletId, request.amount)
              : await s.close();
      send({ id: request.id, result } satisfies ServerReply);
      if (request.command === 'close') process.disconnect();
    } catch (error) {
      send({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
}
