import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoIds } from '../../src/demo/seed.js';
import { seedDemo } from '../../src/demo/seed.js';
import { sendPendingMail } from '../../src/mail/sender.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { SANDBOX_SIGNATURE_HEADER, sandboxNotification, sandboxSecret } from '../../src/payments/index.js';
import { checkInvariants } from '../../src/services/check.js';
import { abandonStalePayments } from '../../src/services/payments.js';
import { testClock, testServer } from '../harness.js';
import { freePort } from './cluster.js';
import { record } from './figures.js';
import { FULL } from './scale.js';
import { families, raceSlot, session } from './world.js';

/**
 * The services Guichet depends on, down or slow: the SMTP server (mails wait in the outbox and go
 * when it is back) and the card payment provider (a payment waits for its notification, however
 * late, and is credited once).
 */

/** An SMTP server keeping the Message-IDs it accepted; `delayMs` answers DATA that late. */
function smtpSink() {
  const messageIds: string[] = [];
  let server: SMTPServer | undefined;
  let delayMs = 0;
  return {
    messageIds,
    setDelay(ms: number) {
      delayMs = ms;
    },
    async start(port: number) {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const id = /^Message-ID:\s*<([^@>]+)@guichet>/im.exec(Buffer.concat(chunks).toString())?.[1];
            setTimeout(() => {
              if (id) messageIds.push(id);
              callback();
            }, delayMs);
          });
        },
      });
      await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
      return (server.server.address() as AddressInfo).port;
    },
    stop: () => new Promise<void>((r) => (server ? server.close(() => r()) : r())),
  };
}

describe('SMTP and the payment provider down or slow', () => {
  const clock = testClock('2026-04-08T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
  });
  afterAll(async () => {
    if (t.store.kind === 'postgres') {
      await t.store.close();
      await new Promise((r) => setTimeout(r, 300));
    }
    await t.close();
  });

  it('SMTP down, then slow, then back: every mail of the outbox is delivered, none lost', async () => {
    // Booking reports of real bookings fill the outbox.
    const n = FULL ? 120 : 30;
    const fams = await families(t.db, ids, n, 'mail');
    const slot = await raceSlot(t.db, ids, 40, 500, 0);
    for (const f of fams) {
      const answer = await t.call('POST', `/accounts/${f.accountId}/bookings`, {
        token: f.token,
        body: {
          changes: [{ op: 'add', memberId: f.memberId, activityId: ids.activities.matin36, date: slot.date }],
        },
      });
      expect(answer.status).toBe(200);
    }
    const queued = await t.db.selectFrom('mail_outbox').select('id').where('sent_at', 'is', null).execute();
    expect(queued.length).toBeGreaterThanOrEqual(n);

    const port = await freePort();
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, { timeout: 400 });
    const sink = smtpSink();
    const pending = async () =>
      (await t.db.selectFrom('mail_outbox').select('id').where('sent_at', 'is', null).execute()).length;
    const rounds = async (times: number) => {
      for (let i = 0; i < times; i++) {
        // Two senders at once, as two processes would run them.
        await Promise.all([
          sendPendingMail(t.db, transport, clock(), { limit: 25 }),
          sendPendingMail(t.db, transport, clock(), { limit: 25 }),
        ]);
        clock.advance(7 * 3600_000); // past the longest backoff
      }
    };
    try {
      // Down: nothing listens.
      await rounds(3);
      const whileDown = await pending();
      const errors = await t.db
        .selectFrom('mail_outbox')
        .select('id')
        .where('last_error', 'is not', null)
        .execute();
      // Slow: the server takes longer to accept than the transport waits.
      await sink.start(port);
      sink.setDelay(1500);
      await rounds(1);
      const whileSlow = await pending();
      // Back: it answers at once.
      sink.setDelay(0);
      await new Promise((r) => setTimeout(r, 1600));
      for (let i = 0; i < 20 && (await pending()) > 0; i++) await rounds(1);
      const after = await pending();
      const delivered = new Set(sink.messageIds);
      const lost = queued.filter((m) => !delivered.has(m.id));
      record({
        scenario: 'SMTP down, slow, back: mails of the outbox',
        attempts: queued.length,
        successes: queued.length - lost.length,
        violations: lost.length + after,
        note: `${whileDown} waiting while down, ${whileSlow} while slow; ${sink.messageIds.length - delivered.size} duplicates (at least once)`,
      });
      expect(whileDown).toBe(queued.length);
      expect(errors.length).toBeGreaterThan(0);
      expect(after).toBe(0);
      expect(lost).toEqual([]);
    } finally {
      transport.close();
      await sink.stop();
    }
  }, 120_000);

  it('payment provider down then back late: every payment is credited once, whatever the replays', async () => {
    const family = await session(t.db, ids.town, 'family', {
      accountId: ids.dupont.accountId,
      userId: ids.dupont.userId,
    });
    const peri = ids.dupont.wallets.periscolaire;
    const balance = async () =>
      (await t.db.selectFrom('wallets').select('balance').where('id', '=', peri).executeTakeFirstOrThrow())
        .balance;
    const before = await balance();
    const k = FULL ? 40 : 10;
    const started: { paymentId: string; amount: number }[] = [];
    for (let i = 0; i < k; i++) {
      const amount = 1000 + i;
      const a = await t.call('POST', `/accounts/${ids.dupont.accountId}/payments`, {
        token: family.token,
        headers: { 'Idempotency-Key': randomUUID() },
        body: {
          amounts: { [peri]: amount },
          email: 'jean-paul.dupont@example.fr',
          returnUrl: 'http://localhost:8080/famille',
        },
      });
      expect(a.status).toBe(200);
      started.push({ paymentId: a.body.paymentId, amount });
    }
    // The provider is down: no notification for a day and more; the job gives the payments up.
    clock.advance(25 * 3600_000);
    const abandoned = await abandonStalePayments(t.db, clock());
    expect(abandoned).toBe(k);
    expect(await balance()).toBe(before);

    // It comes back and, slow and unsure, notifies each payment three times at once, then again.
    const secret = sandboxSecret(t.guichet.config);
    const notify = async (paymentId: string, amount: number) => {
      const n = sandboxNotification(secret, {
        paymentId,
        status: 'paid',
        providerRef: `SBX-${paymentId.slice(0, 8)}`,
        amount,
      });
      const res = await t.guichet.fetch(
        new Request('http://guichet.test/payments/notify/sandbox', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: n.signature },
          body: n.body,
        }),
      );
      return { status: res.status, text: await res.text() };
    };
    const answers = await Promise.all(
      started.flatMap((p) => [
        notify(p.paymentId, p.amount),
        notify(p.paymentId, p.amount),
        notify(p.paymentId, p.amount),
      ]),
    );
    const late = await Promise.all(started.map((p) => notify(p.paymentId, p.amount)));
    const credited = [...answers, ...late].filter((a) => a.text === 'OK credited').length;
    const expected = started.reduce((s, p) => s + p.amount, 0);
    const violations = await checkInvariants(t.db);
    const paid = await t.db.selectFrom('card_payments').select('id').where('status', '=', 'paid').execute();
    record({
      scenario: 'payment provider down 25 h, back with 4 notifications each',
      attempts: answers.length + late.length,
      successes: credited,
      violations:
        Number(credited !== k) + Number((await balance()) - before !== expected) + violations.length,
      note: `${k} payments, each credited once`,
    });
    expect([...answers, ...late].every((a) => a.status === 200)).toBe(true);
    expect(credited).toBe(k);
    expect(paid).toHaveLength(k);
    expect((await balance()) - before).toBe(expected);
    expect(violations).toEqual([]);
  });
});
