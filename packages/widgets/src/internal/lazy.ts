/**
 * Something an element loads on first use, once for the page: a language's strings, a view only
 * some visits reach. `load` is given a function that calls `import()` with a literal path, so
 * bundlers put the module in a chunk of its own next to the element's (same origin: a strict
 * `default-src 'self'` policy allows it).
 *
 * ```ts
 * const paymentForm = new Lazy(() => import('./payment.js'));
 * // In the element: the update waits for the module when it is needed (see `GuichetElement`).
 * protected override arriving() {
 *   return [...super.arriving(), this.paying ? paymentForm.load() : undefined];
 * }
 * ```
 */
export class Lazy<T> {
  /** The module (or value), once it has arrived. */
  value: T | undefined;
  /** Whether the last attempt failed (the next `load()` tries again). */
  failed = false;
  readonly #fetch: () => Promise<T>;
  #loading: Promise<void> | undefined;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  /**
   * Fetches the value unless it has arrived (then `undefined`). The promise resolves when it has
   * arrived or failed to, never rejects; every caller meanwhile gets the same one.
   */
  load(): Promise<void> | undefined {
    if (this.value !== undefined) return undefined;
    this.#loading ??= this.#fetch().then(
      (value) => {
        this.value = value;
        this.failed = false;
        this.#loading = undefined;
      },
      () => {
        this.failed = true;
        this.#loading = undefined;
      },
    );
    return this.#loading;
  }
}
