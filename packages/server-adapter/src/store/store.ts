import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { Pool, PoolClient } from 'pg';
import { markExclusive } from '../services/shared-reads.js';
import type { Database, Db } from './db.js';
import { migrate } from './migrate.js';
import { statementName } from './prepared.js';

/** Where Guichet keeps its data: embedded PGlite (default) or a PostgreSQL server. */
export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface StoreOptions {
  /** `postgres://...` to use PostgreSQL; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` keeps nothing on disk. Default `./data`. */
  dataDir?: string | undefined;
  /** Connections in the PostgreSQL pool. Default {@link POOL_SIZE}. */
  poolSize?: number | undefined;
}

// Plain dates stay `YYYY-MM-DD` strings (a Date would shift them by the zone); int8 and numeric
// (sums, counts) become numbers; instants become Dates. The same on both stores.
const DATE = 1082;
const DATE_ARRAY = 1182;
const INT8 = 20;
const NUMERIC = 1700;
// PostgreSQL's default 128 MB of shared buffers would live in PGlite's WebAssembly memory, which
// never shrinks: 16 MB holds a town's working set (the files behind it stay in the OS cache) and
// keeps the embedded server about 110 MB smaller.
const PGLITE_SHARED_BUFFERS = '16MB';
/**
 * A process's PostgreSQL connections (`DATABASE_POOL_SIZE` for the CLI). A connection stays taken
 * until the server has read its statement's answer, which under load waits for the server's own
 * turn far longer than PostgreSQL works: 100 desks debiting at once (five statements a debit)
 * queued for connections, 276 debits a second with 10 and 581 with 20 (bench). But 64 families
 * booking at once lock more slots side by side with 20, and booked no faster, a little slower in
 * most rounds; bookings are a town's peak, so 10 stays the default.
 */
export const POOL_SIZE = 10;
const parseDateArray = (v: string) => (v === '{}' ? [] : v.slice(1, -1).split(','));

/**
 * Opens the store and applies pending migrations. Only the driver of the chosen store is loaded
 * (PGlite alone is tens of megabytes a PostgreSQL deployment never needs).
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const url = options.databaseUrl;
  if (url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? POOL_SIZE,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === DATE) return (v: string) => v;
          if (oid === DATE_ARRAY) return parseDateArray;
          if (oid === INT8 || oid === NUMERIC) return Number;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingStatements(pool) }) });
    await migrate(db as Kysely<unknown>);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? './data';
  const onDisk = !dataDir.includes('://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const fresh = !onDisk || !existsSync(join(dataDir, 'PG_VERSION'));
  // Loaded only for the embedded store: a PostgreSQL server never pays for PGlite's code.
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('./pglite-dialect.js'),
  ]);
  const pglite = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    parsers: { [DATE]: (v: string) => v, [DATE_ARRAY]: parseDateArray, [INT8]: Number, [NUMERIC]: Number },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  markExclusive(db); // PGlite holds its folder alone: no other process writes this store
  await migrate(db as Kysely<unknown>);
  // A new folder is made by a second, temporary PGlite whose WebAssembly memory (about 400 MB)
  // stays until V8 collects it, which an idle server never asks for. The server's flags expose
  // `gc` (scripts/server-flags.mjs); without them this does nothing.
  if (fresh) (globalThis as { gc?: () => void }).gc?.();
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * The pool as Kysely sees it, sending the statements of `prepared` queries by name, so that each
 * connection has PostgreSQL parse and plan them once. (A pooler in transaction mode in front of
 * PostgreSQL must keep prepared statements per client: PgBouncer 1.21 and later does.)
 */
function namingStatements(pool: Pool): PostgresPool {
  const clients = new WeakMap<PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let named = clients.get(client);
      if (!named) {
        named = {
          // Text and parameters only: Guichet reads no query through a cursor.
          query: ((text: string, parameters: readonly unknown[]) => {
            const name = statementName(text);
            const values = [...parameters];
            return name ? client.query({ name, text, values }) : client.query(text, values);
          }) as unknown as PostgresPoolClient['query'],
          release: () => client.release(),
        };
        clients.set(client, named);
      }
      return named;
    },
    end: () => pool.end(),
  };
}
