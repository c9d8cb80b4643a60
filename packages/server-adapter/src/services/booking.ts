import { randomUUID } from 'node:crypto';
import {
  accountInDebit,
  buildRecap,
  checkLine,
  expiredWaiting,
  isoDateInZone,
  memberDisplayName,
  previewOutcomes,
} from '@guichet/sdk/rules';
import type {
  Activity,
  BookingChange,
  BookingRequest,
  BookingResult,
  IsoDate,
  LineOutcome,
  Member,
  Reservation,
  Slot,
} from '@guichet/sdk/schemas';
import { type Insertable, sql, type Transaction } from 'kysely';
import { problem } from '../http/problem.js';
import {
  bookingReportMail,
  promotionMail,
  type ReportLine,
  type WaitingEntry,
  waitingRefusedMail,
} from '../mail/family-mails.js';
import { type Mailer, outboxMailer } from '../mail/outbox.js';
import type { Database, Db, ReservationsTable } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { Ctx } from './context.js';
import {
  type AccountRow,
  accountWithMembers,
  cachedActivitiesOf,
  calendarChanged,
  forgetSlots,
  liveReservations,
  toReservation,
  toSlot,
} from './family.js';

/**
 * The booking engine. A basket is decided at once, line by line, inside the request's
 * transaction (READ COMMITTED):
 * - the account row is locked first, so one family's baskets never interleave;
 * - seats and waiting places are taken by conditional updates on the slot
 *   (`booked < capacity`, then `waiting < waiting_capacity`), so two families never get the
 *   same last seat and the counters never pass their capacities;
 * - a cancellation locks the slot row, then the reservation rows (always slot before
 *   reservation, and slots in id order, so concurrent baskets do not deadlock), and hands a
 *   freed seat to the first waiting entry (FIFO by `waiting_order`).
 */

const slotKey = (activityId: string, date: string) => `${activityId}:${date}`;

/** Runs `fn` in a transaction, or in the caller's when `db` already is one. */
async function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return db.transaction().execute(fn);
}

/** A basket's reads (`BookingReads`) and what the decision reads under the account lock. */
interface Loaded extends BookingReads {
  reservations: Reservation[];
  inDebit: boolean;
}

/**
 * What a basket needs that the transaction's locks do not protect: the account (access checked),
 * its members, the structure's activities with their supplements, the structure's name, and the
 * slots the basket names. Read before the transaction opens (`Handler.prepare`), side by side, so
 * they cost the transaction no round trip. The activities are the ones the calendar shares (kept a
 * few seconds, `cachedActivitiesOf`): an admin's change of price or ages applies at once in this
 * process, within seconds in another, as it would to a basket read a moment before the change. The
 * slots' counters only predict: the conditional update under the slot's lock decides (`takePlaces`).
 */
export interface BookingReads {
  account: AccountRow;
  members: Member[];
  activities: Activity[];
  slots: Slot[];
  structureName: string;
}

export async function bookingReads(
  ctx: Ctx,
  accountId: string,
  changes: readonly BookingChange[],
): Promise<BookingReads> {
  // The activities and slots are read alongside when the caller may plausibly touch the account
  // (its own, or an admin's structure); the account read decides, and nothing is returned otherwise.
  const p = ctx.principal;
  const plausible = p !== null && (p.accountId === accountId || p.roles.includes('admin'));
  const early = plausible
    ? Promise.all([cachedActivitiesOf(ctx.db, p.structureId), slotsOf(ctx.db, changes)])
    : undefined;
  early?.catch(() => {});
  const { account, members, structureName } = await accountWithMembers(ctx, accountId);
  const [activities, slots] = await (early ??
    Promise.all([cachedActivitiesOf(ctx.db, account.structureId), slotsOf(ctx.db, changes)]));
  return { account, members, activities, slots, structureName };
}

/** The slots of the basket's (activity, day) pairs; a pair without one has none. */
async function slotsOf(db: Db, changes: readonly BookingChange[]): Promise<Slot[]> {
  const pairs = [...new Map(changes.map((c) => [slotKey(c.activityId, c.date), c])).values()];
  if (pairs.length === 0) return [];
  const rows = await slotsOfPairs(
    db,
    pairs.map((c) => c.activityId),
    pairs.map((c) => c.date),
  );
  return rows.map(toSlot);
}

// The pairs as two array parameters, so the SQL is the same whatever their number.
const slotsOfPairs = prepared((db, activityIds: string[], dates: IsoDate[]) =>
  db
    .selectFrom('slots')
    .selectAll()
    .where(
      sql<boolean>`(activity_id, date) in (select * from unnest(${activityIds}::text[], ${dates}::date[]))`,
    ),
);

