import { sql } from 'kysely';
import type { Db } from '../store/db.js';

/** One broken invariant, named so a person can find it. */
export interface Violation {
  kind:
    | 'wallet_balance'
    | 'slot_capacity'
    | 'slot_waiting'
    | 'slot_counter'
    | 'voucher_lot'
    | 'stock_counter';
  id: string;
  detail: string;
}

/**
 * Proves the store's invariants: each wallet's balance is the sum of its ledger; no slot has more
 * accepted reservations than capacity or more waiting than waiting capacity, and its counters
 * match its reservations; each voucher lot's places left are its places minus what debits took
 * and reversals gave back; each session's booked places are those of its live countermark bookings.
 */
export async function checkInvariants(db: Db): Promise<Violation[]> {
  const violations: Violation[] = [];
  const wallets = await sql<{ id: string; balance: number; ledger: number }>`
    select w.id, w.balance, coalesce(sum(l.amount), 0)::int as ledger
    from wallets w left join ledger_entries l on l.wallet_id = w.id
    group by w.id, w.balance
    having w.balance <> coalesce(sum(l.amount), 0)`.execute(db);
  for (const w of wallets.rows)
    violations.push({
      kind: 'wallet_balance',
      id: w.id,
      detail: `balance ${w.balance} ≠ ledger sum ${w.ledger}`,
    });

  const slots = await sql<{
    id: string;
    date: string;
    capacity: number;
    waiting_capacity: number;
    booked: number;
    waiting: number;
    accepted: number;
    waitlisted: number;
  }>`
    select s.id, s.date, s.capacity, s.waiting_capacity, s.booked, s.waiting,
      count(*) filter (where r.status = 'accepted')::int as accepted,
      count(*) filter (where r.status = 'waitlisted')::int as waitlisted
    from slots s left join reservations r on r.slot_id = s.id
    group by s.id
    having count(*) filter (where r.status = 'accepted') > s.capacity
      or count(*) filter (where r.status = 'waitlisted') > s.waiting_capacity
      or count(*) filter (where r.status = 'accepted') <> s.booked
      or count(*) filter (where r.status = 'waitlisted') <> s.waiting`.execute(db);
  for (const s of slots.rows) {
    if (s.accepted > s.capacity)
      violations.push({
        kind: 'slot_capacity',
        id: s.id,
        detail: `${s.date}: ${s.accepted} accepted > capacity ${s.capacity}`,
      });
    if (s.waitlisted > s.waiting_capacity)
      violations.push({
        kind: 'slot_waiting',
        id: s.id,
        detail: `${s.date}: ${s.waitlisted} waiting > waiting capacity ${s.waiting_capacity}`,
      });
    if (s.accepted !== s.booked || s.waitlisted !== s.waiting)
      violations.push({
        kind: 'slot_counter',
        id: s.id,
        detail: `${s.date}: counters booked ${s.booked}/waiting ${s.waiting}, rows ${s.accepted}/${s.waitlisted}`,
      });
  }

  // Reversal allocations record the places given back (positive), under a negative debit.
  const lots = await sql<{ id: string; remaining: number; expected: number }>`
    select l.id, l.remaining,
      (l.places - coalesce(sum(case when d.places > 0 then a.places else -a.places end), 0))::int as expected
    from voucher_lots l
      left join voucher_debit_allocations a on a.lot_id = l.id
      left join voucher_debits d on d.id = a.debit_id
    group by l.id
    having l.remaining <> l.places - coalesce(sum(case when d.places > 0 then a.places else -a.places end), 0)`.execute(
    db,
  );
  for (const l of lots.rows)
    violations.push({
      kind: 'voucher_lot',
      id: l.id,
      detail: `${l.remaining} places left ≠ ${l.expected} by its debits`,
    });

  const stocks = await sql<{ id: string; booked: number; live: number }>`
    select s.id, s.booked, coalesce(sum(b.quantity) filter (where b.status <> 'cancelled'), 0)::int as live
    from stocks s left join countermark_bookings b on b.stock_id = s.id
    group by s.id
    having s.booked <> coalesce(sum(b.quantity) filter (where b.status <> 'cancelled'), 0)`.execute(db);
  for (const s of stocks.rows)
    violations.push({
      kind: 'stock_counter',
      id: s.id,
      detail: `booked ${s.booked} ≠ ${s.live} places of live bookings`,
    });
  return violations;
}
