import type { Hono } from 'hono';
import { createApp } from './http/app.js';
import type { Handlers } from './http/handlers.js';
import { adminHandlers } from './http/routes-admin.js';
import { authHandlers } from './http/routes-auth.js';
import { familyHandlers } from './http/routes-family.js';
import { type Mailer, outboxMailer } from './mail/outbox.js';
import { DEFAULT_CONFIG, type GuichetConfig } from './services/context.js';
import { openStore, type Store, type StoreOptions } from './store/store.js';

export interface GuichetOptions extends StoreOptions {
  /** An open store; otherwise one is opened from `databaseUrl` / `dataDir`. */
  store?: Store;
  /** The clock every rule reads; tests move it. */
  clock?: () => Date;
  mailer?: Mailer;
  config?: Partial<GuichetConfig>;
}

/** A Guichet server: a standard fetch handler, mountable in Node, Express, Hono, Deno or Bun. */
export interface Guichet {
  /** `(request) => Promise<Response>`: waits for the store on the first call. */
  fetch(request: Request): Promise<Response>;
  /** Resolves once the store is open and migrated. */
  ready: Promise<{ app: Hono; store: Store }>;
  config: GuichetConfig;
  clock: () => Date;
  close(): Promise<void>;
}

const HANDLERS: Handlers = { ...authHandlers, ...familyHandlers, ...adminHandlers };

/**
 * Creates the Guichet server. The store opens (and migrates) in the background; `fetch` waits for it.
 * @example
 * const guichet = createGuichet({ dataDir: './data' });
 * serve({ fetch: guichet.fetch, port: 8080 }); // @hono/node-server
 */
export function createGuichet(options: GuichetOptions = {}): Guichet {
  const config = { ...DEFAULT_CONFIG, ...options.config };
  const clock = options.clock ?? (() => new Date());
  const ready = (async () => {
    const store = options.store ?? (await openStore(options));
    const app = createApp({
      db: store.db,
      clock,
      mailer: options.mailer ?? outboxMailer,
      config,
      handlers: HANDLERS,
    });
    return { app, store };
  })();
  return {
    config,
    clock,
    ready,
    fetch: async (request) => (await ready).app.fetch(request),
    async close() {
      const { store } = await ready;
      if (!options.store) await store.close();
    },
  };
}
