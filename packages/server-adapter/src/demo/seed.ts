import { randomUUID } from 'node:crypto';
import { addDaysIso, addMonthsIso, instantInZone, isoDateInZone, parseIsoDate } from '@guichet/sdk/rules';
import { sql } from 'kysely';
import { hashPassword } from '../services/passwords.js';
import type { Db } from '../store/db.js';
import { CINEMA_DEMO_LOGINS, type CinemaDemoIds, seedCinemaDemo } from './seed-cinema.js';

const ZONE = 'Europe/Paris';

/** Demo logins, printed on start and listed in the README. */
export const DEMO_LOGINS = [
  { login: 'dupont', password: 'dupont-demo', role: 'family' },
  { login: 'admin', password: 'admin-demo', role: 'admin' },
  ...CINEMA_DEMO_LOGINS,
] as const;

export interface DemoIds {
  town: string;
  walletKinds: { periscolaire: string; restauration: string };
  activities: Record<
    'matin36' | 'apresMidi36' | 'journee36' | 'matin612' | 'journee612' | 'restauration',
    string
  >;
  dupont: {
    accountId: string;
    userId: string;
    antoine: string;
    liou: string;
    wallets: { periscolaire: string; restauration: string };
  };
  martin: { accountId: string; members: string[] };
  adminUserId: string;
  /** The holiday period (two weeks of weekdays) with its full and waiting-list days. */
  holiday: { from: string; to: string; waitlistDay: string; fullDay: string };
  cinema: CinemaDemoIds;
}

/** True when the store has no structure yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('structures')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * The demo town of the seeds (Mairie de CarteVille): ALSH 3-6 and 6-12 activities priced as in
 * seeds 003/004, Wednesdays and a holiday period around `now` with some full days and waiting
 * lists, the DUPONT family with two children, a month of history and payments.
 */
