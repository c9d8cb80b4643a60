import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { htmlPage } from '../payments/html.js';
import type { Db } from '../store/db.js';
import { escapeHtml } from './outbox.js';

/**
 * The outbox viewer: where mails can be read when no SMTP server is configured (`npm start`) or in
 * demo mode. Mails hold reset links, so the pages answer only with the random `key` printed on
 * start. Every value is escaped; a mail's own HTML is served apart, under a CSP `sandbox` with no
 * script, and framed.
 */

const same = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

function statusOf(m: { sent_at: Date | null; attempts: number; last_error: string | null }) {
  if (m.sent_at) return `envoyé ${m.sent_at.toISOString()}`;
  if (m.attempts) return `en attente, ${m.attempts} essai(s) : ${m.last_error ?? ''}`;
  return 'en attente';
}

/** Mounts `GET /outbox`, `/outbox/:id` and `/outbox/:id/html`, all behind `?key=`. */
export function mountOutboxViewer(app: Hono, db: Db, key: string): void {
  const q = `key=${encodeURIComponent(key)}`;
  const denied = () =>
    htmlPage({ lang: 'fr', title: 'Boîte d’envoi', body: '<main><h1>404</h1></main>', status: 404 });

  app.get('/outbox', async (c) => {
    if (!same(c.req.query('key') ?? '', key)) return denied();
    const mails = await db
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'subject', 'kind', 'created_at', 'sent_at', 'attempts', 'last_error'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(200)
      .execute();
    const rows = mails
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.created_at.toISOString())}</td><td>${escapeHtml(m.to_address)}</td><td><a href="/outbox/${encodeURIComponent(m.id)}?${escapeHtml(q)}">${escapeHtml(m.subject)}</a></td><td>${escapeHtml(m.kind)}</td><td>${escapeHtml(statusOf(m))}</td></tr>`,
      )
      .join('');
    const body = `<main><h1>Boîte d’envoi (${mails.length})</h1><p class="note">Les mails que Guichet enverrait, les plus récents d’abord (200 au plus).</p>
<table><thead><tr><th>Créé</th><th>À</th><th>Objet</th><th>Type</th><th>État</th></tr></thead><tbody>${rows}</tbody></table></main>`;
    return htmlPage({ lang: 'fr', title: 'Boîte d’envoi', body });
  });

  app.get('/outbox/:id', async (c) => {
    if (!same(c.req.query('key') ?? '', key)) return denied();
    const m = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', c.req.param('id'))
      .executeTakeFirst();
    if (!m) return denied();
    const htmlUrl = `/outbox/${encodeURIComponent(m.id)}/html?${q}`;
    const body = `<main><p><a href="/outbox?${escapeHtml(q)}">← Boîte d’envoi</a></p><h1>${escapeHtml(m.subject)}</h1>
<table><tr><th>À</th><td>${escapeHtml(m.to_address)}</td></tr><tr><th>Type</th><td>${escapeHtml(m.kind)}</td></tr>
<tr><th>Créé</th><td>${escapeHtml(m.created_at.toISOString())}</td></tr><tr><th>État</th><td>${escapeHtml(statusOf(m))}</td></tr>
<tr><th>Pièces jointes</th><td>${escapeHtml(m.attachments.map((a) => a.filename).join(', ') || '—')}</td></tr></table>
<h2>HTML</h2><iframe sandbox src="${escapeHtml(htmlUrl)}" title="HTML"></iframe><h2>Texte</h2><pre>${escapeHtml(m.text_body)}</pre></main>`;
    return htmlPage({ lang: 'fr', title: m.subject, body, frames: true });
  });

  app.get('/outbox/:id/html', async (c) => {
    if (!same(c.req.query('key') ?? '', key)) return denied();
    const m = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', c.req.param('id'))
      .executeTakeFirst();
    if (!m) return denied();
    // Inline images (`cid:`) become data URLs so the browser shows them.
    let html = m.html_body;
    for (const a of m.attachments)
      if (a.cid && /^image\/(gif|png|jpeg)$/.test(a.contentType))
        html = html.replaceAll(`cid:${a.cid}`, `data:${a.contentType};base64,${a.content}`);
    return new Response(`<!doctype html><meta charset="utf-8">${html}`, {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
