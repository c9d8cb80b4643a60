import { createHash } from 'node:crypto';
import { escapeHtml } from '../mail/outbox.js';

/**
 * The few HTML pages the server itself serves (sandbox bank, payment return, form relay, outbox
 * viewer). No script at all; the one style sheet is allowed by its hash, so the pages work under
 * `default-src 'none'`. Every value put in a page goes through `escapeHtml`.
 */

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f4f0;color:#1d1d1b}
main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px #0003}
h1{font-size:1.4rem;margin-top:0}table{border-collapse:collapse;width:100%}
td,th{padding:.3rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.amount{text-align:right;white-space:nowrap}.total{font-weight:bold}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1rem}
button,.button{font:inherit;padding:.6rem 1rem;border-radius:.3rem;border:1px solid #555;background:#fff;color:inherit;cursor:pointer;text-decoration:none}
button.primary{background:#1b5e20;color:#fff;border-color:#1b5e20}
.bank{border-top:6px solid #0d47a1}.note{color:#555;font-size:.9rem}
.status{padding:.75rem 1rem;border-radius:.3rem;margin:1rem 0}
.paid{background:#e8f5e9}.refused,.abandoned{background:#fdecea}.pending{background:#fff8e1}
pre{white-space:pre-wrap;background:#f7f7f7;padding:.75rem;overflow:auto}
iframe{width:100%;height:30rem;border:1px solid #ccc}label{display:block;margin:.5rem 0}
input{font:inherit;padding:.3rem}`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

export interface PageOptions {
  lang: 'fr' | 'en';
  title: string;
  /** Already-escaped HTML. */
  body: string;
  status?: number;
  /** Origins a form of the page may post to, besides this server. */
  formTargets?: readonly string[];
  /** Pages this one may frame (the outbox viewer frames a mail). */
  frames?: boolean;
  /** Seconds after which the page reloads itself (a pending payment). */
  refresh?: number;
}

/** A complete page with its security headers. */
export function htmlPage(options: PageOptions): Response {
  const csp = [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    'img-src data:',
    `form-action 'self'${(options.formTargets ?? []).map((t) => ` ${t}`).join('')}`,
    options.frames ? "frame-src 'self'" : '',
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]
    .filter(Boolean)
    .join('; ');
  const refresh = options.refresh ? `<meta http-equiv="refresh" content="${options.refresh}">` : '';
  const html = `<!doctype html><html lang="${options.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}<title>${escapeHtml(options.title)}</title><style>${STYLE}</style></head><body>${options.body}</body></html>`;
  return new Response(html, {
    status: options.status ?? 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  });
}

export { escapeHtml };
