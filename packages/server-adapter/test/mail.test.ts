import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { outboxMailer } from '../src/mail/outbox.js';
import { backoffMs, sendPendingMail } from '../src/mail/sender.js';
import {
  countermarkConfirmationMail,
  createMailTemplates,
  paymentConfirmedMail,
  placesExpiringMail,
  QR_CID,
  qrImage,
} from '../src/mail/templates.js';
import { smtpTransport } from '../src/mail/transport.js';
import { testClock, testServer } from './harness.js';

/** A real SMTP server in this process, keeping what it receives. */
function smtpSink() {
  const received: { from: string; to: string[]; raw: string }[] = [];
  let server: SMTPServer | undefined;
  let port = 0;
  async function start(onPort = 0) {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server!.listen(onPort, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
    return port;
  }
  const stop = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  return { received, start, stop, port: () => port };
}

/** The decoded text of a received mail: its subject and every text part (quoted-printable or base64). */
function decode(raw: string) {
  const word = (s: string) =>
    s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
  const qp = (s: string) =>
    Buffer.from(
      s
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  const subject = word(/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? '');
  const parts = raw.split(/\r\n--[^\r\n]+\r\n/).map((part) => {
    const [head = '', ...rest] = part.split('\r\n\r\n');
    const body = rest.join('\r\n\r\n').replace(/\r\n--[^\r\n]+--\s*$/, '');
    const type = /Content-Type: ([^;\r\n]+)/i.exec(head)?.[1] ?? '';
    const cte = /Content-Transfer-Encoding: (\S+)/i.exec(head)?.[1]?.toLowerCase();
    const text =
      cte === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : cte === 'quoted-printable'
          ? qp(body)
          : body;
    return { type, head, text };
  });
  return { subject, parts, text: parts.find((p) => p.type === 'text/plain')?.text ?? '' };
}

describe('mail: outbox, sender job and SMTP', () => {
  const clock = testClock(new Date(Date.now() + 60_000).toISOString());
  const smtp = smtpSink();
  let t: Awaited<ReturnType<typeof testServer>>;

  beforeAll(async () => {
    await smtp.start();
    t = await testServer({ clock });
    await seedDemo(t.db, clock());
  });
  afterAll(async () => {
    await smtp.stop();
    await t.close();
  });

  it('delivers a queued mail (a password reset) over SMTP, once', async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port()}`, {
      from: 'Mairie <guichet@carteville.example.fr>',
    });
    try {
      const asked = await t.call('POST', '/auth/password-reset', { body: { login: 'dupont' } });
      expect(asked.status).toBe(202);
      const report = await sendPendingMail(t.db, transport, clock());
      expect(report).toEqual({ sent: 1, failed: 0, deferred: 0 });
      expect(await sendPendingMail(t.db, transport, clock())).toEqual({ sent: 0, failed: 0, deferred: 0 });

      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect(mail.to).toEqual(['jean-paul.dupont@example.fr']);
      expect(mail.from).toBe('guichet@carteville.example.fr');
      const row = await t.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
      expect(mail.raw).toContain(`Message-ID: <${row.id}@guichet>`);
      expect(row.sent_at).not.toBeNull();
      const decoded = decode(mail.raw);
      expect(decoded.subject).toBe('Réinitialisation de votre mot de passe');
      expect(decoded.text).toMatch(/http:\/\/localhost:8080\/reset-password#token=gr_[\w-]+/);
      expect(
        decoded.parts.some(
          (p) =>
            p.type === 'text/html' && p.text.includes('<a href="http://localhost:8080/reset-password#token='),
        ),
      ).toBe(true);
    } finally {
      transport.close();
    }
  });

  it('keeps a mail when SMTP is down, backs off, then delivers it once when SMTP is back', async () => {
    const port = smtp.port();
    await smtp.stop();
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, { timeout: 2_000 });
    const before = smtp.received.length;
    try {
      await outboxMailer.queue(t.db, {
        to: 'claire.martin@example.fr',
        subject: 'Test',
        text: 'Bonjour',
        html: '<p>Bonjour</p>',
        kind: 'test',
      });
      const down = await sendPendingMail(t.db, transport, clock());
      expect(down.sent).toBe(0);
      expect(down.failed).toBe(1);
      let row = await t.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('kind', '=', 'test')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 1, sent_at: null, locked_until: null });
      expect(row.last_error).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
      expect(row.next_attempt_at.getTime()).toBe(clock().getTime() + backoffMs(1));

      // Not due yet: nothing is tried.
      expect(await sendPendingMail(t.db, transport, clock())).toEqual({ sent: 0, failed: 0, deferred: 0 });
      // Still down at the next try: attempts grow, the delay doubles.
      clock.advance(backoffMs(1));
      expect((await sendPendingMail(t.db, transport, clock())).failed).toBe(1);
      row = await t.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      expect(row.attempts).toBe(2);
      expect(row.next_attempt_at.getTime()).toBe(clock().getTime() + backoffMs(2));

      // SMTP is back.
      await smtp.start(port);
      clock.advance(backoffMs(2));
      expect(await sendPendingMail(t.db, transport, clock())).toMatchObject({ sent: 1, failed: 0 });
      clock.advance(backoffMs(10));
      expect(await sendPendingMail(t.db, transport, clock())).toMatchObject({ sent: 0 });
      const arrived = smtp.received.slice(before);
      expect(arrived).toHaveLength(1);
      expect(arrived[0]!.to).toEqual(['claire.martin@example.fr']);
      row = await t.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      expect(row.sent_at).not.toBeNull();
      expect(row.attempts).toBe(2);
    } finally {
      transport.close();
    }
  });

  it('leaves a mail claimed by another sender alone until its lease ends', async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port()}`);
    try {
      await outboxMailer.queue(t.db, {
        to: 'a@example.fr',
        subject: 'Lease',
        text: 'x',
        html: '<p>x</p>',
        kind: 'lease',
      });
      const lease = new Date(clock().getTime() + 60_000);
      await t.db
        .updateTable('mail_outbox')
        .set({ locked_until: lease })
        .where('kind', '=', 'lease')
        .execute();
      expect((await sendPendingMail(t.db, transport, clock())).sent).toBe(0);
      clock.advance(61_000);
      expect((await sendPendingMail(t.db, transport, clock())).sent).toBe(1);
    } finally {
      transport.close();
    }
  });

  it('sends the voucher mail with its QR image inline', async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port()}`);
    const before = smtp.received.length;
    try {
      const mail = createMailTemplates().voucherLoaded({
        to: 'centre@example.fr',
        holderName: 'Centre de loisirs <Les Pins>',
        networkName: 'Cinémas de CarteVille',
        number: 'CT-ABCD2345',
        qrPayload: 'GV1.CT-ABCD2345.signature',
        places: 20,
        lastValidDay: '2027-06-14',
        created: true,
      });
      expect(mail.html).toContain(`<img src="cid:${QR_CID}"`);
      expect(mail.html).toContain('Centre de loisirs &#60;Les Pins&#62;');
      await outboxMailer.queue(t.db, mail);
      expect((await sendPendingMail(t.db, transport, clock())).sent).toBe(1);
      const raw = smtp.received[before]!.raw;
      expect(raw).toContain('Content-Type: image/gif');
      expect(raw).toContain(`Content-ID: <${QR_CID}>`);
      const gif = decode(raw).parts.find((p) => p.type === 'image/gif')!;
      expect(gif).toBeDefined();
    } finally {
      transport.close();
    }
  });

  it('shows the outbox at a secret address, escaped', async () => {
    expect(t.guichet.outboxUrl).toMatch(/^http:\/\/localhost:8080\/outbox\?key=/);
    const url = new URL(t.guichet.outboxUrl!);
    await outboxMailer.queue(t.db, {
      to: 'x@example.fr',
      subject: '<script>alert(1)</script>',
      text: 'a < b',
      html: '<p onclick="x()">hi</p>',
      kind: 'xss',
    });
    const get = (path: string) => t.guichet.fetch(new Request(`http://guichet.test${path}`));
    expect((await get('/outbox')).status).toBe(404);
    expect((await get('/outbox?key=wrong')).status).toBe(404);
    const list = await get(`/outbox${url.search}`);
    expect(list.status).toBe(200);
    const page = await list.text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    const row = await t.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('kind', '=', 'xss')
      .executeTakeFirstOrThrow();
    const one = await get(`/outbox/${row.id}${url.search}`);
    expect(await one.text()).toContain('a &#60; b');
    const framed = await get(`/outbox/${row.id}/html${url.search}`);
    expect(framed.headers.get('Content-Security-Policy')).toMatch(/^sandbox; default-src 'none'/);
  });

  it('writes the templates in French then English, escaping names', () => {
    const paid = paymentConfirmedMail({
      to: 'a@example.fr',
      holderName: 'DUPONT <Jean>',
      structureName: 'Mairie de CarteVille',
      total: 7900,
      lines: [{ walletName: 'PERISCOLAIRE', amount: 7900 }],
      reference: 'SBX-1',
      paidAt: new Date('2026-04-08T08:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    expect(paid.text).toContain('Votre paiement par carte de 79,00\u00a0€');
    expect(paid.text).toContain('Your card payment of €79.00');
    expect(paid.html).toContain('DUPONT &#60;Jean&#62;');
    expect(paid.html).not.toContain('<Jean>');
    const expiring = placesExpiringMail({
      to: 'c@example.fr',
      holderName: 'Centre',
      networkName: 'Cinémas',
      number: 'CT-X',
      lots: [
        { places: 3, lastValidDay: '2026-05-01' },
        { places: 1, lastValidDay: '2026-05-03' },
      ],
    });
    expect(expiring.text).toContain('4 places de votre cartoonette CT-X');
    expect(expiring.text).toContain("3 places valables jusqu'au 1 mai 2026 inclus");
    const cm = countermarkConfirmationMail({
      to: 'b@example.fr',
      beneficiaryName: 'Inès MOREAU',
      offerName: 'Le Voyage',
      venueName: 'Cinéma Le Rex',
      beginsAt: new Date('2026-04-20T18:30:00Z'),
      timeZone: 'Europe/Paris',
      quantity: 2,
      price: 1000,
      token: 'K7QX2M',
      cancellationLimit: new Date('2026-04-18T18:30:00Z'),
    });
    expect(cm.text).toContain('K7QX2M');
    expect(cm.text).toContain('20:30');
    expect(cm.kind).toBe('countermark_confirmation');
    expect(qrImage('hello').content.length).toBeGreaterThan(100);
    expect(Object.keys(createMailTemplates()).sort()).toEqual([
      'bookingReport',
      'countermarkConfirmation',
      'paymentConfirmed',
      'placesExpiring',
      'voucherLoaded',
      'waitingAccepted',
      'waitingRefused',
    ]);
  });
});
