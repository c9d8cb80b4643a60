import { randomUUID } from 'node:crypto';
import { addDaysIso, formatIsoDate, instantInZone, parseIsoDate } from '@guichet/sdk/rules';
import type {
  Account,
  AccountInput,
  Activity,
  ActivityInput,
  Member,
  MemberInput,
  Notice,
  NoticeInput,
  Page,
  Payment,
  PaymentInput,
  Slot,
  SlotsBulkRequest,
} from '@guichet/sdk/schemas';
import { type Selectable, sql } from 'kysely';
import { ProblemError, problem } from '../http/problem.js';
import type { ActivitiesTable, Db, SlotsTable, SupplementsTable } from '../store/db.js';
import type { Ctx } from './context.js';
import { calendarChanged } from './family.js';
import { hashPassword } from './passwords.js';

/** Longest period a bulk slot request or a slot listing may cover, in days. */
const MAX_PERIOD_DAYS = 366;
/** Accounts per page of the admin list. */
const ACCOUNTS_PAGE = 50;

/** The structure the caller administers. Roles are checked by the HTTP layer; this checks again. */
function adminStructure(ctx: Ctx): string {
  const p = ctx.principal;
  if (!p?.roles.includes('admin')) throw problem('forbidden');
  return p.structureId;
}

function invalid(path: string, message: string): ProblemError {
  return problem('validation_failed', { errors: [{ path, message }] });
}

// ---- activities

type ActivityRow = Selectable<ActivitiesTable>;
type SupplementRow = Pick<
  Selectable<SupplementsTable>,
  'id' | 'activity_id' | 'name' | 'unit_price' | 'dates'
>;

function toActivity(row: ActivityRow, supplements: SupplementRow[]): Activity {
  return {
    id: row.id,
    structureId: row.structure_id,
    name: row.name,
    startTime: row.start_time,
    endTime: row.end_time,
    unitPrice: row.unit_price,
    quantity: row.quantity,
    walletKindId: row.wallet_kind_id,
    eligibility: {
      ...(row.min_age === null ? {} : { minAge: row.min_age }),
      ...(row.max_age === null ? {} : { maxAge: row.max_age }),
    },
    conflictGroup: row.conflict_group,
    supplements: supplements
      .filter((s) => s.activity_id === row.id)
      .map((s) => ({
        id: s.id,
        activityId: s.activity_id,
        name: s.name,
        unitPrice: s.unit_price,
        dates: [...s.dates].sort(),
      })),
  };
}

async function supplementsOf(db: Db, activityIds: string[]): Promise<SupplementRow[]> {
  if (activityIds.length === 0) return [];
  return db
    .selectFrom('supplements')
    .select(['id', 'activity_id', 'name', 'unit_price', 'dates'])
    .where('activity_id', 'in', activityIds)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

async function loadActivity(db: Db, structureId: string, id: string): Promise<Activity> {
  const row = await db
    .selectFrom('activities')
    .selectAll()
    .where('id', '=', id)
    .where('structure_id', '=', structureId)
    .executeTakeFirst();
  if (!row) throw problem('not_found');
  return toActivity(row, await supplementsOf(db, [row.id]));
}

export async function listActivities(ctx: Ctx): Promise<{ items: Activity[] }> {
  const structureId = adminStructure(ctx);
  const rows = await ctx.db
    .selectFrom('activities')
    .selectAll()
    .where('structure_id', '=', structureId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const supplements = await supplementsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toActivity(r, supplements)) };
}

async function checkWalletKind(db: Db, structureId: string, walletKindId: string) {
  const kind = await db
    .selectFrom('wallet_kinds')
    .select('id')
    .where('id', '=', walletKindId)
    .where('structure_id', '=', structureId)
    .executeTakeFirst();
  if (!kind) throw problem('unknown_wallet');
}

/** Rules zod cannot say alone: an activity ends after it starts, ages are in order. */
function checkActivity(a: {
  startTime: string;
  endTime: string;
  minAge: number | null;
  maxAge: number | null;
}) {
  // `HH:MM` strings compare in time order.
  if (a.endTime <= a.startTime) throw invalid('body.endTime', 'endTime must be after startTime');
  if (a.minAge !== null && a.maxAge !== null && a.minAge > a.maxAge)
    throw invalid('body.eligibility', 'minAge must not exceed maxAge');
}

