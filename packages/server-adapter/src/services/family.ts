import {
  accountInDebit,
  addDaysIso,
  addMonthsIso,
  daysOfMonth,
  estimateWallets,
  historyMonth,
  isEligible,
  isoDateInZone,
  memberDisplayName,
  monthStates,
} from '@guichet/sdk/rules';
import type {
  AccountView,
  Activity,
  Consumption,
  HistoryMonth,
  IsoDate,
  IsoMonth,
  Member,
  MonthCalendar,
  Page,
  Payment,
  RefusalReason,
  Reservation,
  ReservationStatus,
  Slot,
  Structure,
  Wallet,
  WalletsView,
} from '@guichet/sdk/schemas';
import { type Expression, type Selectable, sql } from 'kysely';
import { problem } from '../http/problem.js';
import type { Db, ReservationsTable, SlotsTable } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { Ctx, Household } from './context.js';
import { SharedReads } from './shared-reads.js';

/**
 * The family side of Guichet: who may see an account, and the read models of its pages
 * (account, calendar, suivi, wallets, history). Bookings themselves are in booking.ts.
 */

/** An account row the caller may touch. */
export type AccountRow = Household['account'];

/**
 * The account if the caller may touch it: a family its own account, an admin the accounts of
 * its structure. Anything else reads as not found, so an id tells nothing about other families.
 */
export async function accessAccount(ctx: Ctx, accountId: string): Promise<AccountRow> {
  const p = ctx.principal;
  if (!p) throw problem('not_found');
  const row = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'structure_id', 'holder_name', 'email'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row || row.structure_id !== p.structureId) throw problem('not_found');
  const own = p.roles.includes('family') && p.accountId === row.id;
  const staff = p.roles.includes('admin');
  if (!own && !staff) throw problem('not_found');
  return { id: row.id, structureId: row.structure_id, holderName: row.holder_name, email: row.email };
}

/** A member of the account; another account's member (or an unknown id) reads as not found. */
export async function memberOf(db: Db, accountId: string, memberId: string): Promise<Member> {
  const member = (await membersOf(db, accountId)).find((m) => m.id === memberId);
  if (!member) throw problem('not_found');
  return member;
}

export async function membersOf(db: Db, accountId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('members')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('birth_date')
    .orderBy('first_name')
    .orderBy('id')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    accountId: m.account_id,
    firstName: m.first_name,
    lastName: m.last_name,
    birthDate: m.birth_date,
  }));
}

export async function structureOf(db: Db, structureId: string): Promise<Structure> {
  const s = await db
    .selectFrom('structures')
    .selectAll()
    .where('id', '=', structureId)
    .executeTakeFirstOrThrow();
  return { id: s.id, name: s.name, kind: s.kind, timeZone: s.time_zone, origins: s.origins };
}

export async function walletsOf(db: Db, accountId: string): Promise<Wallet[]> {
  const rows = await db
    .selectFrom('wallets')
    .innerJoin('wallet_kinds', 'wallet_kinds.id', 'wallets.kind_id')
    .select(['wallets.id', 'wallets.account_id', 'wallets.kind_id', 'wallets.balance', 'wallet_kinds.name'])
    .where('wallets.account_id', '=', accountId)
    .orderBy('wallet_kinds.name')
    .execute();
  return rows.map((w) => ({
    id: w.id,
    accountId: w.account_id,
    kindId: w.kind_id,
    name: w.name,
    balance: w.balance,
  }));
}

/** Activities of a structure with their supplements, by start time then name. */
export async function activitiesOf(db: Db, structureId: string): Promise<Activity[]> {
  const rows = await db
    .selectFrom('activities')
    .selectAll()
    .where('structure_id', '=', structureId)
    .orderBy('start_time')
    .orderBy('name')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const supplements = await db
    .selectFrom('supplements')
    .selectAll()
    .where(
      'activity_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((a) => ({
    id: a.id,
    structureId: a.structure_id,
    name: a.name,
    startTime: a.start_time,
    endTime: a.end_time,
    unitPrice: a.unit_price,
    quantity: a.quantity,
    walletKindId: a.wallet_kind_id,
    eligibility: {
      ...(a.min_age === null ? {} : { minAge: a.min_age }),
      ...(a.max_age === null ? {} : { maxAge: a.max_age }),
    },
    conflictGroup: a.conflict_group,
    supplements: supplements
      .filter((s) => s.activity_id === a.id)
      .map((s) => ({
        id: s.id,
        activityId: s.activity_id,
        name: s.name,
        unitPrice: s.unit_price,
        dates: s.dates,
      })),
  }));
}