function validate(
  changes: readonly BookingChange[],
  members: readonly Member[],
  activities: readonly Activity[],
) {
  for (const [index, change] of changes.entries()) {
    if (!members.some((m) => m.id === change.memberId))
      throw problem('member_not_in_account', { detail: `changes.${index}.memberId` });
    const activity = activities.find((a) => a.id === change.activityId);
    if (!activity) throw problem('unknown_activity', { detail: `changes.${index}.activityId` });
    if (change.op === 'remove') continue;
    for (const id of change.supplementIds ?? []) {
      const supplement = activity.supplements.find((s) => s.id === id);
      if (!supplement || (supplement.dates.length > 0 && !supplement.dates.includes(change.date)))
        throw problem('unknown_supplement', { detail: `changes.${index}.supplementIds: ${id}` });
    }
  }
}

/**
 * What the decision reads under the account lock: the family's live reservations on the basket's
 * days, and its debt state unless the lock already told it.
 */
async function load(
  db: Db,
  reads: BookingReads,
  changes: readonly BookingChange[],
  inDebit?: boolean,
): Promise<Loaded> {
  const { account } = reads;
  validate(changes, reads.members, reads.activities);
  const dates = [...new Set(changes.map((c) => c.date))];
  const reservations = await liveReservations(db, account.id, dates);
  if (inDebit === undefined) {
    const wallets = await db
      .selectFrom('wallets')
      .select('balance')
      .where('account_id', '=', account.id)
      .execute();
    inDebit = accountInDebit(wallets);
  }
  return { ...reads, reservations, inDebit };
}

/**
 * Sends a basket (or, with `dryRun`, tells what it would do and cost without writing anything).
 * `reads`: `bookingReads` made before the transaction (read here when absent).
 */
export async function book(
  ctx: Ctx,
  accountId: string,
  request: BookingRequest,
  reads?: BookingReads,
): Promise<BookingResult> {
  const before =
    reads?.account.id === accountId ? reads : await bookingReads(ctx, accountId, request.changes);
  // A supplement counts once however often it is listed.
  const changes = request.changes.map((c) =>
    c.supplementIds ? { ...c, supplementIds: [...new Set(c.supplementIds)] } : c,
  );
  let account = before.account;
  let inDebit: boolean | undefined;
  if (!request.dryRun) {
    // One family's requests serialize on its account row; the address the report goes to and the
    // debt state are read with it.
    const [locked] = await lockAccount(ctx.db, account.id);
    if (!locked) throw problem('not_found');
    account = { ...account, holderName: locked.holder_name, email: locked.email };
    inDebit = locked.in_debit;
  }
  const loaded = await load(ctx.db, { ...before, account }, changes, inDebit);
  const recap = buildRecap({ changes, activities: loaded.activities, reservations: loaded.reservations });
  if (request.dryRun) {
    const lines = previewOutcomes({
      changes,
      members: loaded.members,
      activities: loaded.activities,
      slots: loaded.slots,
      reservations: loaded.reservations,
      accountInDebit: loaded.inDebit,
      now: ctx.now,
    });
    return { dryRun: true, recap, lines };
  }
  calendarChanged(ctx, account.structureId, 'seats');
  const { lines, promoted } = await decide(ctx, loaded, changes);
  // In the transaction, not after it: a committed basket always has its report queued.
  await queueReport(ctx, loaded, lines);
  await mailPromotions(ctx.db, ctx.mailer, promoted);
  return { dryRun: false, recap, lines };
}

const lockAccount = prepared((db, accountId: string) =>
  db
    .selectFrom('accounts')
    .select([
      'holder_name',
      'email',
      sql<boolean>`exists (select 1 from wallets w where w.account_id = accounts.id and w.balance < 0)`.as(
        'in_debit',
      ),
    ])
    .where('id', '=', accountId)
    .forUpdate(),
);

/** A place taken on a slot whose reservation row is not written yet (written together, `flush`). */
interface Taken {
  index: number;
  change: BookingChange;
  row: Insertable<ReservationsTable> & { id: string };
  /** The place on the waiting list, or null for a seat. */
  position: number | null;
}

/** A line whose checks passed: it takes a place if one is left (`takePlaces`). */
interface Wanted {
  index: number;
  change: BookingChange;
  member: Member;
  activity: Activity;
  slot: Slot;
}

