// web-test-runner plugin: one real Guichet server for the whole run, and screenshots for review.
// Browser suites reach it through `executeServerCommand` (see packages/widgets/test/server.ts):
//   guichet-demo           answers { api, ids, voucherNumber, now, seededAt } once the server is up
//   guichet-clock          { advanceMs }: moves the server's clock; answers its new instant
//   guichet-adjust-wallet  { walletId, amount }: records an adjustment; answers the new balance
//   screenshot             { name, selector, widths }: writes <name>-<width>.png of the element
//                          at each viewport width into test-results/screenshots/widgets/
// The server (guichet-server.ts, bundled with esbuild) runs in a child process started with the
// test server when the run may hold `*.server.test.ts` suites: PGlite takes seconds to start and
// would block the runner's own event loop.
import { fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = join(root, 'node_modules/.cache/guichet-widgets-server/guichet-server.mjs');
const SCREENSHOTS = join(root, 'test-results/screenshots/widgets');

// Workspace packages are bundled from their TypeScript sources; npm packages stay imports.
const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@guichet/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Builds and forks the server; resolves to `call(command, fields)` and `close()`. */
async function startServer(origins) {
  await build({
    stdin: {
      contents: "import { answerParent } from './guichet-server.ts';\nanswerParent();\n",
      resolveDir: join(root, 'packages/widgets/test'),
      sourcefile: 'guichet-server-main.ts',
      loader: 'ts',
    },
    outfile: OUT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [npmPackagesExternal],
  });
  const child = fork(OUT, [], {
    env: { ...process.env, GUICHET_TEST_ORIGINS: JSON.stringify(origins) },
    execArgv: ['--enable-source-maps'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map();
  let next = 0;
  child.on('message', ({ id, result, error }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error) call?.reject(new Error(`guichet server: ${error}`));
    else call?.resolve(result);
  });
  child.on('exit', (code) => {
    for (const call of pending.values()) call.reject(new Error(`guichet server exited (${code})`));
    pending.clear();
  });
  const call = (command, fields = {}) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      child.send({ id, command, ...fields });
    });
  return {
    call,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('close').catch(() => child.kill());
      await exited;
    },
  };
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function guichetServerPlugin() {
  let origins = [];
  let server;
  const started = () => {
    server ??= startServer(origins);
    return server;
  };
  return {
    name: 'guichet-server',
    serverStart({ config }) {
      // The test pages' origin, which the API must allow (CORS with bearer tokens).
      origins = [...new Set([config.hostname, 'localhost', '127.0.0.1'])].map(
        (h) => `http://${h}:${config.port}`,
      );
      // Start at once (in the background) when the run may hold server suites: a glob or one named.
      const files = [config.files ?? []].flat();
      if (files.some((f) => f.includes('*') || f.includes('.server.test'))) started().catch(() => {});
    },
    async serverStop() {
      if (server) await (await server).close();
    },
    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'guichet-demo':
          return (await started()).call('demo');
        case 'guichet-clock':
          return (await started()).call('clock', { advanceMs: payload.advanceMs });
        case 'guichet-adjust-wallet':
          return (await started()).call('adjust-wallet', {
            walletId: payload.walletId,
            amount: payload.amount,
          });
        case 'screenshot':
          return screenshot(session, payload);
        default:
          return undefined;
      }
    },
  };
}

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const boxOf = (selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  window.scrollTo(0, 0);
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, width: Math.ceil(r.width), height: Math.ceil(r.height) };
};

async function screenshot(session, { name, selector, widths }) {
  if (session.browser.type !== 'puppeteer') throw new Error('screenshots need the Chrome launcher');
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name "${name}": letters, digits, . _ - only`);
  const page = session.browser.getPage(session.id);
  const before = page.viewport();
  await mkdir(SCREENSHOTS, { recursive: true });
  const files = [];
  try {
    for (const width of widths) {
      // A viewport as tall as the element's bottom, so that the capture is a plain clip.
      await page.setViewport({ width, height: 900 });
      await page.evaluate(frames);
      let box = await page.evaluate(boxOf, selector);
      if (!box) throw new Error(`screenshot ${name}: nothing matches ${selector}`);
      if (box.y + box.height > 900) {
        await page.setViewport({ width, height: Math.ceil(box.y + box.height) });
        await page.evaluate(frames);
        box = await page.evaluate(boxOf, selector);
      }
      const path = join(SCREENSHOTS, `${name}-${width}.png`);
      await page.screenshot({ path, clip: box });
      files.push(path);
    }
  } finally {
    if (before) await page.setViewport(before);
  }
  return files;
}