// How long the calendar keeps a structure's activities and a month's seat counters: what another
// process changes shows within these; this process's own writes forget them at once. On the
// embedded store no other process writes, so they are kept longer.
const sharedActivities = new SharedReads<Activity[]>(5_000, 60_000);
const sharedSlots = new SharedReads<Map<string, Slot[]>>(1_000, 30_000);

/** `activitiesOf(db, structureId)`, kept a few seconds (shared-reads.ts): read models only. */
export function cachedActivitiesOf(db: Db, structureId: string): Promise<Activity[]> {
  return sharedActivities.get(db, structureId, '', () => activitiesOf(db, structureId));
}

/**
 * The slots of every activity of the structure in a month, by activity, kept a second
 * (shared-reads.ts): one read serves every family's calendar. Read models only: a booking decides
 * on the rows it locks.
 */
function cachedMonthSlots(db: Db, structureId: string, month: IsoMonth): Promise<Map<string, Slot[]>> {
  return sharedSlots.get(db, structureId, month, async () => {
    const days = daysOfMonth(month);
    const rows = await db
      .selectFrom('slots')
      .innerJoin('activities', 'activities.id', 'slots.activity_id')
      .selectAll('slots')
      .where('activities.structure_id', '=', structureId)
      .where('slots.date', '>=', days[0]!)
      .where('slots.date', '<=', days.at(-1)!)
      .execute();
    const byActivity = new Map<string, Slot[]>();
    for (const row of rows) {
      const slot = toSlot(row);
      const list = byActivity.get(slot.activityId);
      if (list) list.push(slot);
      else byActivity.set(slot.activityId, [slot]);
    }
    return byActivity;
  });
}

/** Forgets the kept seat counters of a structure, or of all (after a commit that moved them). */
export function forgetSlots(structureId?: string): void {
  sharedSlots.forget(structureId);
}

/**
 * A write changes what the calendar keeps: forget it now, and again once the transaction is over,
 * so that no read made in between is kept. `activities` (an admin's edit of an activity) forgets
 * the activities and the seat counters; `seats` (a booking, an admin's days) the seat counters.
 */
export function calendarChanged(ctx: Ctx, structureId: string, what: 'activities' | 'seats'): void {
  const forget = () => {
    if (what === 'activities') sharedActivities.forget(structureId);
    sharedSlots.forget(structureId);
  };
  forget();
  ctx.afterwards?.(async () => forget());
}

export function toSlot(s: Selectable<SlotsTable>): Slot {
  return {
    id: s.id,
    activityId: s.activity_id,
    date: s.date,
    capacity: s.capacity,
    waitingCapacity: s.waiting_capacity,
    opensAt: s.opens_at.toISOString(),
    deadline: s.deadline.toISOString(),
    booked: s.booked,
    waiting: s.waiting,
  };
}

type ReservationRow = Selectable<ReservationsTable> & { wait_position: number | null };

export function toReservation(r: ReservationRow): Reservation {
  return {
    id: r.id,
    accountId: r.account_id,
    memberId: r.member_id,
    activityId: r.activity_id,
    slotId: r.slot_id,
    date: r.date,
    status: r.status,
    waitPosition: r.status === 'waitlisted' ? (r.wait_position ?? null) : null,
    supplementIds: r.supplement_ids,
    unitPrice: r.unit_price,
    quantity: r.quantity,
    refusalReason: (r.refusal_reason as RefusalReason | null) ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    chargedAt: r.charged_at ? r.charged_at.toISOString() : null,
  };
}

/**
 * The account's reservations with their waiting positions (rank by `waiting_order` among the
 * slot's waiting entries, every family counted).
 */
export function reservationsQuery(db: Db, accountId: string) {
  return db
    .selectFrom('reservations as r')
    .selectAll('r')
    .select(waitPosition.as('wait_position'))
    .where('r.account_id', '=', accountId);
}

const waitPosition = sql<number | null>`case when r.status = 'waitlisted' then (
  select count(*) from reservations w
  where w.slot_id = r.slot_id and w.status = 'waitlisted' and w.waiting_order <= r.waiting_order
) end`;

/** Live (accepted or waiting) reservations of the account on the given dates. */
export async function liveReservations(
  db: Db,
  accountId: string,
  dates: readonly IsoDate[],
): Promise<Reservation[]> {
  if (dates.length === 0) return [];
  const rows = await liveOnDates(db, accountId, [...dates]);
  return rows.map(toReservation);
}