async function decide(ctx: Ctx, loaded: Loaded, changes: readonly BookingChange[]) {
  const slotByKey = new Map(loaded.slots.map((s) => [slotKey(s.activityId, s.date), s]));
  // Decided in slot order (locks always taken in the same order), answered in request order.
  const order = changes
    .map((change, index) => ({ change, index, slot: slotByKey.get(slotKey(change.activityId, change.date)) }))
    .sort((a, b) => compare(a.slot?.id ?? '', b.slot?.id ?? '') || a.index - b.index);
  const lines: LineOutcome[] = new Array(changes.length);
  const promoted: string[] = [];
  let reservations = [...loaded.reservations];
  // Independent lines (only additions, each on its own slot and its own child's day) cannot change
  // one another's checks: their places are taken together, in one statement. Otherwise line by
  // line, each seeing what the previous ones took or freed.
  const together =
    changes.every((c) => c.op === 'add') &&
    new Set(changes.map((c) => slotKey(c.activityId, c.date))).size === changes.length &&
    new Set(changes.map((c) => `${c.memberId}:${c.date}`)).size === changes.length;
  const wanted: Wanted[] = [];
  // The reservation rows of the taken places are inserted in one statement, before a
  // cancellation reads them and at the end.
  let pending: Taken[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await insertTaken(ctx.db, batch, lines);
  };
  const place = async (batch: readonly Wanted[]) => {
    const places = await takePlaces(
      ctx.db,
      batch.map((w) => w.slot.id),
    );
    for (const w of batch) {
      const taken = places.get(w.slot.id);
      if (!taken) {
        lines[w.index] = { change: w.change, outcome: 'refused', reason: 'full' };
        continue;
      }
      const row = reservationRow(ctx, loaded.account.id, w, taken.seat);
      pending.push({ index: w.index, change: w.change, row, position: taken.seat ? null : taken.waiting });
      // What the next lines are checked against (duplicates, conflicts), as the row will read.
      reservations.push(
        toReservation({
          ...row,
          supplement_ids: row.supplement_ids as string[],
          supplements_total: row.supplements_total as number,
          waiting_order: null,
          refusal_reason: null,
          created_at: ctx.now,
          updated_at: ctx.now,
          charged_at: null,
          wait_position: null,
        }),
      );
    }
  };

  for (const { change, index, slot } of order) {
    const member = loaded.members.find((m) => m.id === change.memberId)!;
    const activity = loaded.activities.find((a) => a.id === change.activityId)!;
    const check = checkLine({
      change,
      member,
      activity,
      activities: loaded.activities,
      slot,
      reservations,
      accountInDebit: loaded.inDebit,
      now: ctx.now,
    });
    // `full` was judged on counts read earlier: the conditional update decides it for real.
    if ((!check.ok && check.reason !== 'full') || !slot) {
      lines[index] = { change, outcome: 'refused', reason: check.ok ? 'closed' : check.reason };
      continue;
    }
    if (change.op === 'remove') {
      await flush();
      const result = await cancel(ctx, slot, member.id);
      if (!result) {
        lines[index] = { change, outcome: 'refused', reason: 'not_booked' };
        continue;
      }
      reservations = reservations.map((r) =>
        r.id === result.cancelled
          ? { ...r, status: 'cancelled' }
          : r.id === result.promoted
            ? { ...r, status: 'accepted', waitPosition: null }
            : r,
      );
      if (result.promoted) promoted.push(result.promoted);
      lines[index] = { change, outcome: 'cancelled', reservationId: result.cancelled };
      continue;
    }
    const line = { index, change, member, activity, slot };
    if (together) wanted.push(line);
    else await place([line]);
  }
  if (wanted.length > 0) await place(wanted);
  await flush();
  return { lines, promoted };
}

/** Writes the reservation rows of taken places in one insert and answers their lines. */
async function insertTaken(db: Db, batch: readonly Taken[], lines: LineOutcome[]) {
  const rows = await insertReservations(db, JSON.stringify(batch.map((t) => t.row)));
  if (rows.length !== batch.length) throw new Error('Reservations were not all written');
  for (const t of batch) {
    const id = t.row.id;
    lines[t.index] =
      t.position === null
        ? { change: t.change, outcome: 'accepted', reservationId: id }
        : { change: t.change, outcome: 'waitlisted', position: t.position, reservationId: id };
  }
}

