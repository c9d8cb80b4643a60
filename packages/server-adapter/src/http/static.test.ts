import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGE_CSP, staticFiles } from './static.js';

let root: string;
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
});