const live = (db: Db, accountId: string) =>
  reservationsQuery(db, accountId).where('r.status', 'in', ['accepted', 'waitlisted']);

// The days as one array parameter, so the SQL is the same whatever their number.
const liveOnDates = prepared((db, accountId: string, dates: IsoDate[]) =>
  live(db, accountId).where(sql<boolean>`r.date = any(${dates}::date[])`).orderBy('r.date').orderBy('r.id'),
);

/**
 * What the calendar reads of a member's live reservations in a period (a calendar month): the
 * columns its day states use, not the whole rows (their timestamps alone were a Date parsed and an
 * ISO string written three times a row, for every calendar request).
 */
const memberLiveInPeriod = prepared((db, accountId: string, memberId: string, from: IsoDate, to: IsoDate) =>
  db
    .selectFrom('reservations as r')
    .select(['r.slot_id', 'r.activity_id', 'r.status', 'r.supplement_ids'])
    .select(waitPosition.as('wait_position'))
    .where('r.account_id', '=', accountId)
    .where('r.status', 'in', ['accepted', 'waitlisted'])
    .where('r.member_id', '=', memberId)
    .where('r.date', '>=', from)
    .where('r.date', '<=', to),
);

// ---- account

export async function accountView(ctx: Ctx, accountId: string): Promise<AccountView> {
  const account = await accessAccount(ctx, accountId);
  const [members, structure, wallets, notices] = await Promise.all([
    membersOf(ctx.db, account.id),
    structureOf(ctx.db, account.structureId),
    walletsOf(ctx.db, account.id),
    ctx.db
      .selectFrom('notices')
      .selectAll()
      .where('structure_id', '=', account.structureId)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ]);
  return {
    account: { ...account, members },
    structure,
    wallets,
    notices: notices.map((n) => ({
      id: n.id,
      structureId: n.structure_id,
      title: n.title,
      body: n.body,
      publishedAt: n.published_at.toISOString(),
    })),
    inDebit: accountInDebit(wallets),
  };
}

// ---- calendar

/**
 * A member's month: the given activity, or every activity the member is old enough for at some
 * day of the month (or already has a reservation in it).
 */
export async function monthCalendar(
  ctx: Ctx,
  accountId: string,
  memberId: string,
  month: IsoMonth,
  activityId?: string,
): Promise<MonthCalendar> {
  const p = ctx.principal;
  if (!p) throw problem('not_found');
  const days = daysOfMonth(month);
  const first = days[0]!;
  const last = days.at(-1)!;
  // One round trip (was seven): the account with its members and debt state, and the member's
  // reservations, together; the structure's activities and the month's seat counters are shared
  // by every family (kept a few seconds, shared-reads.ts). The reservations are read alongside
  // only when the caller may plausibly see the account (its own, or an admin's structure): the
  // account read decides, and nothing is returned otherwise.
  const plausible = p.accountId === accountId || p.roles.includes('admin');
  const reservationsOf = () => memberLiveInPeriod(ctx.db, accountId, memberId, first, last);
  const allActivities = cachedActivitiesOf(ctx.db, p.structureId);
  // Settled either way: a rejection is awaited below, or never matters when access is refused.
  allActivities.catch(() => {});
  const early = plausible ? reservationsOf() : undefined;
  early?.catch(() => {});
  const { members, inDebit } = await accountWithMembers(ctx, accountId);
  const member = members.find((m) => m.id === memberId);
  if (!member) throw problem('not_found');
  const [rows, found] = await Promise.all([early ?? reservationsOf(), allActivities]);
  const reservations = rows.map((r) => ({
    memberId,
    slotId: r.slot_id,
    activityId: r.activity_id,
    status: r.status,
    waitPosition: r.wait_position,
    supplementIds: r.supplement_ids,
  }));
  let activities = found;
  if (activityId) {
    activities = activities.filter((a) => a.id === activityId);
    if (activities.length === 0) throw problem('not_found');
  } else {
    const reserved = new Set(reservations.map((r) => r.activityId));
    activities = activities.filter(
      (a) => reserved.has(a.id) || isEligible(member, a, first) || isEligible(member, a, last),
    );
  }
  const byActivity =
    activities.length === 0 ? new Map() : await cachedMonthSlots(ctx.db, p.structureId, month);
  const slots = activities.flatMap((a) => byActivity.get(a.id) ?? []);
  return {
    memberId: member.id,
    month,
    activities,
    days: monthStates({ member, activities, slots, reservations, month, now: ctx.now }),
    readOnly: inDebit,
  };
}