const RESERVATION_COLUMNS = [
  'id',
  'account_id',
  'member_id',
  'slot_id',
  'activity_id',
  'date',
  'status',
  'supplement_ids',
  'unit_price',
  'quantity',
  'supplements_total',
  'refusal_reason',
  'created_at',
  'updated_at',
  'charged_at',
] as const;

// The rows as one JSON parameter, so the SQL is the same whatever their number; a waiting entry
// takes its place in the order of waiting lists as it is written.
const insertReservations = prepared((db, rows: string) =>
  db
    .insertInto('reservations')
    .columns([...RESERVATION_COLUMNS, 'waiting_order'])
    .expression(
      sql`select ${sql.join(RESERVATION_COLUMNS.map((c) => sql.ref(`r.${c}`)))},
        case when r.status = 'waitlisted' then nextval('waiting_order') end
      from jsonb_populate_recordset(null::reservations, ${rows}::jsonb) r`,
    )
    .returning('id'),
);

// Code-unit order: the same in every process.
function compare(a: string, b: string): number {
  return Number(a > b) - Number(a < b);
}

/**
 * Takes a seat, else a waiting place, on each slot (distinct ids) in one statement. The rows are
 * locked in id order, so concurrent baskets never deadlock, and stay locked until commit. A slot
 * whose seats and waiting places are all taken is absent from the answer. `waiting` is the slot's
 * count after the update: a new waiting entry's place, since every change to a waiting list holds
 * its slot's lock (and `waiting_order` grows).
 */
async function takePlaces(
  db: Db,
  slotIds: readonly string[],
): Promise<Map<string, { seat: boolean; waiting: number }>> {
  const rows = await placesTaken(db, [...slotIds]);
  return new Map(rows.map((r) => [r.id, { seat: r.seat, waiting: r.waiting }]));
}

// The slots as one array parameter: one statement whatever the basket's size, named (prepared.ts).
const placesTaken = prepared(
  (_db, slotIds: string[]) =>
    sql<{ id: string; seat: boolean; waiting: number }>`
    with locked as materialized (
      select id, booked < capacity as seat, waiting < waiting_capacity as wait
      from slots where id = any(${slotIds}::text[]) order by id for update
    )
    update slots s
    set booked = s.booked + case when l.seat then 1 else 0 end,
      waiting = s.waiting + case when l.seat then 0 else 1 end
    from locked l
    where s.id = l.id and (l.seat or l.wait)
    returning s.id, l.seat, s.waiting`,
);

/** The reservation row of a place taken on the line's slot (a seat, else a waiting place). */
function reservationRow(
  ctx: Ctx,
  accountId: string,
  { change, member, activity, slot }: Wanted,
  seat: boolean,
): Insertable<ReservationsTable> & { id: string } {
  const supplementIds = change.supplementIds ?? [];
  const supplementsTotal = supplementIds.reduce(
    (sum, id) => sum + (activity.supplements.find((s) => s.id === id)?.unitPrice ?? 0),
    0,
  );
  return {
    id: randomUUID(),
    account_id: accountId,
    member_id: member.id,
    slot_id: slot.id,
    activity_id: activity.id,
    date: slot.date,
    status: seat ? 'accepted' : 'waitlisted',
    supplement_ids: supplementIds,
    unit_price: activity.unitPrice,
    quantity: activity.quantity,
    supplements_total: supplementsTotal,
    refusal_reason: null,
    created_at: ctx.now,
    updated_at: ctx.now,
    charged_at: null,
  };
}

/**
 * Cancels the member's live reservation on the slot. A freed seat goes at once to the first
 * waiting entry (booked stays, the list shortens). Null when there was nothing to cancel.
 */
