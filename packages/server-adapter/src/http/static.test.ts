import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGE_CSP, staticFiles } from './static.js';

let root: string;
const BIG = `export const days = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ day: i })))};`;
const BROWSER = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };
let serve: ReturnType<typeof staticFiles>;
const get = (path: string, headers: Record<string, string> = {}) =>
  serve(new Request(`http://guichet.test${path}`, { headers }));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'guichet-static-'));
  mkdirSync(join(root, 'site/cinema'), { recursive: true });
  mkdirSync(join(root, 'widgets'));
  writeFileSync(join(root, 'site/index.html'), '<a href="{{outboxUrl}}">outbox</a>{{unknown}}');
  writeFileSync(join(root, 'site/cinema/desk.html'), '<p>desk</p>');
  writeFileSync(join(root, 'site/.env'), 'SECRET=1');
  writeFileSync(join(root, 'widgets/guichet-widgets.js'), 'export {};');
  writeFileSync(join(root, 'widgets/guichet-widgets-jsQR-CznHpUSR.js'), 'export {};');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  writeFileSync(join(root, 'widgets/big.js'), BIG);
  writeFileSync(join(root, 'widgets/logo.png'), Buffer.alloc(4000, 1));
  writeFileSync(join(root, 'site/long.html'), `<p>{{outboxUrl}}</p>${'<p>Guichet</p>'.repeat(200)}`);
  serve = staticFiles(
    [
      { prefix: '/', dir: join(root, 'site') },
      { prefix: '/widgets/', dir: join(root, 'widgets') },
    ],
    { variables: { outboxUrl: 'http://x/outbox?key=a&b="c"' } },
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('static files', () => {
  test('pages get the CSP, nosniff, no-referrer and their variables, escaped', async () => {
    const response = (await get('/'))!;
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(PAGE_CSP);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(await response.text()).toBe('<a href="http://x/outbox?key=a&amp;b=&quot;c&quot;">outbox</a>');
  });

  test('scripts are JavaScript; fingerprinted chunks are immutable, the rest revalidated', async () => {
    const bundle = (await get('/widgets/guichet-widgets.js'))!;
    expect(bundle.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(bundle.headers.get('Cache-Control')).toBe('no-cache');
    expect(bundle.headers.get('Content-Security-Policy')).toBeNull();
    const chunk = (await get('/widgets/guichet-widgets-jsQR-CznHpUSR.js'))!;
    expect(chunk.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  test('an unchanged file answers 304 to its ETag; HEAD has no body', async () => {
    const first = (await get('/widgets/guichet-widgets.js'))!;
    const etag = first.headers.get('ETag')!;
    expect((await get('/widgets/guichet-widgets.js', { 'If-None-Match': etag }))!.status).toBe(304);
    const head = (await serve(new Request('http://guichet.test/', { method: 'HEAD' })))!;
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  test('folders redirect to their slash and serve index.html', async () => {
    const response = (await get('/widgets'))!;
    expect(response.status).toBe(301);
    expect(response.headers.get('Location')).toBe('/widgets/');
    expect((await get('/cinema'))!.headers.get('Location')).toBe('/cinema/');
  });

  test('never leaves its folder, never serves dot files, leaves the rest to the API', async () => {
    expect((await get('/widgets/..%2fsecret.txt'))!.status).toBe(400);
    expect((await get('/..%2f..%2fsecret.txt'))!.status).toBe(400);
    expect((await get('/cinema%5c..%5c..%5csecret.txt'))!.status).toBe(400);
    expect((await get('/%00'))!.status).toBe(400);
    expect(await get('/.env')).toBeNull();
    expect(await get('/missing.html')).toBeNull();
    expect(await serve(new Request('http://guichet.test/', { method: 'POST' }))).toBeNull();
  });

  test('text goes compressed to the clients that accept it, each coding with its own ETag', async () => {
    const br = (await get('/widgets/big.js', BROWSER))!;
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Vary')).toBe('Accept-Encoding');
    const bytes = Buffer.from(await br.arrayBuffer());
    expect(br.headers.get('Content-Length')).toBe(String(bytes.byteLength));
    expect(brotliDecompressSync(bytes).toString()).toBe(BIG);
    expect(bytes.byteLength).toBeLessThan(BIG.length / 5);

    const gzip = (await get('/widgets/big.js', { 'Accept-Encoding': 'gzip' }))!;
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(BIG);

    const plain = (await get('/widgets/big.js'))!;
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(plain.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(BIG);

    const tags = [br, gzip, plain].map((r) => r.headers.get('ETag'));
    expect(new Set(tags).size).toBe(3);
    expect((await get('/widgets/big.js', { ...BROWSER, 'If-None-Match': tags[0]! }))!.status).toBe(304);
    // The identity's tag does not stand for the brotli body.
    expect((await get('/widgets/big.js', { ...BROWSER, 'If-None-Match': tags[2]! }))!.status).toBe(200);
    const head = (await serve(
      new Request('http://guichet.test/widgets/big.js', { method: 'HEAD', headers: BROWSER }),
    ))!;
    expect(head.headers.get('Content-Length')).toBe(String(bytes.byteLength));
    expect(await head.text()).toBe('');
  });

  test('a file changed since it was compressed is compressed again', async () => {
    const file = join(root, 'widgets/changing.js');
    const first = BIG.replace('days', 'first');
    const second = BIG.replace('days', 'second');
    writeFileSync(file, first);
    utimesSync(file, new Date('2026-01-01'), new Date('2026-01-01'));
    const decoded = async () =>
      brotliDecompressSync(
        Buffer.from(await (await get('/widgets/changing.js', BROWSER))!.arrayBuffer()),
      ).toString();
    expect(await decoded()).toBe(first);
    writeFileSync(file, second);
    utimesSync(file, new Date('2026-01-02'), new Date('2026-01-02'));
    expect(await decoded()).toBe(second);
  });

  test('pages are compressed with their variables; small files, images and fonts are not', async () => {
    const page = (await get('/long.html', BROWSER))!;
    expect(page.headers.get('Content-Encoding')).toBe('br');
    const html = brotliDecompressSync(Buffer.from(await page.arrayBuffer())).toString();
    expect(html.startsWith('<p>http://x/outbox?key=a&amp;b=&quot;c&quot;</p>')).toBe(true);
    for (const path of ['/widgets/guichet-widgets.js', '/widgets/logo.png']) {
      const response = (await get(path, BROWSER))!;
      expect(response.headers.get('Content-Encoding'), path).toBeNull();
      expect(response.headers.get('Vary'), path).toBeNull();
    }
  });

  test('compressed files are kept within their memory, the oldest forgotten first', async () => {
    const dir = join(root, 'kept');
    mkdirSync(dir);
    // The same size and time: only what is kept tells the two contents apart.
    const [v1, v2] = [BIG.replace('days', 'aaaa'), BIG.replace('days', 'bbbb')];
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      utimesSync(join(dir, name), new Date('2026-01-01'), new Date('2026-01-01'));
    };
    const read = async (files: ReturnType<typeof staticFiles>, path: string) => {
      const response = (await files(new Request(`http://guichet.test${path}`, { headers: BROWSER })))!;
      return brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString();
    };

    const roomy = staticFiles([{ prefix: '/', dir }], { keptBytes: 1_000_000 });
    write('a.js', v1);
    write('b.js', v1);
    expect(await read(roomy, '/a.js')).toBe(v1);
    write('a.js', v2);
    await read(roomy, '/b.js');
    expect(await read(roomy, '/a.js')).toBe(v1);

    const tight = staticFiles([{ prefix: '/', dir }], { keptBytes: 1 }); // the newest only
    write('a.js', v1);
    expect(await read(tight, '/a.js')).toBe(v1);
    write('a.js', v2);
    expect(await read(tight, '/a.js')).toBe(v1);
    await read(tight, '/b.js');
    expect(await read(tight, '/a.js')).toBe(v2);
  });
});