/**
 * An account with its members, one row a member (or one row with null member columns), in
 * `membersOf` order: what `householdOf` reads. `accountId` is a value, or a column of an outer
 * query (the session's membership, auth.ts).
 */
export function householdRows(db: Db, accountId: string | Expression<string | null>) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('structures as s', 's.id', 'a.structure_id')
    .leftJoin('members as m', 'm.account_id', 'a.id')
    .select([
      'a.id',
      'a.structure_id',
      's.name as structure_name',
      'a.holder_name',
      'a.email',
      'm.id as member_id',
      'm.first_name',
      'm.last_name',
      'm.birth_date',
      sql<boolean>`exists (select 1 from wallets w where w.account_id = a.id and w.balance < 0)`.as(
        'in_debit',
      ),
    ])
    .where('a.id', '=', accountId)
    .orderBy('m.birth_date')
    .orderBy('m.first_name')
    .orderBy('m.id');
}

const accountMembersRows = prepared((db, accountId: string) => householdRows(db, accountId));

/**
 * `accessAccount`, its members (in `membersOf` order), whether a wallet is in debit and the
 * structure's name, in one round trip. The same answer as `accessAccount` to a caller who may not
 * see the account.
 */
export async function accountWithMembers(ctx: Ctx, accountId: string): Promise<Household> {
  const p = ctx.principal;
  if (!p) throw problem('not_found');
  const found =
    p.household?.account.id === accountId
      ? p.household
      : householdOf(await accountMembersRows(ctx.db, accountId));
  if (!found || found.account.structureId !== p.structureId) throw problem('not_found');
  const own = p.roles.includes('family') && p.accountId === found.account.id;
  if (!own && !p.roles.includes('admin')) throw problem('not_found');
  return found;
}

/**
 * The household in the rows of an account joined with its members (one row a member, or one row
 * with null member columns), or null when there is no row or the account columns are null (an
 * outer join that found no account).
 */
export function householdOf(
  rows: readonly {
    id: string | null;
    structure_id: string | null;
    structure_name: string | null;
    holder_name: string | null;
    email: string | null;
    member_id: string | null;
    first_name: string | null;
    last_name: string | null;
    birth_date: IsoDate | null;
    in_debit: boolean | null;
  }[],
): Household | null {
  const row = rows[0];
  if (!row?.id || !row.structure_id || row.structure_name === null || row.holder_name === null) return null;
  const id = row.id;
  return {
    account: { id, structureId: row.structure_id, holderName: row.holder_name, email: row.email },
    members: rows.flatMap((m) =>
      // No member (the outer join's one row), or a member (whose birth date may be unknown).
      m.member_id === null || m.first_name === null || m.last_name === null
        ? []
        : [
            {
              id: m.member_id,
              accountId: id,
              firstName: m.first_name,
              lastName: m.last_name,
              birthDate: m.birth_date,
            },
          ],
    ),
    inDebit: Boolean(row.in_debit),
    structureName: row.structure_name,
  };
}

// ---- reservations (suivi)

