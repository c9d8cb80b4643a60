import type { Db } from '../store/db.js';

const MAX_KEYS = 48;

// Stores no other process writes (the embedded PGlite holds its folder alone).
const exclusiveStores = new WeakSet<Db>();

/**
 * Marks a store as written by this process only: what is kept from it changes only through this
 * process, which forgets it after each write, so it is kept `exclusiveTtlMs`. On PGlite every
 * query runs on the server's one thread, so a read saved is a request served sooner.
 */
export function markExclusive(db: Db): void {
  exclusiveStores.add(db);
}

/**
 * Read models that are the same for every family of a structure (its activities, a month's slots
 * with their seat counters), read at most once every `ttlMs` per structure, key and store, for the
 * calendar. The promise is kept from the start of the read, so the requests that arrive while it
 * is under way share it, and `forget` (called after a commit) makes the next request read afresh:
 * a read started before the commit is never kept after it. Another process sees a change within
 * the TTL. A transaction always reads afresh.
 */
export class SharedReads<T> {
  // By structure, then by key, then by store (tests open several stores with the same ids).
  readonly #entries = new Map<string, Map<string, WeakMap<Db, { at: number; value: Promise<T> }>>>();

  /**
   * @param ttlMs how long a read is kept on a store other processes write too (PostgreSQL)
   * @param exclusiveTtlMs how long on a store only this process writes (`markExclusive`)
   */
  constructor(
    readonly ttlMs: number,
    readonly exclusiveTtlMs = ttlMs,
  ) {}

  get(db: Db, structureId: string, key: string, read: () => Promise<T>): Promise<T> {
    if (db.isTransaction) return read();
    let byKey = this.#entries.get(structureId);
    if (!byKey) {
      byKey = new Map();
      this.#entries.set(structureId, byKey);
    }
    let byStore = byKey.get(key);
    if (!byStore) {
      // Any month may be asked for: past MAX_KEYS a structure's keys start over, so memory stays bounded.
      if (byKey.size >= MAX_KEYS) byKey.clear();
      byStore = new WeakMap();
      byKey.set(key, byStore);
    }
    const now = Date.now();
    const hit = byStore.get(db);
    const ttl = exclusiveStores.has(db) ? this.exclusiveTtlMs : this.ttlMs;
    if (hit && now - hit.at < ttl) return hit.value;
    const entry = { at: now, value: read() };
    byStore.set(db, entry);
    const stores = byStore;
    entry.value.catch(() => {
      if (stores.get(db) === entry) stores.delete(db);
    });
    return entry.value;
  }

  /** Forgets what is kept for a structure (or for all): call it after a commit that changed it. */
  forget(structureId?: string): void {
    if (structureId === undefined) this.#entries.clear();
    else this.#entries.delete(structureId);
  }
}
