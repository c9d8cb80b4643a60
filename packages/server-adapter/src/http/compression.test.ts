import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { compressBest, compressNow, isCompressible, preferredCoding } from './compression.js';

describe('compression', () => {
  test.each([
    ['gzip, deflate, br, zstd', 'br'], // Chromium
    ['gzip, deflate', 'gzip'], // Node's fetch
    ['gzip, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR ; Q=1', 'br'],
    ['*', 'br'],
    ['*;q=0.5, gzip', 'gzip'],
    ['gzip;q=0, *', 'br'],
    ['br;q=0, gzip;q=0', null],
    ['identity', null],
    ['deflate', null],
    ['', null],
    [null, null],
    ['gzip;q=abc', null],
  ] as const)('Accept-Encoding %j → %s', (header, coding) => {
    expect(preferredCoding(header)).toBe(coding);
  });

  test('text compresses, images and fonts do not', () => {
    for (const type of ['application/json', 'text/javascript; charset=utf-8', 'text/html', 'image/svg+xml'])
      expect(isCompressible(type), type).toBe(true);
    for (const type of ['image/png', 'font/woff2', 'application/pdf', 'application/octet-stream'])
      expect(isCompressible(type), type).toBe(false);
  });

  test('both codings give back the bytes, made quickly or kept', async () => {
    const text = Buffer.from(
      JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ day: i, state: 'closed' }))),
    );
    expect(brotliDecompressSync(compressNow(text, 'br'))).toEqual(text);
    expect(gunzipSync(compressNow(text, 'gzip'))).toEqual(text);
    const best = await compressBest(text, 'br');
    expect(brotliDecompressSync(best)).toEqual(text);
    expect(gunzipSync(await compressBest(text, 'gzip'))).toEqual(text);
    expect(compressNow(text, 'br').byteLength).toBeLessThan(text.byteLength / 10);
  });
});
