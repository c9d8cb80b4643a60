import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { createApp } from './http/app.js';
import type { Handlers } from './http/handlers.js';
import { adminHandlers } from './http/routes-admin.js';
import { authHandlers } from './http/routes-auth.js';
import { countermarkHandlers } from './http/routes-countermarks.js';
import { familyHandlers } from './http/routes-family.js';
import { mountPaymentRoutes, paymentHandlers } from './http/routes-payments.js';
import { voucherHandlers } from './http/routes-vouchers.js';
import { JOBS } from './jobs/index.js';
import { startJobs } from './jobs/scheduler.js';
import { type Mailer, outboxMailer } from './mail/outbox.js';
import { startMailSender } from './mail/sender.js';
import { type MailTransport, smtpTransport } from './mail/transport.js';
import { DEFAULT_CONFIG, type GuichetConfig } from './services/context.js';
import { openStore, type Store, type StoreOptions } from './store/store.js';

export interface GuichetOptions extends StoreOptions {
  /** An open store; otherwise one is opened from `databaseUrl` / `dataDir`. */
  store?: Store;
  /** The clock every rule reads; tests move it. */
  clock?: () => Date;
  mailer?: Mailer;
  config?: Partial<GuichetConfig>;
  /** Runs the background jobs (charging, deadlines, mail) in this process. Off by default. */
  jobs?: boolean;
  /** SMTP server of outgoing mail (`smtp://user:pass@host:587`); without it mails stay in the outbox. */
  smtpUrl?: string | undefined;
  /** `From:` of outgoing mail. */
  mailFrom?: string | undefined;
  /** A transport instead of `smtpUrl` (tests, another way of sending). */
  mailTransport?: MailTransport | undefined;
  /** Serves the outbox viewer at `outboxUrl`. Default: when there is no SMTP. See docs/mail.md. */
  outboxViewer?: boolean | undefined;
}

/** A Guichet server: a standard fetch handler, mountable in Node, Express, Hono, Deno or Bun. */
export interface Guichet {
  /**
   * `(request, env?) => Promise<Response>`: waits for the store on the first call. `env` is the
   * runtime's (@hono/node-server passes the Node request, whose socket gives the client address).
   */
  fetch(request: Request, env?: unknown): Promise<Response>;
  /** Resolves once the store is open and migrated. */
  ready: Promise<{ app: Hono; store: Store }>;
  config: GuichetConfig;
  clock: () => Date;
  /** Where the outbox viewer is (with its secret key), or null when it is off. */
  outboxUrl: string | null;
  close(): Promise<void>;
}

const HANDLERS: Handlers = {
  ...authHandlers,
  ...familyHandlers,
  ...adminHandlers,
  ...voucherHandlers,
  ...countermarkHandlers,
  ...paymentHandlers,
};

/**
 * Creates the Guichet server. The store opens (and migrates) in the background; `fetch` waits for it.
 * @example
 * const guichet = createGuichet({ dataDir: './data' });
 * serve({ fetch: guichet.fetch, port: 8080 }); // @hono/node-server
 */
export function createGuichet(options: GuichetOptions = {}): Guichet {
  const config = { ...DEFAULT_CONFIG, ...options.config };
  const clock = options.clock ?? (() => new Date());
  let stopJobs = () => {};
  let stopMail = () => {};
  const transport =
    options.mailTransport ??
    (options.smtpUrl ? smtpTransport(options.smtpUrl, { from: options.mailFrom }) : null);
  const outboxKey = (options.outboxViewer ?? !transport) ? randomBytes(18).toString('base64url') : null;
  const ready = (async () => {
    const store = options.store ?? (await openStore(options));
    const app = createApp({
      db: store.db,
      clock,
      mailer: options.mailer ?? outboxMailer,
      config,
      handlers: HANDLERS,
    });
    mountPaymentRoutes(app, {
      db: store.db,
      clock,
      mailer: options.mailer ?? outboxMailer,
      config,
      outboxKey,
    });
    if (options.jobs) stopJobs = startJobs(store.db, clock, JOBS, console.log);
    if (options.jobs && transport)
      stopMail = startMailSender(store.db, clock, transport, { log: console.log });
    return { app, store };
  })();
  return {
    config,
    clock,
    outboxUrl: outboxKey ? `${config.publicUrl}/outbox?key=${outboxKey}` : null,
    ready,
    fetch: async (request, env) => (await ready).app.fetch(request, env as object | undefined),
    async close() {
      const { store } = await ready;
      stopJobs();
      stopMail();
      if (transport && !options.mailTransport) transport.close();
      if (!options.store) await store.close();
    },
  };
}
