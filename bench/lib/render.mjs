// Rendering in headless Chromium (Debian's, never a downloaded one): the bundles of
// bench/lib/build.mjs served from a loopback static server, driven by puppeteer-core.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const TYPES = { '.js': 'text/javascript', '.html': 'text/html; charset=utf-8', '.map': 'application/json' };

/** Serves `dir` (and the pages given by name) on 127.0.0.1; `close()` stops it. */
export async function staticServer(dir, pages = {}) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const headers = { 'Cache-Control': 'no-store' };
    if (pages[path] !== undefined) {
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] }).end(pages[path]);
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res
        .writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () => new Promise((resolve) => server.close(resolve)),
    setPage: (p, html) => (pages[p] = html),
  };
}

export async function launch() {
  return puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : Number.NaN;
};

/**
 * Renders a month `runs` times in each library, interleaved (family-calendar, FullCalendar,
 * Cally, again...) so machine noise hits them alike; the first `warmup` rounds are dropped.
 */
export async function renderBench(browser, origin, { runs = 15, warmup = 3 } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/render.html`, { waitUntil: 'load' });
  await page.waitForFunction('window.bench !== undefined', { timeout: 20_000 });
  const libs = ['familyCalendar', 'fullCalendar', 'cally'];
  const samples = Object.fromEntries(libs.map((l) => [l, { first: [], next: [], ok: true }]));
  for (let round = 0; round < runs + warmup; round++) {
    for (const lib of libs) {
      const r = await page.evaluate((name) => window.bench[name](), lib);
      if (!r.ok) samples[lib].ok = false;
      if (round >= warmup) {
        samples[lib].first.push(r.first);
        samples[lib].next.push(r.next);
      }
    }
  }
  await page.close();
  return {
    errors,
    ...Object.fromEntries(
      libs.map((l) => [
        l,
        { first: median(samples[l].first), next: median(samples[l].next), ok: samples[l].ok, runs },
      ]),
    ),
  };
}

/** The page a town's web developer writes: the script, the tag with `api`, nothing else (in `lang`). */
export function tagPage(api, today, lang = 'fr') {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Réservations</title>
<script type="module" src="/tag.js"></script></head><body>
<family-calendar api="${api}" today="${today}"></family-calendar>
<script type="module">
  const el = document.querySelector('family-calendar');
  // Shown: the server's month drawn (the grid alone appears before the data arrives).
  window.shown = new Promise((resolve) => {
    const check = () => {
      const day = el.calendar && el.shadowRoot?.querySelector('button[data-date]');
      if (!day) return false;
      day.getBoundingClientRect();
      resolve({ at: performance.now(), days: el.shadowRoot.querySelectorAll('button[data-date]').length });
      return true;
    };
    customElements.whenDefined('family-calendar').then(() => {
      if (check()) return;
      new MutationObserver((_, o) => { if (check()) o.disconnect(); }).observe(el.shadowRoot, { childList: true, subtree: true, attributes: true });
    });
  });
</script></body></html>`;
}

/**
 * From navigation (the tag on a page) to the first month shown, against the real server: the
 * session's token waits in sessionStorage as the element keeps it (cross-origin bearer mode).
 * A fresh page each run; the median.
 */
export async function tagBench(browser, origin, { api, token, runs = 9, warmup = 1 }) {
  const context = await browser.createBrowserContext();
  const times = [];
  let days = 0;
  const errors = [];
  for (let i = 0; i < runs + warmup; i++) {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.evaluateOnNewDocument(
      (key, value) => sessionStorage.setItem(key, value),
      `guichet:token:${new URL(api).origin}`,
      token(i),
    );
    await page.goto(`${origin}/tag.html`, { waitUntil: 'domcontentloaded' });
    const shown = await page.evaluate(() =>
      Promise.race([window.shown, new Promise((r) => setTimeout(() => r(null), 10_000))]),
    );
    if (shown && i >= warmup) times.push(shown.at);
    if (shown) days = shown.days;
    await page.close();
  }
  await context.close();
  return { median: median(times), runs: times.length, days, errors };
}