/**
 * Makes the activity's supplements those given: a supplement keeps its id when its name stays
 * (reservations refer to supplement ids), others are added or removed.
 */
async function replaceSupplements(
  db: Db,
  activityId: string,
  wanted: NonNullable<ActivityInput['supplements']>,
) {
  const names = new Set<string>();
  for (const s of wanted) {
    if (names.has(s.name)) throw invalid('body.supplements', `Supplement "${s.name}" is listed twice`);
    names.add(s.name);
  }
  const existing = await supplementsOf(db, [activityId]);
  const byName = new Map(existing.map((s) => [s.name, s]));
  for (const s of wanted) {
    const dates = [...new Set(s.dates ?? [])].sort();
    const current = byName.get(s.name);
    if (current) {
      await db
        .updateTable('supplements')
        .set({ unit_price: s.unitPrice, dates })
        .where('id', '=', current.id)
        .execute();
    } else {
      await db
        .insertInto('supplements')
        .values({ id: randomUUID(), activity_id: activityId, name: s.name, unit_price: s.unitPrice, dates })
        .execute();
    }
  }
  const gone = existing.filter((s) => !names.has(s.name)).map((s) => s.id);
  if (gone.length) await db.deleteFrom('supplements').where('id', 'in', gone).execute();
}

export async function createActivity(ctx: Ctx, input: ActivityInput): Promise<Activity> {
  const structureId = adminStructure(ctx);
  const minAge = input.eligibility?.minAge ?? null;
  const maxAge = input.eligibility?.maxAge ?? null;
  checkActivity({ startTime: input.startTime, endTime: input.endTime, minAge, maxAge });
  await checkWalletKind(ctx.db, structureId, input.walletKindId);
  const id = randomUUID();
  await ctx.db
    .insertInto('activities')
    .values({
      id,
      structure_id: structureId,
      name: input.name,
      start_time: input.startTime,
      end_time: input.endTime,
      unit_price: input.unitPrice,
      quantity: input.quantity ?? 1,
      wallet_kind_id: input.walletKindId,
      min_age: minAge,
      max_age: maxAge,
      conflict_group: input.conflictGroup ?? null,
    })
    .execute();
  if (input.supplements) await replaceSupplements(ctx.db, id, input.supplements);
  calendarChanged(ctx, structureId, 'activities');
  return loadActivity(ctx.db, structureId, id);
}

/**
 * Changes what is given. A new price applies to new bookings only: reservations keep the unit
 * price they were made at. `eligibility`, when given, replaces both bounds.
 */
export async function updateActivity(ctx: Ctx, id: string, input: Partial<ActivityInput>): Promise<Activity> {
  const structureId = adminStructure(ctx);
  const row = await ctx.db
    .selectFrom('activities')
    .selectAll()
    .where('id', '=', id)
    .where('structure_id', '=', structureId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw problem('not_found');
  const minAge = input.eligibility ? (input.eligibility.minAge ?? null) : row.min_age;
  const maxAge = input.eligibility ? (input.eligibility.maxAge ?? null) : row.max_age;
  checkActivity({
    startTime: input.startTime ?? row.start_time,
    endTime: input.endTime ?? row.end_time,
    minAge,
    maxAge,
  });
  if (input.walletKindId !== undefined) await checkWalletKind(ctx.db, structureId, input.walletKindId);
  await ctx.db
    .updateTable('activities')
    .set({
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.startTime === undefined ? {} : { start_time: input.startTime }),
      ...(input.endTime === undefined ? {} : { end_time: input.endTime }),
      ...(input.unitPrice === undefined ? {} : { unit_price: input.unitPrice }),
      ...(input.quantity === undefined ? {} : { quantity: input.quantity }),
      ...(input.walletKindId === undefined ? {} : { wallet_kind_id: input.walletKindId }),
      ...(input.conflictGroup === undefined ? {} : { conflict_group: input.conflictGroup }),
      min_age: minAge,
      max_age: maxAge,
    })
    .where('id', '=', id)
    .execute();
  if (input.supplements) await replaceSupplements(ctx.db, id, input.supplements);
  calendarChanged(ctx, structureId, 'activities');
  return loadActivity(ctx.db, structureId, id);
}

