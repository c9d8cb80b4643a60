import { type PGlite, parse, protocol, type Results } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { statementName } from './prepared.js';

/**
 * Kysely over PGlite (embedded PostgreSQL). PGlite has a single connection, so the driver hands
 * it to one user at a time: a transaction holds it from BEGIN to COMMIT and every other query
 * waits its turn, which gives the same isolation a pool of real connections gives.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

class PGliteDriver implements Driver {
  #queue: Promise<void> = Promise.resolve();
  #connection: PGliteConnection;

  constructor(pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.#queue;
    this.#queue = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    this.#connection.release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection) {
    await (connection as PGliteConnection).command('begin');
  }
  async commitTransaction(connection: DatabaseConnection) {
    await (connection as PGliteConnection).command('commit');
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await (connection as PGliteConnection).command('rollback');
  }
  async releaseConnection(connection: DatabaseConnection) {
    (connection as PGliteConnection).release();
  }
  async destroy() {}
}

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => {};
  /** The parameter types of each statement this PGlite has parsed under a name. */
  readonly #named = new Map<string, number[]>();
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    await turn();
    const parameters = compiled.parameters as readonly unknown[];
    const name = statementName(compiled.sql);
    const result = name
      ? await this.#executeNamed<R>(name, compiled.sql, parameters)
      : await this.pglite.query<R>(compiled.sql, [...parameters]);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  /**
   * A statement without parameters or rows (begin, commit, rollback) as one simple query: one call
   * into PGlite, where `query` makes six.
   */
  async command(sql: string): Promise<void> {
    await turn();
    await this.pglite.execProtocolStream(protocol.serialize.query(sql));
  }

  /**
   * A `prepared` query (prepared.ts) as a named statement: PGlite's own `query` parses and plans
   * every statement anew, in six calls into its WebAssembly (parse, describe, bind, describe,
   * execute, sync). A named statement is parsed and described once; each run is then one call
   * (bind, describe, execute, sync) and PostgreSQL plans it as it does a pool's named statements.
   * Values are written and rows read by PGlite's own serializers and parsers, as `query` does.
   */
  async #executeNamed<R>(name: string, text: string, parameters: readonly unknown[]): Promise<Results<R>> {
    const { serialize } = protocol;
    let types = this.#named.get(name);
    if (!types) {
      const described = await this.pglite.execProtocolStream(
        concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      );
      types = parse.parseDescribeStatementResults(described);
      this.#named.set(name, types);
    }
    const values = parameters.map((value, i) => {
      if (value === null || value === undefined) return null;
      const write = this.pglite.serializers[types[i]!];
      return write ? write(value) : String(value);
    });
    const messages = await this.pglite.execProtocolStream(
      concat([
        serialize.bind({ statement: name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    return parse.parseResults(messages, this.pglite.parsers)[0] as Results<R>;
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered by PGlite.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results');
  }
}

/**
 * PGlite runs a query on this thread and settles its promise at once: without a pause, each request
 * would run to its end in one go while sockets wait, new connections above all (one accepted a turn
 * of the event loop). A turn of the loop before each statement lets them in.
 */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Protocol messages end to end, as PGlite reads them in one call. */
function concat(messages: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(messages.reduce((n, m) => n + m.byteLength, 0));
  let at = 0;
  for (const m of messages) {
    all.set(m, at);
    at += m.byteLength;
  }
  return all;
}