export interface ReservationsFilter {
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  status?: ReservationStatus | undefined;
  memberId?: string | undefined;
  cursor?: string | undefined;
  limit?: string | undefined;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

function encodeCursor(date: string, id: string): string {
  return Buffer.from(JSON.stringify([date, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(value[0]) &&
      typeof value[1] === 'string'
    )
      return [value[0], value[1]];
  } catch {
    // falls through to the problem below
  }
  throw problem('validation_failed', { errors: [{ path: 'query.cursor', message: 'Invalid cursor' }] });
}

/** The suivi: reservations by date then id, one page at a time (opaque cursor). */
export async function reservationsPage(
  ctx: Ctx,
  accountId: string,
  filter: ReservationsFilter,
): Promise<Page<Reservation>> {
  const account = await accessAccount(ctx, accountId);
  if (filter.from && filter.to && filter.from > filter.to) throw problem('invalid_period');
  const limit = Math.min(MAX_LIMIT, filter.limit ? Number(filter.limit) : DEFAULT_LIMIT);
  let query = reservationsQuery(ctx.db, account.id);
  if (filter.from) query = query.where('r.date', '>=', filter.from);
  if (filter.to) query = query.where('r.date', '<=', filter.to);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.memberId) query = query.where('r.member_id', '=', filter.memberId);
  if (filter.cursor) {
    const [date, id] = decodeCursor(filter.cursor);
    query = query.where((eb) =>
      eb.or([eb('r.date', '>', date), eb.and([eb('r.date', '=', date), eb('r.id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('r.date')
    .orderBy('r.id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toReservation);
  const last = items.at(-1);
  return rows.length > limit && last ? { items, next: encodeCursor(last.date, last.id) } : { items };
}

// ---- wallets

/** Today in the structure's zone. */
export async function todayOf(db: Db, structureId: string, now: Date): Promise<IsoDate> {
  const s = await db
    .selectFrom('structures')
    .select('time_zone')
    .where('id', '=', structureId)
    .executeTakeFirstOrThrow();
  return isoDateInZone(now, s.time_zone);
}

/**
 * Wallets with what the accepted, not yet charged reservations until `until` will cost.
 * Default `until`: the last day of next month in the structure's zone.
 */
export async function walletsView(ctx: Ctx, accountId: string, until?: IsoDate): Promise<WalletsView> {
  const account = await accessAccount(ctx, accountId);
  const today = await todayOf(ctx.db, account.structureId, ctx.now);
  const end = until ?? addDaysIso(`${addMonthsIso(today.slice(0, 7), 2)}-01`, -1);
  const wallets = await walletsOf(ctx.db, account.id);
  const walletByKind = new Map(wallets.map((w) => [w.kindId, w.id]));
  const rows = await ctx.db
    .selectFrom('reservations')
    .innerJoin('activities', 'activities.id', 'reservations.activity_id')
    .select([
      'reservations.date',
      'reservations.status',
      'reservations.charged_at',
      'reservations.unit_price',
      'reservations.quantity',
      'reservations.supplements_total',
      'activities.wallet_kind_id',
    ])
    .where('reservations.account_id', '=', account.id)
    .where('reservations.status', '=', 'accepted')
    .where('reservations.charged_at', 'is', null)
    .where('reservations.date', '<=', end)
    .execute();
  const costed = rows.flatMap((r) => {
    const walletId = walletByKind.get(r.wallet_kind_id);
    return walletId
      ? [
          {
            walletId,
            date: r.date,
            status: r.status,
            chargedAt: null,
            unitPrice: r.unit_price,
            quantity: r.quantity,
            supplementsTotal: r.supplements_total,
          },
        ]
      : [];
  });
  const { estimates, totals } = estimateWallets(wallets, costed, end);
  return { until: end, estimates, totals };
}

// ---- history

export async function historyView(ctx: Ctx, accountId: string, month: IsoMonth): Promise<HistoryMonth> {
  const account = await accessAccount(ctx, accountId);
  const days = daysOfMonth(month);
  const first = days[0]!;
  const last = days.at(-1)!;
  const consumptions = await ctx.db
    .selectFrom('consumptions as c')
    .innerJoin('wallets as w', 'w.id', 'c.wallet_id')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('activities as a', 'a.id', 'c.activity_id')
    .select([
      'c.id',
      'c.wallet_id',
      'c.date',
      'c.member_id',
      'm.first_name',
      'm.last_name',
      'c.activity_id',
      'a.name as activity_name',
      'c.unit_price',
      'c.quantity',
      'c.total',
      'c.reservation_id',
    ])
    .where('w.account_id', '=', account.id)
    .where('c.date', '>=', first)
    .where('c.date', '<=', last)
    .execute();
  const payments = await ctx.db
    .selectFrom('payments as p')
    .innerJoin('wallets as w', 'w.id', 'p.wallet_id')
    .selectAll('p')
    .where('w.account_id', '=', account.id)
    .where('p.received_on', '>=', first)
    .where('p.received_on', '<=', last)
    .execute();
  return historyMonth(
    month,
    consumptions.map(
      (c): Consumption => ({
        id: c.id,
        walletId: c.wallet_id,
        date: c.date,
        memberId: c.member_id,
        memberName: memberDisplayName({ firstName: c.first_name, lastName: c.last_name }),
        activityId: c.activity_id,
        activityName: c.activity_name,
        unitPrice: c.unit_price,
        quantity: c.quantity,
        total: c.total,
        reservationId: c.reservation_id,
      }),
    ),
    payments.map(
      (p): Payment => ({
        id: p.id,
        walletId: p.wallet_id,
        receivedOn: p.received_on,
        mode: p.mode,
        pieceNumber: p.piece_number,
        payerName: p.payer_name,
        bankName: p.bank_name,
        amount: p.amount,
        createdAt: p.created_at.toISOString(),
      }),
    ),
  );
}