// ---- slots

/** Days from `from` to `to` inclusive, refused when reversed or longer than a leap year. */
function periodDays(from: string, to: string): string[] {
  if (from > to) throw problem('invalid_period');
  const days: string[] = [];
  for (let date = from; date <= to; date = addDaysIso(date, 1)) {
    days.push(date);
    if (days.length > MAX_PERIOD_DAYS) throw problem('invalid_period');
  }
  return days;
}

/** ISO weekday of a plain date: 1 = Monday ... 7 = Sunday. */
function isoWeekday(date: string): number {
  return parseIsoDate(date).getDay() || 7;
}

async function activityOfStructure(db: Db, structureId: string, activityId: string) {
  const activity = await db
    .selectFrom('activities')
    .innerJoin('structures', 'structures.id', 'activities.structure_id')
    .select(['activities.id', 'structures.time_zone'])
    .where('activities.id', '=', activityId)
    .where('activities.structure_id', '=', structureId)
    .executeTakeFirst();
  if (!activity) throw problem('unknown_activity');
  return activity;
}

function toSlot(row: Selectable<SlotsTable>): Slot {
  return {
    id: row.id,
    activityId: row.activity_id,
    date: row.date,
    capacity: row.capacity,
    waitingCapacity: row.waiting_capacity,
    opensAt: row.opens_at.toISOString(),
    deadline: row.deadline.toISOString(),
    booked: row.booked,
    waiting: row.waiting,
  };
}

function capacityBelowBooked(date: string, booked: number, waiting: number): ProblemError {
  const day = (locale: string) => formatIsoDate(date, locale);
  return new ProblemError(
    'capacity_below_booked',
    { date, booked, waiting },
    {
      fr: `Le ${day('fr-FR')} compte déjà ${booked} place(s) réservée(s) et ${waiting} en attente : la capacité ne peut pas descendre en dessous.`,
      en: `${day('en-GB')} already has ${booked} place(s) booked and ${waiting} waiting: capacity cannot go below that.`,
    },
  );
}

/**
 * Creates or updates the days of a period whose ISO weekday is listed. The deadline of a day is
 * `deadlineDaysBefore` days before it at `deadlineTime`, in the structure's time zone. A day
 * already holding more bookings (or waiting entries) than the new capacity refuses the whole
 * request.
 */
export async function createSlots(
  ctx: Ctx,
  input: SlotsBulkRequest,
): Promise<{ created: number; updated: number }> {
  const structureId = adminStructure(ctx);
  const days = periodDays(input.from, input.to);
  const activity = await activityOfStructure(ctx.db, structureId, input.activityId);
  const weekdays = new Set(input.weekdays);
  const dates = days.filter((d) => weekdays.has(isoWeekday(d)));
  if (dates.length === 0) return { created: 0, updated: 0 };

  // Lock the days already there: their counters cannot move until we commit.
  const existing = await ctx.db
    .selectFrom('slots')
    .select(['date', 'booked', 'waiting'])
    .where('activity_id', '=', activity.id)
    .where('date', 'in', dates)
    .orderBy('date')
    .forUpdate()
    .execute();
  for (const slot of existing) {
    if (slot.booked > input.capacity || slot.waiting > input.waitingCapacity)
      throw capacityBelowBooked(slot.date, slot.booked, slot.waiting);
  }

  calendarChanged(ctx, structureId, 'seats');
  const opensAt = new Date(input.opensAt);
  const rows = dates.map((date) => ({
    id: randomUUID(),
    activity_id: activity.id,
    date,
    capacity: input.capacity,
    waiting_capacity: input.waitingCapacity,
    opens_at: opensAt,
    deadline: instantInZone(
      addDaysIso(date, -input.deadlineDaysBefore),
      input.deadlineTime,
      activity.time_zone,
    ),
  }));
  try {
    const written = await ctx.db
      .insertInto('slots')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['activity_id', 'date']).doUpdateSet((eb) => ({
          capacity: eb.ref('excluded.capacity'),
          waiting_capacity: eb.ref('excluded.waiting_capacity'),
          opens_at: eb.ref('excluded.opens_at'),
          deadline: eb.ref('excluded.deadline'),
        })),
      )
      // xmax is 0 on a freshly inserted row version, set on an updated one.
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .execute();
    const created = written.filter((r) => r.inserted).length;
    return { created, updated: written.length - created };
  } catch (err) {
    // A day created meanwhile by someone else and booked beyond the new capacity: the CHECK says no.
    if ((err as { code?: string }).code === '23514') throw problem('capacity_below_booked');
    throw err;
  }
}