async function cancel(
  ctx: Ctx,
  slot: Slot,
  memberId: string,
): Promise<{ cancelled: string; promoted: string | null } | null> {
  const db = ctx.db;
  const locked = await db
    .selectFrom('slots')
    .select(['id', 'deadline'])
    .where('id', '=', slot.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const mine = await db
    .selectFrom('reservations')
    .select(['id', 'status'])
    .where('slot_id', '=', slot.id)
    .where('member_id', '=', memberId)
    .where('status', 'in', ['accepted', 'waitlisted'])
    .forUpdate()
    .executeTakeFirst();
  if (!mine) return null;
  await db
    .updateTable('reservations')
    .set({ status: 'cancelled', updated_at: ctx.now })
    .where('id', '=', mine.id)
    .execute();
  if (mine.status === 'waitlisted') {
    await db
      .updateTable('slots')
      .set((eb) => ({ waiting: eb('waiting', '-', 1) }))
      .where('id', '=', slot.id)
      .execute();
    return { cancelled: mine.id, promoted: null };
  }
  const next =
    ctx.now < locked.deadline
      ? await db
          .selectFrom('reservations')
          .select('id')
          .where('slot_id', '=', slot.id)
          .where('status', '=', 'waitlisted')
          .orderBy('waiting_order')
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
  if (!next) {
    await db
      .updateTable('slots')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('id', '=', slot.id)
      .execute();
    return { cancelled: mine.id, promoted: null };
  }
  await db
    .updateTable('reservations')
    .set({ status: 'accepted', updated_at: ctx.now })
    .where('id', '=', next.id)
    .execute();
  await db
    .updateTable('slots')
    .set((eb) => ({ waiting: eb('waiting', '-', 1) }))
    .where('id', '=', slot.id)
    .execute();
  return { cancelled: mine.id, promoted: next.id };
}

async function queueReport(ctx: Ctx, loaded: Loaded, lines: readonly LineOutcome[]) {
  const { account } = loaded;
  if (!account.email) return;
  const count = (outcome: LineOutcome['outcome']) => lines.filter((l) => l.outcome === outcome).length;
  const counts = {
    movements: lines.length,
    additions: lines.filter((l) => l.change.op === 'add').length,
    cancellationRequests: lines.filter((l) => l.change.op === 'remove').length,
    accepted: count('accepted'),
    waitlisted: count('waitlisted'),
    refused: count('refused'),
    cancelled: count('cancelled'),
  };
  const report: ReportLine[] = lines.map((l) => ({
    memberName: memberDisplayName(loaded.members.find((m) => m.id === l.change.memberId)!),
    activityName: loaded.activities.find((a) => a.id === l.change.activityId)!.name,
    date: l.change.date,
    outcome: l.outcome,
    position: l.position,
    reason: l.reason,
  }));
  await ctx.mailer.queue(
    ctx.db,
    bookingReportMail(
      { to: account.email, holderName: account.holderName, structureName: loaded.structureName },
      counts,
      report,
    ),
  );
}

/** Who to tell about reservations: the account, the member, the activity and the day. */
async function entriesOf(db: Db, reservationIds: readonly string[]) {
  if (reservationIds.length === 0) return [];
  return db
    .selectFrom('reservations as r')
    .innerJoin('accounts as ac', 'ac.id', 'r.account_id')
    .innerJoin('structures as s', 's.id', 'ac.structure_id')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .innerJoin('activities as a', 'a.id', 'r.activity_id')
    .select([
      'r.id',
      'r.account_id',
      'r.date',
      'ac.email',
      'ac.holder_name',
      's.name as structure_name',
      'm.first_name',
      'm.last_name',
      'a.name as activity_name',
    ])
    .where('r.id', 'in', [...reservationIds])
    .orderBy('r.date')
    .orderBy('r.id')
    .execute();
}

async function mailPromotions(db: Db, mailer: Mailer, reservationIds: readonly string[]) {
  for (const e of await entriesOf(db, reservationIds)) {
    if (!e.email) continue;
    await mailer.queue(
      db,
      promotionMail(
        { to: e.email, holderName: e.holder_name, structureName: e.structure_name },
        {
          memberName: memberDisplayName({ firstName: e.first_name, lastName: e.last_name }),
          activityName: e.activity_name,
          date: e.date,
        },
      ),
    );
  }
}

/**
 * Refuses the waiting entries of every slot whose deadline has passed, frees their waiting
 * places and tells each family (one mail per family and slot). Safe to run from several
 * processes: each slot is decided under its row lock. Returns how many entries were refused.
 */
export async function refuseExpiredWaiting(
  db: Db,
  now: Date,
  mailer: Mailer = outboxMailer,
): Promise<number> {
  const due = await db
    .selectFrom('slots')
    .select('id')
    .where('deadline', '<=', now)
    .where('waiting', '>', 0)
    .orderBy('id')
    .execute();
  let refused = 0;
  for (const { id } of due) {
    refused += await inTransaction(db, async (trx) => {
      const slot = await trx
        .selectFrom('slots')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!slot) return 0;
      const waiting = await trx
        .selectFrom('reservations')
        .selectAll()
        .where('slot_id', '=', id)
        .where('status', '=', 'waitlisted')
        .orderBy('waiting_order')
        .forUpdate()
        .execute();
      const expired = expiredWaiting({
        slot: toSlot(slot),
        reservations: waiting.map((r) => toReservation({ ...r, wait_position: null })),
        now,
      });
      if (expired.length === 0) return 0;
      const ids = expired.map((r) => r.id);
      await trx
        .updateTable('reservations')
        .set({ status: 'refused', refusal_reason: 'deadline_passed', updated_at: now })
        .where('id', 'in', ids)
        .execute();
      await trx
        .updateTable('slots')
        .set((eb) => ({ waiting: eb('waiting', '-', ids.length) }))
        .where('id', '=', id)
        .execute();
      const entries = await entriesOf(trx, ids);
      const byAccount = new Map<string, typeof entries>();
      for (const e of entries) byAccount.set(e.account_id, [...(byAccount.get(e.account_id) ?? []), e]);
      for (const group of byAccount.values()) {
        const first = group[0]!;
        if (!first.email) continue;
        await mailer.queue(
          trx,
          waitingRefusedMail(
            { to: first.email, holderName: first.holder_name, structureName: first.structure_name },
            group.map(
              (e): WaitingEntry => ({
                memberName: memberDisplayName({ firstName: e.first_name, lastName: e.last_name }),
                activityName: e.activity_name,
                date: e.date,
              }),
            ),
          ),
        );
      }
      return ids.length;
    });
  }
  if (refused > 0) forgetSlots();
  return refused;
}

