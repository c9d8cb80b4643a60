/**
 * `@guichet/server-adapter`: the Guichet HTTP API (Hono fetch handler), its store and jobs.
 * @packageDocumentation
 */
export { createGuichet, type Guichet, type GuichetOptions } from './guichet.js';
export type { Mail, Mailer } from './mail/outbox.js';
export type { GuichetConfig } from './services/context.js';
export { openStore, type Store, type StoreOptions } from './store/store.js';
