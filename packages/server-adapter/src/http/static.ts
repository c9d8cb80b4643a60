import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import {
  type Coding,
  compressBest,
  compressNow,
  isCompressible,
  MIN_COMPRESSIBLE,
  preferredCoding,
} from './compression.js';

/**
 * Static folders served beside the API (`guichet serve --static /widgets/=packages/widgets/dist`):
 * the example pages, the widgets bundle, the docs. GET and HEAD only; a path that leaves its folder
 * (`..`, encoded or not, a NUL byte, a backslash) is refused; pages get a strict
 * Content-Security-Policy; every answer carries an ETag so that browsers revalidate cheaply. Text
 * is sent compressed to the browsers that accept it (`compression.ts`): files once, then kept.
 */

/** One folder and the URL prefix it is served under (`/`, `/widgets/`). */
export interface StaticRoot {
  /** Starts and ends with `/`. */
  prefix: string;
  /** Absolute or relative to the working directory. */
  dir: string;
}

export interface StaticOptions {
  /** The pages' policy; default {@link PAGE_CSP}. */
  csp?: string;
  /**
   * Values put into HTML files in place of `{{name}}` (escaped for HTML), for what a static page
   * cannot know (the outbox viewer's secret address). Unknown names become empty.
   */
  variables?: Record<string, string>;
  /** Memory for the compressed files kept, in bytes; default 16 MB (the widgets take 0.4). */
  keptBytes?: number;
}

/**
 * The policy of the served pages. The widgets need nothing more: no inline script or style (Lit
 * adopts its style sheets, which CSP does not govern), no eval, and the QR code is an inline SVG.
 * `blob:` is for images and the camera's stream in the scanners.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

interface FileInfo {
  size: number;
  mtime: Date;
}

/** A file compressed and kept; `size` is known once it is made. */
interface Kept {
  stamp: string;
  size: number;
  body: Promise<Uint8Array<ArrayBuffer>>;
}

/** Bigger files are sent as they are (a PDF, a data file): compressing them is not worth it. */
const MAX_COMPRESSED = 8_000_000;

/** Headers every static answer carries. */
const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

/**
 * A content hash in a file name (rollup's `[name]-[hash].js`: `guichet-widgets-jsQR-CznHpUSR.js`):
 * such a file never changes, so it is cached for a year. Eight base64url characters after a dash,
 * with a capital or a digit (so that `family-calendar.js` is not taken for one).
 */
function isFingerprinted(name: string): boolean {
  const match = /-([A-Za-z0-9_-]{8})\.(?:js|mjs|css|woff2)$/.exec(name);
  return !!match && /[A-Z0-9]/.test(match[1]!);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/**
 * A handler of the static folders: the answer for a request under one of them, or `null` when no
 * folder has it (the caller passes the request on, to the API for instance). The longest prefix
 * is tried first, then the others.
 */
export function staticFiles(roots: readonly StaticRoot[], options: StaticOptions = {}) {
  const csp = options.csp ?? PAGE_CSP;
  const variables = options.variables ?? {};
  const sorted = roots
    .map((r) => ({ prefix: r.prefix, dir: resolve(r.dir) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);

  // Compressed files, kept by coding and path with the size and time of the file they were made
  // from, in the order they were made: the oldest go first past `keptBytes`.
  const keptBytes = options.keptBytes ?? 16_000_000;
  const kept = new Map<string, Kept>();
  let keptSize = 0;

  return async function serveStatic(request: Request): Promise<Response | null> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    const url = new URL(request.url);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400);
    }
    const segments = path.split('/');
    if (path.includes('\0') || path.includes('\\') || segments.some((s) => s === '..' || s === '.'))
      return refuse(400);

    for (const root of sorted) {
      // `/widgets` without its slash goes to `/widgets/`.
      if (`${path}/` === root.prefix) return redirect(`${root.prefix}${url.search}`);
      if (!path.startsWith(root.prefix)) continue;
      const relative = path.slice(root.prefix.length);
      // Dot files (`.env`, `.git`) are never served.
      if (relative.split('/').some((s) => s.startsWith('.'))) continue;
      let file = join(root.dir, relative);
      if (file !== root.dir && !file.startsWith(root.dir + sep)) return refuse(400);
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!path.endsWith('/')) return redirect(`${url.pathname}/${url.search}`);
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) continue;
      return send(request, file, info);
    }
    return null;
  };

  function forget(key: string): void {
    const entry = kept.get(key);
    if (!entry) return;
    kept.delete(key);
    keptSize -= entry.size;
  }

  function compressedFile(file: string, info: FileInfo, coding: Coding): Promise<Uint8Array<ArrayBuffer>> {
    const key = `${coding} ${file}`;
    const stamp = `${info.size} ${info.mtime.getTime()}`;
    const hit = kept.get(key);
    if (hit?.stamp === stamp) return hit.body;
    forget(key);
    const entry: Kept = { stamp, size: 0, body: readFile(file).then((bytes) => compressBest(bytes, coding)) };
    kept.set(key, entry);
    entry.body.then(
      (bytes) => {
        if (kept.get(key) !== entry) return;
        entry.size = bytes.byteLength;
        keptSize += entry.size;
        for (const old of kept.keys()) {
          if (keptSize <= keptBytes || old === key) break;
          forget(old);
        }
      },
      () => {
        if (kept.get(key) === entry) kept.delete(key);
      },
    );
    return entry.body;
  }

  async function send(request: Request, file: string, info: FileInfo): Promise<Response> {
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const isHtml = type.startsWith('text/html');
    const headers: Record<string, string> = { ...COMMON, 'Content-Type': type };
    const compressible = isCompressible(type) && info.size >= MIN_COMPRESSIBLE && info.size <= MAX_COMPRESSED;
    const coding = compressible ? preferredCoding(request.headers.get('Accept-Encoding')) : null;
    let body: () => Promise<Uint8Array<ArrayBuffer> | string>;
    let etag: string;
    if (isHtml) {
      // Pages are small and may carry variables: their ETag is a hash of what is sent.
      const text = (await readFile(file, 'utf8')).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
        escapeHtml(variables[name] ?? ''),
      );
      body = async () => (coding ? compressNow(Buffer.from(text), coding) : text);
      etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
      headers['Content-Security-Policy'] = csp;
      headers['Cache-Control'] = 'no-cache';
    } else {
      body = async () => (coding ? compressedFile(file, info, coding) : new Uint8Array(await readFile(file)));
      etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtime.getTime()).toString(36)}"`;
      headers['Last-Modified'] = info.mtime.toUTCString();
      headers['Cache-Control'] = isFingerprinted(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
      // An SVG opened on its own is a document: it gets the pages' policy too.
      if (type === 'image/svg+xml') headers['Content-Security-Policy'] = csp;
    }
    if (compressible) headers.Vary = 'Accept-Encoding';
    if (coding) {
      headers['Content-Encoding'] = coding;
      // Each coding is its own representation, with its own tag.
      etag = etag.replace(/"$/, `-${coding}"`);
    }
    headers.ETag = etag;
    const match = request.headers.get('If-None-Match');
    if (match?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*'))
      return new Response(null, { status: 304, headers });
    const bytes = await body();
    headers['Content-Length'] = String(
      typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength,
    );
    return new Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers });
  }
}

function refuse(status: number): Response {
  return new Response(status === 400 ? 'Bad request\n' : 'Not found\n', {
    status,
    headers: { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

function redirect(location: string): Response {
  return new Response(null, { status: 301, headers: { ...COMMON, Location: location } });
}
