import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

/**
 * Compression of what the server sends itself, for the deployments without a proxy that does it
 * (`npm start`, one process). A calendar month is 25 kB of JSON and 1.4 kB compressed; the widgets
 * bundle 164 kB and 40 kB in brotli. API answers are compressed as they are made, quickly (about
 * 90 µs of the server's CPU for a month on the bench's machine, 8 % of the request); static files
 * once, as small as they get (brotli 11, off the main thread), then kept.
 */

/** The content codings Guichet sends, best first. */
export type Coding = 'br' | 'gzip';

/** Below this a compressed answer saves less than its headers and the work cost. */
export const MIN_COMPRESSIBLE = 1024;

/**
 * The coding to send for a request's `Accept-Encoding`: the one of `br` and `gzip` the client
 * weighs most (`*` names any not listed, `q=0` refuses), brotli on a tie; null for none.
 * @example
 * preferredCoding('gzip, deflate, br, zstd') // 'br'
 * preferredCoding('gzip, br;q=0.5') // 'gzip'
 * preferredCoding('identity') // null
 */
export function preferredCoding(acceptEncoding: string | null | undefined): Coding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*(\S*)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (name && Number.isFinite(weight)) weights.set(name.trim(), weight);
  }
  const any = weights.get('*') ?? 0;
  let best: Coding | null = null;
  let bestWeight = 0;
  for (const coding of ['br', 'gzip'] as const) {
    const weight = weights.get(coding) ?? any;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Whether a `Content-Type` is text that compresses (images, fonts and archives already are). */
export function isCompressible(type: string): boolean {
  return /^(text\/|application\/(json|javascript|manifest\+json|problem\+json|wasm)|image\/svg\+xml)/.test(
    type,
  );
}

// zlib's output is a buffer of its own, never shared memory.
type Bytes = Buffer<ArrayBuffer>;

/**
 * An answer compressed as it is sent, on the main thread, at the fastest settings: a month's 25 kB
 * become 1.4 kB (0.8 kB at brotli 4, for 2.5 times the work, which no network would notice).
 */
export function compressNow(body: Uint8Array, coding: Coding): Bytes {
  return (
    coding === 'br'
      ? brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 1,
            // A 256 kB window, not 4 MB: answers are smaller, and the encoder's memory follows it.
            [constants.BROTLI_PARAM_LGWIN]: 18,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        })
      : gzipSync(body, { level: 1 })
  ) as Bytes;
}

const brotliLater = promisify(brotliCompress);
const gzipLater = promisify(gzip);

/** A file compressed once to be kept: the smallest settings, in libuv's thread pool. */
export function compressBest(body: Uint8Array, coding: Coding): Promise<Bytes> {
  return (
    coding === 'br'
      ? brotliLater(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        })
      : gzipLater(body, { level: 9 })
  ) as Promise<Bytes>;
}