export async function listSlots(
  ctx: Ctx,
  query: { activityId: string; from: string; to: string },
): Promise<{ items: Slot[] }> {
  const structureId = adminStructure(ctx);
  periodDays(query.from, query.to);
  const activity = await activityOfStructure(ctx.db, structureId, query.activityId);
  const rows = await ctx.db
    .selectFrom('slots')
    .selectAll()
    .where('activity_id', '=', activity.id)
    .where('date', '>=', query.from)
    .where('date', '<=', query.to)
    .orderBy('date')
    .execute();
  return { items: rows.map(toSlot) };
}

// ---- accounts and members

function toMember(row: {
  id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  birth_date: string | null;
}): Member {
  return {
    id: row.id,
    accountId: row.account_id,
    firstName: row.first_name,
    lastName: row.last_name,
    birthDate: row.birth_date,
  };
}

function encodeCursor(holderName: string, id: string): string {
  return Buffer.from(JSON.stringify([holderName, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return value as [string, string];
  } catch {
    // Falls through to the problem below.
  }
  throw invalid('query.cursor', 'Unknown cursor');
}

/** `%` and `_` match themselves in a LIKE pattern (and so does the escape character). */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Family accounts of the structure by holder name, a page at a time; `q` searches the holder name. */
export async function listAccounts(ctx: Ctx, query: { cursor?: string; q?: string }): Promise<Page<Account>> {
  const structureId = adminStructure(ctx);
  let select = ctx.db
    .selectFrom('accounts')
    .select(['id', 'structure_id', 'holder_name', 'email'])
    .where('structure_id', '=', structureId);
  const q = query.q?.trim();
  if (q) select = select.where(sql<boolean>`holder_name ilike ${likeContains(q)} escape '\\'`);
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor);
    select = select.where(sql<boolean>`(holder_name, id) > (${name}, ${id})`);
  }
  const rows = await select
    .orderBy('holder_name')
    .orderBy('id')
    .limit(ACCOUNTS_PAGE + 1)
    .execute();
  const page = rows.slice(0, ACCOUNTS_PAGE);
  const members = page.length
    ? await ctx.db
        .selectFrom('members')
        .selectAll()
        .where(
          'account_id',
          'in',
          page.map((a) => a.id),
        )
        .orderBy('first_name')
        .orderBy('id')
        .execute()
    : [];
  const last = page.at(-1);
  return {
    items: page.map((a) => ({
      id: a.id,
      structureId: a.structure_id,
      holderName: a.holder_name,
      email: a.email,
      members: members.filter((m) => m.account_id === a.id).map(toMember),
    })),
    ...(rows.length > ACCOUNTS_PAGE && last ? { next: encodeCursor(last.holder_name, last.id) } : {}),
  };
}

/**
 * Creates a family account with one wallet per wallet kind of the structure and, when a login
 * and password are given, the family's user.
 */
