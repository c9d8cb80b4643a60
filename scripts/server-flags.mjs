// The Node flags the server runs with under `npm start`, and so under the bench, which measures it
// as `npm start` runs it. Its live heap is about 20 MB, yet without limits V8 lets garbage reach
// 200 MB under load before it collects; a 96 MB old space keeps the resident set near 110 MB at the
// same throughput (docs/performance.md). 4 MB semi-spaces rather than 2: under load a request
// holds what it allocated while it waits for its statements, and in a 2 MB young generation that
// outlives two collections and is copied to the old one, which then needs marking; at 4 MB a
// calendar request cost 22 % less CPU and a booking 5 % less (3 rounds, 2026-11-22), for 3 to 7 MB
// more resident (6 MB: −30 %, but 10 MB more, too close to the budget of 120). Deployments pass
// the same flags (docs/deployment.md).
//
// `--single-threaded-gc`: V8 empties its young generation every few milliseconds under load
// and marks the old one now and then, by default with helper threads the main thread then waits
// for. On a small machine those threads queue behind the server's own work and its database's,
// and the handover costs more than the work: without them the server's CPU a request fell 6 to
// 19 % (booking, calendar, both stores; bench A/B on 2 cores). Collecting on one thread leaves
// more of glibc's per-thread malloc arenas half used (5 to 10 MB more resident): SERVER_ENV caps
// them at two, and the resident set stays where it was. (`--no-parallel-scavenge` alone saved
// 7 to 10 %.)
//
// The two wasm flags keep PGlite's PostgreSQL (a 9 MB WebAssembly module) on V8's baseline
// compiler, Liftoff. By default V8 recompiles its hot functions with TurboFan in background
// threads, and PostgreSQL's biggest functions take 10 to 37 MB of compiler memory each while they
// compile, part of which malloc then keeps: with both flags the embedded server peaks about 70 MB
// lower under the bench's loads (PGlite alone: ~208 → ~139 MB) and opens its store faster, for
// queries about 10 % slower inside PGlite. Both are needed: `--no-wasm-dynamic-tiering` alone
// makes V8 tier up every function it runs, not only the hot ones. They change nothing on the
// PostgreSQL store (no WebAssembly). `--liftoff-only` measures the same but is a testing flag that
// also forbids TurboFan for a function Liftoff cannot compile. Node refuses them in NODE_OPTIONS.
export const SERVER_NODE_FLAGS = [
  // `gc()` for the store to hand back a new PGlite folder's setup memory (store.ts).
  '--expose-gc',
  '--max-old-space-size=96',
  '--max-semi-space-size=4',
  '--single-threaded-gc',
  '--no-wasm-dynamic-tiering',
  '--no-wasm-tier-up',
];

/** The environment the server runs with beside its flags (see `--single-threaded-gc` above). */
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' };