export async function seedDemo(db: Db, now: Date): Promise<DemoIds> {
  const today = isoDateInZone(now, ZONE);
  const id = () => randomUUID();
  const ids: DemoIds = {
    town: id(),
    walletKinds: { periscolaire: id(), restauration: id() },
    activities: {
      matin36: id(),
      apresMidi36: id(),
      journee36: id(),
      matin612: id(),
      journee612: id(),
      restauration: id(),
    },
    dupont: {
      accountId: id(),
      userId: id(),
      antoine: id(),
      liou: id(),
      wallets: { periscolaire: id(), restauration: id() },
    },
    martin: { accountId: id(), members: [id(), id(), id(), id()] },
    adminUserId: id(),
    holiday: { from: '', to: '', waitlistDay: '', fullDay: '' },
    cinema: undefined as unknown as CinemaDemoIds,
  };

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('structures')
      .values({
        id: ids.town,
        name: 'Mairie de CarteVille',
        kind: 'town',
        time_zone: ZONE,
        origins: ['http://localhost:8080'],
      })
      .execute();
    await trx
      .insertInto('wallet_kinds')
      .values([
        { id: ids.walletKinds.periscolaire, structure_id: ids.town, name: 'PERISCOLAIRE' },
        { id: ids.walletKinds.restauration, structure_id: ids.town, name: 'RESTAURATION' },
      ])
      .execute();

    const a = ids.activities;
    const peri = ids.walletKinds.periscolaire;
    const activity = (
      key: keyof typeof a,
      name: string,
      start: string,
      end: string,
      price: number,
      quantity: number,
      ages: [number, number],
      group: string | null,
      wallet = peri,
    ) => ({
      id: a[key],
      structure_id: ids.town,
      name,
      start_time: start,
      end_time: end,
      unit_price: price,
      quantity,
      wallet_kind_id: wallet,
      min_age: ages[0],
      max_age: ages[1],
      conflict_group: group,
    });
    await trx
      .insertInto('activities')
      .values([
        activity('matin36', 'ALSH 3-6 ans Matin', '09:00', '13:30', 475, 1, [3, 6], 'alsh'),
        activity('apresMidi36', 'ALSH 3-6 ans Après-midi', '12:00', '17:30', 475, 1, [3, 6], 'alsh'),
        activity('journee36', 'ALSH 3-6 ans Journée', '09:00', '17:30', 665, 2, [3, 6], 'alsh'),
        activity('matin612', 'ALSH 6-12 ans Matin', '09:00', '13:30', 1035, 1, [6, 12], 'alsh'),
        activity('journee612', 'ALSH 6-12 ans Journée', '09:00', '17:30', 1485, 1, [6, 12], 'alsh'),
        activity(
          'restauration',
          'Restauration',
          '11:30',
          '13:30',
          350,
          1,
          [3, 12],
          null,
          ids.walletKinds.restauration,
        ),
      ])
      .execute();

    // Wednesdays of this month and the next two, and a holiday fortnight starting in three weeks.
    const firstOfMonth = `${today.slice(0, 7)}-01`;
    const lastDay = addDaysIso(`${addMonthsIso(today.slice(0, 7), 3)}-01`, -1);
    const holidayStart = mondayOnOrAfter(addDaysIso(today, 21));
    const holidayEnd = addDaysIso(holidayStart, 11);
    ids.holiday = {
      from: holidayStart,
      to: holidayEnd,
      waitlistDay: addDaysIso(holidayStart, 2),
      fullDay: addDaysIso(holidayStart, 3),
    };
    const opensAt = new Date(now.getTime() - 30 * 86_400_000);
    const slots: {
      id: string;
      activity_id: string;
      date: string;
      capacity: number;
      waiting_capacity: number;
      opens_at: Date;
      deadline: Date;
    }[] = [];
    for (let date = firstOfMonth; date <= lastDay; date = addDaysIso(date, 1)) {
      const weekday = parseIsoDate(date).getDay(); // 0 = Sunday
      const holiday = date >= holidayStart && date <= holidayEnd && weekday >= 1 && weekday <= 5;
      if (weekday !== 3 && !holiday) continue;
      // Changeable until two days before at noon (Paris time).
      const deadline = instantInZone(addDaysIso(date, -2), '12:00', ZONE);
      for (const activityId of Object.values(a)) {
        const small = date === ids.holiday.waitlistDay || date === ids.holiday.fullDay;
        slots.push({
          id: id(),
          activity_id: activityId,
          date,
          capacity: small && activityId === a.matin36 ? 2 : 24,
          waiting_capacity: small && activityId === a.matin36 ? (date === ids.holiday.fullDay ? 1 : 3) : 6,
          opens_at: opensAt,
          deadline,
        });
      }
    }
    await trx.insertInto('slots').values(slots).execute();

    // Users and accounts.
    const d = ids.dupont;
    await trx
      .insertInto('accounts')
      .values([
        {
          id: d.accountId,
          structure_id: ids.town,
          holder_name: 'DUPONT Jean-Paul',
          email: 'jean-paul.dupont@example.fr',
        },
        {
          id: ids.martin.accountId,
          structure_id: ids.town,
          holder_name: 'MARTIN Claire',
          email: 'claire.martin@example.fr',
        },
      ])
      .execute();
    const year = Number(today.slice(0, 4));
    const birth = (age: number) => `${year - age}-03-14`;
    await trx
      .insertInto('members')
      .values([
        {
          id: d.antoine,
          account_id: d.accountId,
          first_name: 'Antoine',
          last_name: 'DUPONT',
          birth_date: birth(5),
        },
        {
          id: d.liou,
          account_id: d.accountId,
          first_name: 'Liou',
          last_name: 'DUPONT',
          birth_date: birth(9),
        },
        ...ids.martin.members.map((m, i) => ({
          id: m,
          account_id: ids.martin.accountId,
          first_name: ['Léa', 'Hugo', 'Inès', 'Noé'][i]!,
          last_name: 'MARTIN',
          birth_date: birth(4 + (i % 2)),
        })),
      ])
      .execute();
    await trx
      .insertInto('wallets')
      .values([
        { id: d.wallets.periscolaire, account_id: d.accountId, kind_id: ids.walletKinds.periscolaire },
        { id: d.wallets.restauration, account_id: d.accountId, kind_id: ids.walletKinds.restauration },
        { id: id(), account_id: ids.martin.accountId, kind_id: ids.walletKinds.periscolaire },
        { id: id(), account_id: ids.martin.accountId, kind_id: ids.walletKinds.restauration },
      ])
      .execute();
    await trx
      .insertInto('users')
      .values([
        {
          id: d.userId,
          login: 'dupont',
          display_name: 'DUPONT Jean-Paul',
          email: 'jean-paul.dupont@example.fr',
          password_hash: await hashPassword('dupont-demo'),
        },
        {
          id: ids.adminUserId,
          login: 'admin',
          display_name: 'Secrétariat de la mairie',
          email: 'enfance@carteville.example.fr',
          password_hash: await hashPassword('admin-demo'),
        },
      ])
      .execute();
    await trx
      .insertInto('memberships')
      .values([
        { user_id: d.userId, structure_id: ids.town, role: 'family', account_id: d.accountId },
        { user_id: ids.adminUserId, structure_id: ids.town, role: 'admin', account_id: null },
      ])
      .execute();

    await trx
      .insertInto('notices')
      .values([
        {
          id: id(),
          structure_id: ids.town,
          title: 'Ouverture des réservations des vacances',
          body: `Les réservations de l'accueil de loisirs du ${ids.holiday.from} au ${ids.holiday.to} sont ouvertes. Pensez à réserver avant la date limite, deux jours avant à midi.`,
        },
        {
          id: id(),
          structure_id: ids.town,
          title: 'Menus du restaurant scolaire',
          body: 'Les menus du mois sont affichés à l’entrée de chaque école et disponibles en mairie.',
        },
      ])
      .execute();

    // Other families fill the small days: a waiting list with room, and a full one.
    const slotOf = (activityId: string, date: string) =>
      slots.find((s) => s.activity_id === activityId && s.date === date)!;
    const martin = ids.martin.members;
    const waitlistSlot = slotOf(a.matin36, ids.holiday.waitlistDay);
    const fullSlot = slotOf(a.matin36, ids.holiday.fullDay);
    const reservation = (
      memberId: string,
      slot: (typeof slots)[number],
      status: 'accepted' | 'waitlisted',
      order?: number,
    ) => ({
      id: id(),
      account_id: ids.martin.accountId,
      member_id: memberId,
      slot_id: slot.id,
      activity_id: slot.activity_id,
      date: slot.date,
      status,
      waiting_order: order ?? null,
      unit_price: 475,
      quantity: 1,
      refusal_reason: null,
      charged_at: null,
    });
    await trx
      .insertInto('reservations')
      .values([
        reservation(martin[0]!, waitlistSlot, 'accepted'),
        reservation(martin[1]!, waitlistSlot, 'accepted'),
        reservation(martin[2]!, waitlistSlot, 'waitlisted', 1),
        reservation(martin[0]!, fullSlot, 'accepted'),
        reservation(martin[1]!, fullSlot, 'accepted'),
        reservation(martin[2]!, fullSlot, 'waitlisted', 2),
      ])
      .execute();
    await trx
      .updateTable('slots')
      .set({ booked: 2, waiting: 1 })
      .where('id', 'in', [waitlistSlot.id, fullSlot.id])
      .execute();
    await sql`select setval('waiting_order', 10)`.execute(trx);

    // The DUPONT history of last month (seed 004's table) and their payments.
    const lastMonth = addMonthsIso(today.slice(0, 7), -1);
    const day = (n: number) => `${lastMonth}-${String(n).padStart(2, '0')}`;
    const history: [number, string, keyof typeof a, number, number][] = [
      [1, d.liou, 'matin612', 1035, 1],
      [1, d.antoine, 'matin36', 475, 1],
      [8, d.antoine, 'matin36', 475, 1],
      [8, d.liou, 'matin612', 1035, 1],
      [15, d.antoine, 'matin36', 475, 1],
      [15, d.liou, 'matin612', 1035, 1],
      [20, d.antoine, 'journee36', 665, 2],
      [20, d.liou, 'journee612', 1485, 1],
      [21, d.liou, 'journee612', 1485, 1],
      [21, d.antoine, 'journee36', 665, 2],
      [22, d.antoine, 'journee36', 665, 2],
      [22, d.liou, 'journee612', 1485, 1],
      [23, d.antoine, 'journee36', 665, 2],
      // The seeds print 13 of these lines but total 186,05 €: these three make up the 43,00 € left.
      [23, d.liou, 'journee612', 1485, 1],
      [24, d.antoine, 'journee36', 665, 2],
      [24, d.liou, 'journee612', 1485, 1],
    ];
    const wallet = d.wallets.periscolaire;
    for (const [n, member, activityKey, price, quantity] of history) {
      const entry = await trx
        .insertInto('ledger_entries')
        .values({ wallet_id: wallet, amount: -price * quantity, kind: 'consumption' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('consumptions')
        .values({
          id: id(),
          wallet_id: wallet,
          ledger_entry_id: entry.id,
          date: day(n),
          member_id: member,
          activity_id: a[activityKey],
          unit_price: price,
          quantity,
          total: price * quantity,
          reservation_id: null,
        })
        .execute();
    }
    const payments: [string, string, string, number][] = [
      [day(2), 'CH', '795466', 9000],
      [day(12), 'CH', '924466', 5000],
      [day(25), 'VIR', 'VIR-2291', 10000],
    ];
    for (const [receivedOn, mode, piece, amount] of payments) {
      const entry = await trx
        .insertInto('ledger_entries')
        .values({ wallet_id: wallet, amount, kind: 'payment' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('payments')
        .values({
          id: id(),
          wallet_id: wallet,
          ledger_entry_id: entry.id,
          received_on: receivedOn,
          mode: mode as 'CH',
          piece_number: piece,
          payer_name: 'DUPONT Jean-Paul',
          bank_name: mode === 'CH' ? 'LBP' : '',
          amount,
        })
        .execute();
    }
    // 90,00 + 50,00 + 100,00 - 186,05 = 53,95 €: the family is in credit and may book.
    await trx
      .updateTable('wallets')
      .set({
        balance: sql`(select coalesce(sum(amount), 0) from ledger_entries where wallet_id = wallets.id)`,
      })
      .where('account_id', '=', d.accountId)
      .execute();

    ids.cinema = await seedCinemaDemo(trx, now, ids.adminUserId);
  });
  return ids;
}

function mondayOnOrAfter(date: string): string {
  const weekday = parseIsoDate(date).getDay();
  return addDaysIso(date, (8 - weekday) % 7);
}