/**
 * Charges one reservation: a consumption on the wallet its activity bills (unit price × quantity
 * as booked, plus its supplements), its ledger entry, and the cached balance. The claim
 * (`charged_at is null`, under the row lock an update takes) makes it happen once whatever the
 * retries; the unique `reservation_id` of consumptions backs it up.
 */
async function chargeReservation(
  trx: Transaction<Database>,
  reservationId: string,
  now: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('reservations')
    .set({ charged_at: now, updated_at: now })
    .where('id', '=', reservationId)
    .where('status', '=', 'accepted')
    .where('charged_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!r) return false;
  const activity = await trx
    .selectFrom('activities')
    .select('wallet_kind_id')
    .where('id', '=', r.activity_id)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('wallets')
    .values({ id: randomUUID(), account_id: r.account_id, kind_id: activity.wallet_kind_id })
    .onConflict((oc) => oc.columns(['account_id', 'kind_id']).doNothing())
    .execute();
  const wallet = await trx
    .selectFrom('wallets')
    .select('id')
    .where('account_id', '=', r.account_id)
    .where('kind_id', '=', activity.wallet_kind_id)
    .executeTakeFirstOrThrow();
  const total = r.unit_price * r.quantity + r.supplements_total;
  const entry = await trx
    .insertInto('ledger_entries')
    .values({ wallet_id: wallet.id, amount: -total, kind: 'consumption' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('consumptions')
    .values({
      id: randomUUID(),
      wallet_id: wallet.id,
      ledger_entry_id: entry.id,
      date: r.date,
      member_id: r.member_id,
      activity_id: r.activity_id,
      unit_price: r.unit_price,
      quantity: r.quantity,
      total,
      reservation_id: r.id,
    })
    .execute();
  await trx
    .updateTable('wallets')
    .set((eb) => ({ balance: eb('balance', '-', total) }))
    .where('id', '=', wallet.id)
    .execute();
  return true;
}

/**
 * Charges the accepted, not yet charged reservations dated on or before `date` (a missed day is
 * caught up), one transaction each. Returns how many were charged by this call.
 */
export async function chargeDay(
  db: Db,
  date: IsoDate,
  options: { now?: Date; structureId?: string } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  let query = db
    .selectFrom('reservations')
    .innerJoin('accounts', 'accounts.id', 'reservations.account_id')
    .select('reservations.id')
    .where('reservations.status', '=', 'accepted')
    .where('reservations.charged_at', 'is', null)
    .where('reservations.date', '<=', date);
  if (options.structureId) query = query.where('accounts.structure_id', '=', options.structureId);
  const due = await query.orderBy('reservations.date').orderBy('reservations.id').execute();
  let charged = 0;
  for (const { id } of due) {
    if (await inTransaction(db, (trx) => chargeReservation(trx, id, now))) charged += 1;
  }
  return charged;
}

/** Charges what is due today in each structure's own time zone. */
export async function chargeDue(db: Db, now: Date): Promise<number> {
  const structures = await db.selectFrom('structures').select(['id', 'time_zone']).orderBy('id').execute();
  let charged = 0;
  for (const s of structures) {
    charged += await chargeDay(db, isoDateInZone(now, s.time_zone), { now, structureId: s.id });
  }
  return charged;
}