export async function createAccount(ctx: Ctx, input: AccountInput): Promise<Account> {
  const structureId = adminStructure(ctx);
  const login = input.login?.trim();
  if ((login === undefined) !== (input.password === undefined))
    throw invalid('body.login', 'login and password go together');
  if (login !== undefined && login.length < 3) throw invalid('body.login', 'login is too short');
  if (login !== undefined) {
    const taken = await ctx.db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
    if (taken) throw problem('login_taken');
  }

  const id = randomUUID();
  await ctx.db
    .insertInto('accounts')
    .values({ id, structure_id: structureId, holder_name: input.holderName, email: input.email })
    .execute();
  const kinds = await ctx.db
    .selectFrom('wallet_kinds')
    .select('id')
    .where('structure_id', '=', structureId)
    .orderBy('id')
    .execute();
  if (kinds.length)
    await ctx.db
      .insertInto('wallets')
      .values(kinds.map((k) => ({ id: randomUUID(), account_id: id, kind_id: k.id })))
      .execute();

  if (login !== undefined && input.password !== undefined) {
    const userId = randomUUID();
    await ctx.db
      .insertInto('users')
      .values({
        id: userId,
        login,
        display_name: input.holderName,
        email: input.email,
        password_hash: await hashPassword(input.password),
      })
      .execute();
    await ctx.db
      .insertInto('memberships')
      .values({ user_id: userId, structure_id: structureId, role: 'family', account_id: id })
      .execute();
  }
  return { id, structureId, holderName: input.holderName, email: input.email, members: [] };
}

async function accountOfStructure(db: Db, structureId: string, accountId: string) {
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .where('structure_id', '=', structureId)
    .executeTakeFirst();
  if (!account) throw problem('not_found');
  return account;
}

export async function createMember(ctx: Ctx, accountId: string, input: MemberInput): Promise<Member> {
  const structureId = adminStructure(ctx);
  const account = await accountOfStructure(ctx.db, structureId, accountId);
  const row = {
    id: randomUUID(),
    account_id: account.id,
    first_name: input.firstName,
    last_name: input.lastName,
    birth_date: input.birthDate,
  };
  await ctx.db.insertInto('members').values(row).execute();
  return toMember(row);
}

// ---- payments and notices

/**
 * Records a payment received at the desk: a ledger entry crediting the wallet, the payment
 * referring to it, and the cached balance moved by the same amount, in the caller's transaction.
 */
export async function recordPayment(ctx: Ctx, input: PaymentInput): Promise<Payment> {
  const structureId = adminStructure(ctx);
  const wallet = await ctx.db
    .selectFrom('wallets')
    .innerJoin('accounts', 'accounts.id', 'wallets.account_id')
    .select('wallets.id')
    .where('wallets.id', '=', input.walletId)
    .where('accounts.structure_id', '=', structureId)
    .executeTakeFirst();
  if (!wallet) throw problem('not_found');

  const entry = await ctx.db
    .insertInto('ledger_entries')
    .values({ wallet_id: wallet.id, amount: input.amount, kind: 'payment', created_at: ctx.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const payment = await ctx.db
    .insertInto('payments')
    .values({
      id: randomUUID(),
      wallet_id: wallet.id,
      ledger_entry_id: entry.id,
      received_on: input.receivedOn,
      mode: input.mode,
      piece_number: input.pieceNumber,
      payer_name: input.payerName,
      bank_name: input.bankName,
      amount: input.amount,
      created_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable('wallets')
    .set({ balance: sql`balance + ${input.amount}` })
    .where('id', '=', wallet.id)
    .execute();
  return {
    id: payment.id,
    walletId: payment.wallet_id,
    receivedOn: payment.received_on,
    mode: payment.mode,
    pieceNumber: payment.piece_number,
    payerName: payment.payer_name,
    bankName: payment.bank_name,
    amount: payment.amount,
    createdAt: payment.created_at.toISOString(),
  };
}

export async function createNotice(ctx: Ctx, input: NoticeInput): Promise<Notice> {
  const structureId = adminStructure(ctx);
  const row = await ctx.db
    .insertInto('notices')
    .values({
      id: randomUUID(),
      structure_id: structureId,
      title: input.title,
      body: input.body,
      published_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    structureId: row.structure_id,
    title: row.title,
    body: row.body,
    publishedAt: row.published_at.toISOString(),
  };
}
