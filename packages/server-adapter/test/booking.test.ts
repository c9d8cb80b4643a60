import { addDaysIso, instantInZone } from '@guichet/sdk/rules';
import {
  AccountViewSchema,
  type BookingChange,
  BookingResultSchema,
  MonthCalendarSchema,
  pageOf,
  ReservationSchema,
} from '@guichet/sdk/schemas';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoIds, seedDemo } from '../src/demo/seed.js';
import { refuseExpiredWaiting } from '../src/services/booking.js';
import { testClock, testServer } from './harness.js';

const START = '2026-04-08T08:00:00Z';

describe('family bookings', () => {
  const clock = testClock(START);
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  let dupont: string;
  let admin: string;

  const bookingsPath = (accountId: string) => `/accounts/${accountId}/bookings`;
  const book = (token: string, accountId: string, changes: BookingChange[], dryRun = false) =>
    t.call('POST', bookingsPath(accountId), { token, body: { changes, dryRun } });
  const slotOf = (activityId: string, date: string) =>
    t.db
      .selectFrom('slots')
      .selectAll()
      .where('activity_id', '=', activityId)
      .where('date', '=', date)
      .executeTakeFirstOrThrow();
  const mails = (kind: string, to?: string) => {
    let q = t.db.selectFrom('mail_outbox').selectAll().where('kind', '=', kind);
    if (to) q = q.where('to_address', '=', to);
    return q.orderBy('created_at').execute();
  };
  const count = async (table: 'reservations' | 'mail_outbox' | 'ledger_entries') =>
    Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
    dupont = await t.login('dupont', 'dupont-demo');
    admin = await t.login('admin', 'admin-demo');
  });
  afterAll(() => t.close());

  it('runs seed 004: choose a child and an activity, add three days, cancel one, see the recap, send', async () => {
    const { holiday } = ids;
    const matin = ids.activities.matin36;
    const accountId = ids.dupont.accountId;

    // The family's home: choose Antoine.
    const home = await t.call('GET', `/accounts/${accountId}`, { token: dupont });
    expect(home.status).toBe(200);
    const view = AccountViewSchema.parse(home.body);
    const antoine = view.account.members.find((m) => m.firstName === 'Antoine')!;
    expect(antoine.id).toBe(ids.dupont.antoine);

    // The month of the holiday for ALSH 3-6 ans Matin, with its colour code.
    const month = holiday.from.slice(0, 7);
    const calendarPath = `/accounts/${accountId}/members/${antoine.id}/calendar?month=${month}&activityId=${matin}`;
    const before = MonthCalendarSchema.parse((await t.call('GET', calendarPath, { token: dupont })).body);
    const stateOf = (cal: typeof before, date: string) => cal.days.find((d) => d.date === date)!;
    expect(before.activities.map((a) => a.name)).toEqual(['ALSH 3-6 ans Matin']);
    expect(before.readOnly).toBe(false);
    expect(stateOf(before, holiday.from).state).toBe('open');
    expect(stateOf(before, holiday.waitlistDay).state).toBe('waitlist');
    expect(stateOf(before, holiday.fullDay).state).toBe('full');

    // A day booked earlier.
    const earlierDay = addDaysIso(holiday.from, 4);
    const earlier = await book(dupont, accountId, [
      { op: 'add', memberId: antoine.id, activityId: matin, date: earlierDay },
    ]);
    expect(earlier.body.lines[0].outcome).toBe('accepted');

    // The basket: three days added, the earlier one cancelled.
    const changes: BookingChange[] = [
      { op: 'add', memberId: antoine.id, activityId: matin, date: holiday.from },
      { op: 'add', memberId: antoine.id, activityId: matin, date: addDaysIso(holiday.from, 1) },
      { op: 'add', memberId: antoine.id, activityId: matin, date: holiday.waitlistDay },
      { op: 'remove', memberId: antoine.id, activityId: matin, date: earlierDay },
    ];
    const reservationsBefore = await count('reservations');
    const mailsBefore = await count('mail_outbox');
    const recap = await book(dupont, accountId, changes, true);
    expect(recap.status).toBe(200);
    const dry = BookingResultSchema.parse(recap.body);
    expect(dry.dryRun).toBe(true);
    expect(dry.recap.additions.map((l) => [l.date, l.startTime, l.endTime, l.unitPrice, l.total])).toEqual([
      [holiday.from, '09:00', '13:30', 475, 475],
      [addDaysIso(holiday.from, 1), '09:00', '13:30', 475, 475],
      [holiday.waitlistDay, '09:00', '13:30', 475, 475],
    ]);
    expect(dry.recap.cancellations.map((l) => [l.date, l.total])).toEqual([[earlierDay, 475]]);
    expect(dry.recap.totals).toEqual({ additions: 1425, cancellations: 475, net: 950 });
    expect(dry.lines.map((l) => [l.outcome, l.position])).toEqual([
      ['accepted', undefined],
      ['accepted', undefined],
      ['waitlisted', 2],
      ['cancelled', undefined],
    ]);
    // A dry run writes nothing.
    expect(await count('reservations')).toBe(reservationsBefore);
    expect(await count('mail_outbox')).toBe(mailsBefore);

    const sent = await book(dupont, accountId, changes);
    expect(sent.status).toBe(200);
    const result = BookingResultSchema.parse(sent.body);
    expect(result.dryRun).toBe(false);
    expect(result.recap).toEqual(dry.recap);
    expect(result.lines.map((l) => [l.change.date, l.outcome, l.position])).toEqual([
      [holiday.from, 'accepted', undefined],
      [addDaysIso(holiday.from, 1), 'accepted', undefined],
      [holiday.waitlistDay, 'waitlisted', 2],
      [earlierDay, 'cancelled', undefined],
    ]);
    expect(result.lines.every((l) => l.reservationId)).toBe(true);

    // Counters follow.
    expect(await slotOf(matin, holiday.waitlistDay)).toMatchObject({ booked: 2, waiting: 2 });
    expect(await slotOf(matin, earlierDay)).toMatchObject({ booked: 0 });
    const stored = await t.db
      .selectFrom('reservations')
      .selectAll()
      .where('id', '=', result.lines[0]!.reservationId!)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ unit_price: 475, quantity: 1, supplements_total: 0, status: 'accepted' });

    // The report, sent right away with seed 003's counts.
    const [report] = await mails('booking_report', 'jean-paul.dupont@example.fr').then((m) => m.slice(-1));
    expect(report!.text_body).toContain('M. DUPONT Jean-Paul');
    expect(report!.text_body).toContain('sur la structure : Mairie de CarteVille');
    expect(report!.text_body).toContain(
      '4 mouvements sur vos demandes de réservations ont été reçus, dont :',
    );
    expect(report!.text_body).toContain('* 3 nouvelles demandes de réservation');
    expect(report!.text_body).toContain("* 1 demande d'annulation");
    expect(report!.text_body).toContain('- 2 réservations ont été acceptées');
    expect(report!.text_body).toContain("- 1 réservation a été mise en liste d'attente");
    expect(report!.text_body).toContain('- 0 réservation a été refusée');
    expect(report!.text_body).toContain('- 1 réservation a été annulée');
    expect(report!.text_body).toContain('4 changes to your booking requests received');
    expect(report!.html_body).toContain('<p>M. DUPONT Jean-Paul</p>');

    // The calendar and the suivi show it.
    const after = MonthCalendarSchema.parse((await t.call('GET', calendarPath, { token: dupont })).body);
    expect(stateOf(after, holiday.from).state).toBe('booked');
    expect(stateOf(after, holiday.waitlistDay)).toMatchObject({ state: 'waitlisted', waitPosition: 2 });
    expect(stateOf(after, earlierDay).state).toBe('open');
    const suivi = await t.call('GET', `/accounts/${accountId}/reservations?status=waitlisted`, {
      token: dupont,
    });
    const page = pageOf(ReservationSchema).parse(suivi.body);
    expect(page.items.map((r) => [r.date, r.waitPosition])).toEqual([[holiday.waitlistDay, 2]]);
  });

  it('promotes the first waiting entry at once when a seat is cancelled, and mails the family', async () => {
    const { holiday } = ids;
    const matin = ids.activities.matin36;
    const [lea, hugo, ines] = ids.martin.members as [string, string, string];
    // MARTIN: Léa and Hugo hold the two seats, Inès waits first, Antoine second (test above).
    const cancelLea = await book(admin, ids.martin.accountId, [
      { op: 'remove', memberId: lea, activityId: matin, date: holiday.waitlistDay },
    ]);
    expect(cancelLea.body.lines[0].outcome).toBe('cancelled');
    const inesRow = await t.db
      .selectFrom('reservations')
      .selectAll()
      .where('member_id', '=', ines)
      .where('date', '=', holiday.waitlistDay)
      .executeTakeFirstOrThrow();
    expect(inesRow.status).toBe('accepted');
    expect(await slotOf(matin, holiday.waitlistDay)).toMatchObject({ booked: 2, waiting: 1 });
    const toMartin = await mails('waiting_accepted', 'claire.martin@example.fr');
    expect(toMartin).toHaveLength(1);
    expect(toMartin[0]!.text_body).toContain('MARTIN Inès');

    // Antoine moves up to first.
    const cal = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/members/${ids.dupont.antoine}/calendar?month=${holiday.waitlistDay.slice(0, 7)}&activityId=${matin}`,
      { token: dupont },
    );
    expect(cal.body.days.find((d: { date: string }) => d.date === holiday.waitlistDay)).toMatchObject({
      state: 'waitlisted',
      waitPosition: 1,
    });

    await book(admin, ids.martin.accountId, [
      { op: 'remove', memberId: hugo, activityId: matin, date: holiday.waitlistDay },
    ]);
    expect(await slotOf(matin, holiday.waitlistDay)).toMatchObject({ booked: 2, waiting: 0 });
    const toDupont = await mails('waiting_accepted', 'jean-paul.dupont@example.fr');
    expect(toDupont).toHaveLength(1);
    expect(toDupont[0]!.text_body).toContain('DUPONT Antoine');
    expect(toDupont[0]!.html_body).toContain('ALSH 3-6 ans Matin');
    const now = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/members/${ids.dupont.antoine}/calendar?month=${holiday.waitlistDay.slice(0, 7)}&activityId=${matin}`,
      { token: dupont },
    );
    expect(now.body.days.find((d: { date: string }) => d.date === holiday.waitlistDay).state).toBe('booked');
  });

  it('cancelling a waiting entry frees its waiting place; a full day refuses', async () => {
    const { holiday } = ids;
    const matin = ids.activities.matin36;
    // The full day: 2/2 seats and 1/1 waiting place.
    const full = await book(dupont, ids.dupont.accountId, [
      { op: 'add', memberId: ids.dupont.antoine, activityId: matin, date: holiday.fullDay },
    ]);
    expect(full.body.lines[0]).toMatchObject({ outcome: 'refused', reason: 'full' });
    const ines = ids.martin.members[2]!;
    const leave = await book(admin, ids.martin.accountId, [
      { op: 'remove', memberId: ines, activityId: matin, date: holiday.fullDay },
    ]);
    expect(leave.body.lines[0].outcome).toBe('cancelled');
    expect(await slotOf(matin, holiday.fullDay)).toMatchObject({ booked: 2, waiting: 0 });
    const join = await book(dupont, ids.dupont.accountId, [
      { op: 'add', memberId: ids.dupont.antoine, activityId: matin, date: holiday.fullDay },
    ]);
    expect(join.body.lines[0]).toMatchObject({ outcome: 'waitlisted', position: 1 });
    // Refusals other than seats: not eligible, same-day conflict, already booked, not booked.
    const refusals = await book(dupont, ids.dupont.accountId, [
      { op: 'add', memberId: ids.dupont.liou, activityId: matin, date: holiday.to },
      { op: 'add', memberId: ids.dupont.antoine, activityId: ids.activities.journee36, date: holiday.from },
      { op: 'add', memberId: ids.dupont.antoine, activityId: matin, date: holiday.from },
      { op: 'remove', memberId: ids.dupont.liou, activityId: ids.activities.matin612, date: holiday.to },
      { op: 'add', memberId: ids.dupont.antoine, activityId: matin, date: addDaysIso(holiday.from, 5) },
    ]);
    expect(
      refusals.body.lines.map((l: { outcome: string; reason?: string }) => l.reason ?? l.outcome),
    ).toEqual([
      'not_eligible',
      'same_day_conflict',
      'already_booked',
      'not_booked',
      'closed', // a Saturday: no slot
    ]);
  });

  it('validates the basket: unknown member, activity or supplement', async () => {
    const martinChild = ids.martin.members[0]!;
    const other = await book(dupont, ids.dupont.accountId, [
      { op: 'add', memberId: martinChild, activityId: ids.activities.matin36, date: ids.holiday.from },
    ]);
    expect(other.status).toBe(404);
    const activity = await book(dupont, ids.dupont.accountId, [
      { op: 'add', memberId: ids.dupont.antoine, activityId: 'nope', date: ids.holiday.from },
    ]);
    expect(activity.body.code).toBe('unknown_activity');
    const supplement = await book(dupont, ids.dupont.accountId, [
      {
        op: 'add',
        memberId: ids.dupont.antoine,
        activityId: ids.activities.matin36,
        date: addDaysIso(ids.holiday.from, 7),
        supplementIds: ['piscine'],
      },
    ]);
    expect(supplement.status).toBe(422);
    expect(supplement.body.code).toBe('unknown_supplement');
  });

  it('stores supplements at their price and adds them to the recap', async () => {
    const date = addDaysIso(ids.holiday.from, 8);
    // Added by the admin just before: the basket sees it at once, though activities are kept.
    const changed = await t.call('PATCH', `/admin/activities/${ids.activities.journee612}`, {
      token: admin,
      body: { supplements: [{ name: 'Piscine', unitPrice: 300 }] },
    });
    expect(changed.status).toBe(200);
    const piscine = changed.body.supplements[0].id;
    const res = await book(dupont, ids.dupont.accountId, [
      {
        op: 'add',
        memberId: ids.dupont.liou,
        activityId: ids.activities.journee612,
        date,
        supplementIds: [piscine],
      },
    ]);
    expect(res.body.recap.additions[0]).toMatchObject({ unitPrice: 1485, total: 1785 });
    expect(res.body.recap.additions[0].supplements).toEqual([
      { id: piscine, name: 'Piscine', unitPrice: 300 },
    ]);
    const row = await t.db
      .selectFrom('reservations')
      .selectAll()
      .where('id', '=', res.body.lines[0].reservationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ supplement_ids: [piscine], supplements_total: 300, unit_price: 1485 });
    // The calendar's day shows it booked with its supplement.
    const month = await t.call(
      'GET',
      `/accounts/${ids.dupont.accountId}/members/${ids.dupont.liou}/calendar?month=${date.slice(0, 7)}&activityId=${ids.activities.journee612}`,
      { token: dupont },
    );
    expect(month.body.days.find((d: { date: string }) => d.date === date)).toMatchObject({
      state: 'booked',
      supplementIds: [piscine],
    });
  });

  it('refuses every line of an account in debit, which still sees everything', async () => {
    // Seed 004's balance: -46,05 €.
    const wallet = ids.dupont.wallets.periscolaire;
    const adjust = async (amount: number) => {
      await t.db
        .insertInto('ledger_entries')
        .values({ wallet_id: wallet, amount, kind: 'adjustment' })
        .execute();
      await t.db
        .updateTable('wallets')
        .set((eb) => ({ balance: eb('balance', '+', amount) }))
        .where('id', '=', wallet)
        .execute();
    };
    await adjust(-10_000);
    try {
      const home = await t.call('GET', `/accounts/${ids.dupont.accountId}`, { token: dupont });
      expect(home.body.inDebit).toBe(true);
      expect(home.body.wallets.find((w: { id: string }) => w.id === wallet).balance).toBe(-4605);
      const cal = await t.call(
        'GET',
        `/accounts/${ids.dupont.accountId}/members/${ids.dupont.antoine}/calendar?month=${ids.holiday.from.slice(0, 7)}`,
        { token: dupont },
      );
      expect(cal.status).toBe(200);
      expect(cal.body.readOnly).toBe(true);
      const changes: BookingChange[] = [
        {
          op: 'add',
          memberId: ids.dupont.antoine,
          activityId: ids.activities.matin36,
          date: addDaysIso(ids.holiday.from, 9),
        },
        {
          op: 'remove',
          memberId: ids.dupont.antoine,
          activityId: ids.activities.matin36,
          date: ids.holiday.from,
        },
      ];
      const dry = await book(dupont, ids.dupont.accountId, changes, true);
      expect(dry.body.lines.map((l: { reason: string }) => l.reason)).toEqual([
        'account_in_debit',
        'account_in_debit',
      ]);
      const before = await count('reservations');
      const sent = await book(dupont, ids.dupont.accountId, changes);
      expect(sent.status).toBe(200);
      expect(sent.body.lines.map((l: { outcome: string; reason: string }) => [l.outcome, l.reason])).toEqual([
        ['refused', 'account_in_debit'],
        ['refused', 'account_in_debit'],
      ]);
      expect(await count('reservations')).toBe(before);
      const [report] = (await mails('booking_report', 'jean-paul.dupont@example.fr')).slice(-1);
      expect(report!.text_body).toContain('- 2 réservations ont été refusées');
    } finally {
      await adjust(10_000);
    }
  });

  it('answers a resent request with the first answer and changes nothing', async () => {
    const changes: BookingChange[] = [
      {
        op: 'add',
        memberId: ids.dupont.liou,
        activityId: ids.activities.matin612,
        date: addDaysIso(ids.holiday.from, 9),
      },
    ];
    const headers = { 'Idempotency-Key': 'basket-2026-04-08-1' };
    const first = await t.call('POST', bookingsPath(ids.dupont.accountId), {
      token: dupont,
      headers,
      body: { changes },
    });
    expect(first.status).toBe(200);
    expect(first.body.lines[0].outcome).toBe('accepted');
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const counts = [await count('reservations'), await count('mail_outbox')];
    const slot = await slotOf(ids.activities.matin612, addDaysIso(ids.holiday.from, 9));

    const again = await t.call('POST', bookingsPath(ids.dupont.accountId), {
      token: dupont,
      headers,
      body: { changes },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect([await count('reservations'), await count('mail_outbox')]).toEqual(counts);
    expect(await slotOf(ids.activities.matin612, addDaysIso(ids.holiday.from, 9))).toEqual(slot);

    const other = await t.call('POST', bookingsPath(ids.dupont.accountId), {
      token: dupont,
      headers,
      body: { changes: [{ ...changes[0]!, op: 'remove' }] },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect([await count('reservations'), await count('mail_outbox')]).toEqual(counts);
  });

  it('locks booked days at the deadline and refuses the waiting entries left', async () => {
    const { holiday } = ids;
    const matin = ids.activities.matin36;
    // Antoine waits on the full day (test above); the deadline is two days before at noon, Paris time.
    const deadline = instantInZone(addDaysIso(holiday.fullDay, -2), '12:00', 'Europe/Paris');
    try {
      clock.set(new Date(deadline.getTime() - 60_000).toISOString());
      expect(await refuseExpiredWaiting(t.db, clock())).toBe(0);

      clock.set(new Date(deadline.getTime() + 60_000).toISOString());
      // Sessions last hours: sign in again weeks later.
      const token = await t.login('dupont', 'dupont-demo');
      const late = await book(token, ids.dupont.accountId, [
        { op: 'remove', memberId: ids.dupont.antoine, activityId: matin, date: holiday.from },
        { op: 'add', memberId: ids.dupont.liou, activityId: ids.activities.matin612, date: holiday.from },
        { op: 'remove', memberId: ids.dupont.antoine, activityId: matin, date: holiday.fullDay },
      ]);
      expect(late.body.lines.map((l: { reason: string }) => l.reason)).toEqual([
        'deadline_passed',
        'deadline_passed',
        'deadline_passed',
      ]);
      const cal = await t.call(
        'GET',
        `/accounts/${ids.dupont.accountId}/members/${ids.dupont.antoine}/calendar?month=${holiday.from.slice(0, 7)}&activityId=${matin}`,
        { token },
      );
      expect(cal.body.days.find((d: { date: string }) => d.date === holiday.from).state).toBe('locked');

      const mailsBefore = (await mails('waiting_refused')).length;
      expect(await refuseExpiredWaiting(t.db, clock())).toBe(1);
      expect(await refuseExpiredWaiting(t.db, clock())).toBe(0);
      expect(await slotOf(matin, holiday.fullDay)).toMatchObject({ booked: 2, waiting: 0 });
      const row = await t.db
        .selectFrom('reservations')
        .selectAll()
        .where('member_id', '=', ids.dupont.antoine)
        .where('date', '=', holiday.fullDay)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'refused', refusal_reason: 'deadline_passed' });
      const refused = await mails('waiting_refused', 'jean-paul.dupont@example.fr');
      expect(refused).toHaveLength(mailsBefore + 1);
      expect(refused.at(-1)!.text_body).toContain('DUPONT Antoine');
      const suivi = await t.call('GET', `/accounts/${ids.dupont.accountId}/reservations?status=refused`, {
        token,
      });
      expect(suivi.body.items).toHaveLength(1);
      expect(suivi.body.items[0].refusalReason).toBe('deadline_passed');
    } finally {
      clock.set(START);
    }
  });
});
