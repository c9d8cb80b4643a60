import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { bookingReportMail, promotionMail, waitingRefusedMail } from '../../src/mail/family-mails.js';
import type { Mail } from '../../src/mail/outbox.js';
import {
  countermarkConfirmationMail,
  paymentConfirmedMail,
  placesExpiringMail,
  voucherMail,
} from '../../src/mail/templates.js';
import { screeningAnswerMail, voucherLoadMail } from '../../src/mail/voucher-mails.js';
import { testServer } from '../harness.js';
import { record } from './figures.js';
import { raceSlot, session } from './world.js';

/** Names that are markup: in a mail they must arrive as text. */
export const HOSTILE_NAMES = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "Ève' onmouseover='alert(1)",
  '</p><a href="javascript:alert(1)">clic</a>',
  '<style>body{display:none}</style>',
  '&lt;déjà échappé&gt; & Cie',
];

/**
 * What a name that went through a mail made of the HTML: every `<` of escaped text is `&#60;`, so
 * each `<` left opens a real element. None may be a script, a frame, an SVG or a style block, no
 * attribute may be an event handler or a `javascript:` link, and images come from the mail itself.
 */
function unsafe(html: string): string[] {
  const found: string[] = [];
  for (const [tag, name, attributes] of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const n = name!.toLowerCase();
    if (['script', 'svg', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form'].includes(n))
      found.push(tag);
    if (/\son\w+\s*=/i.test(attributes!) || /javascript:/i.test(attributes!)) found.push(tag);
    if (n === 'img' && !/\ssrc="(cid|data):/i.test(attributes!)) found.push(tag);
  }
  return found;
}

describe('names with HTML or script in every mail', () => {
  let t: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    t = await testServer();
  });
  afterAll(async () => {
    if (t.store.kind === 'postgres') {
      await t.store.close();
      await new Promise((r) => setTimeout(r, 300));
    }
    await t.close();
  });

  it('every template escapes every name it prints', () => {
    const mails: [string, Mail][] = [];
    for (const name of HOSTILE_NAMES) {
      const recipient = { to: 'x@example.fr', holderName: name, structureName: name };
      const entry = { memberName: name, activityName: name, date: '2026-05-06' };
      const counts = {
        movements: 1,
        additions: 1,
        cancellationRequests: 0,
        accepted: 1,
        waitlisted: 0,
        refused: 0,
        cancelled: 0,
      };
      const load = {
        to: 'x@example.fr',
        holderName: name,
        networkName: name,
        number: 'CT-ABCDEFGH',
        qrPayload: 'GV1.CT-ABCDEFGH.k.s',
        places: 10,
        lastValidDay: '2027-05-05',
        created: true,
      };
      mails.push(
        ['booking report', bookingReportMail(recipient, counts, [{ ...entry, outcome: 'accepted' }])],
        ['promotion', promotionMail(recipient, entry)],
        ['waiting refused', waitingRefusedMail(recipient, [entry])],
        ['voucher load', voucherLoadMail(load)],
        ['voucher load (QR)', voucherMail(load)],
        ['voucher reload', voucherLoadMail({ ...load, created: false })],
        [
          'screening answer',
          screeningAnswerMail({
            to: 'x@example.fr',
            holderName: name,
            venueName: name,
            session: name,
            date: '2026-05-06',
            time: '14:00',
            confirmed: true,
            message: name,
          }),
        ],
        [
          'payment confirmed',
          paymentConfirmedMail({
            to: 'x@example.fr',
            holderName: name,
            structureName: name,
            total: 1000,
            lines: [{ walletName: name, amount: 1000 }],
            reference: name,
            paidAt: new Date(),
            timeZone: 'Europe/Paris',
          }),
        ],
        [
          'places expiring',
          placesExpiringMail({
            to: 'x@example.fr',
            holderName: name,
            networkName: name,
            number: 'CT-ABCDEFGH',
            lots: [{ places: 3, lastValidDay: '2026-05-06' }],
          }),
        ],
        [
          'countermark confirmation',
          countermarkConfirmationMail({
            to: 'x@example.fr',
            beneficiaryName: name,
            offerName: name,
            venueName: name,
            beginsAt: new Date(),
            timeZone: 'Europe/Paris',
            quantity: 1,
            price: 500,
            token: 'K7QX2M',
            cancellationLimit: new Date(),
          }),
        ],
      );
    }
    // The checker itself sees a name that was not escaped.
    expect(unsafe('<p>Bonjour <img src=x onerror=alert(1)></p>')).not.toEqual([]);
    const broken = mails.filter(([, m]) => unsafe(m.html).length).map(([k, m]) => `${k}: ${unsafe(m.html)}`);
    record({
      scenario: 'mail templates x hostile names: HTML escaped',
      attempts: mails.length,
      successes: mails.length - broken.length,
      violations: broken.length,
    });
    expect(broken).toEqual([]);
    // The text part keeps the name as typed (it is not HTML).
    expect(mails[0]![1].text).toContain(HOSTILE_NAMES[0]);
  });

  it('the mails the server queues (booking report, password reset) escape names from the store', async () => {
    const ids = await seedDemo(t.db, new Date());
    const hostile = HOSTILE_NAMES[1]!;
    await t.db
      .updateTable('accounts')
      .set({ holder_name: hostile })
      .where('id', '=', ids.dupont.accountId)
      .execute();
    await t.db
      .updateTable('members')
      .set({ first_name: HOSTILE_NAMES[0]! })
      .where('id', '=', ids.dupont.antoine)
      .execute();
    await t.db
      .updateTable('activities')
      .set({ name: HOSTILE_NAMES[2]! })
      .where('id', '=', ids.activities.matin36)
      .execute();
    await t.db
      .updateTable('structures')
      .set({ name: HOSTILE_NAMES[4]! })
      .where('id', '=', ids.town)
      .execute();
    await t.db
      .updateTable('users')
      .set({ display_name: HOSTILE_NAMES[0]! })
      .where('id', '=', ids.dupont.userId)
      .execute();
    const family = await session(t.db, ids.town, 'family', {
      accountId: ids.dupont.accountId,
      userId: ids.dupont.userId,
    });
    const slot = await raceSlot(t.db, ids, 45, 10, 0);
    const booked = await t.call('POST', `/accounts/${ids.dupont.accountId}/bookings`, {
      token: family.token,
      body: {
        changes: [
          { op: 'add', memberId: ids.dupont.antoine, activityId: ids.activities.matin36, date: slot.date },
        ],
      },
    });
    expect(booked.status).toBe(200);
    const reset = await t.call('POST', '/auth/password-reset', { body: { login: 'dupont' } });
    expect(reset.status).toBe(202);
    const outbox = await t.db.selectFrom('mail_outbox').select(['kind', 'html_body']).execute();
    expect(outbox.map((m) => m.kind).sort()).toEqual(['booking_report', 'password_reset']);
    const broken = outbox.filter((m) => unsafe(m.html_body).length).map((m) => m.kind);
    record({
      scenario: 'queued mails (booking report, password reset) with hostile names',
      attempts: outbox.length,
      successes: outbox.length - broken.length,
      violations: broken.length,
    });
    expect(broken).toEqual([]);
    expect(outbox.find((m) => m.kind === 'booking_report')!.html_body).toContain('&#60;img src=x');
  });
});
