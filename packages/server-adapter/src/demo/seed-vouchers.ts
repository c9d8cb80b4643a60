import { randomUUID } from 'node:crypto';
import { addDaysIso, isoDateInZone, lotExpiry } from '@guichet/sdk/rules';
import { newVoucherNumber } from '../services/vouchers.js';
import type { Db } from '../store/db.js';
import type { CinemaDemoIds } from './seed-cinema.js';

const DAY = 86_400_000;

/**
 * The demo centre's cartoonette: a lot loaded about eleven months ago (its places expire within
 * 30 days), a recent one, the orders that loaded them, a few debits at two venues, and group
 * screenings (one confirmed today at the Studio des Ursulines, one waiting for an answer).
 */
export async function seedVoucherDemo(db: Db, now: Date, ids: CinemaDemoIds): Promise<void> {
  const today = isoDateInZone(now, 'Europe/Paris');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const voucherId = randomUUID();
  const lots = [
    { id: randomUUID(), daysAgo: 345, places: 40, remaining: 19 },
    { id: randomUUID(), daysAgo: 20, places: 30, remaining: 30 },
  ];
  await db
    .insertInto('vouchers')
    .values({
      id: voucherId,
      structure_id: ids.network,
      number: newVoucherNumber(),
      holder_account_id: ids.centreAccountId,
      email: 'clsh.paulbert@example.fr',
      created_at: ago(345),
    })
    .execute();
  for (const lot of lots) {
    const loadedOn = addDaysIso(today, -lot.daysAgo);
    await db
      .insertInto('voucher_lots')
      .values({
        id: lot.id,
        voucher_id: voucherId,
        places: lot.places,
        remaining: lot.remaining,
        loaded_on: loadedOn,
        last_valid_day: lotExpiry(loadedOn),
        created_at: ago(lot.daysAgo),
      })
      .execute();
    await db
      .insertInto('voucher_orders')
      .values({
        id: randomUUID(),
        structure_id: ids.network,
        account_id: ids.centreAccountId,
        referent_first_name: 'Nadia',
        referent_last_name: 'BENALI',
        referent_phone: '01 45 35 12 12',
        places: lot.places,
        first_session_date: addDaysIso(loadedOn, 15),
        quote_addressee: lot.daysAgo > 100 ? 'CASPE Paris Centre' : null,
        voucher_email: null,
        status: 'loaded',
        payment_reference: `BC-${loadedOn.slice(0, 4)}-${lot.places}`,
        lot_id: lot.id,
        created_at: ago(lot.daysAgo + 16),
        paid_at: ago(lot.daysAgo),
      })
      .execute();
  }
  // A new order waiting for its administrative order: the admin page has one to mark paid.
  await db
    .insertInto('voucher_orders')
    .values({
      id: randomUUID(),
      structure_id: ids.network,
      account_id: ids.centreAccountId,
      referent_first_name: 'Nadia',
      referent_last_name: 'BENALI',
      referent_phone: '01 45 35 12 12',
      places: 30,
      first_session_date: addDaysIso(today, 30),
      quote_addressee: 'Mairie de Paris',
      voucher_email: null,
      status: 'requested',
      payment_reference: null,
      lot_id: null,
      created_at: ago(2),
      paid_at: null,
    })
    .execute();
  // 21 places of the first lot, at two venues of the network.
  const debits = [
    { venue: ids.venues.ursulines, daysAgo: 60, places: 12 },
    { venue: ids.venues.entrepot, daysAgo: 21, places: 9 },
  ];
  for (const d of debits) {
    const id = randomUUID();
    await db
      .insertInto('voucher_debits')
      .values({
        id,
        voucher_id: voucherId,
        venue_id: d.venue,
        cashier_id: ids.cashierUserId,
        places: d.places,
        at: ago(d.daysAgo),
        reverses: null,
        reason: null,
      })
      .execute();
    await db
      .insertInto('voucher_debit_allocations')
      .values({ debit_id: id, lot_id: lots[0]!.id, places: d.places })
      .execute();
  }
  const screening = {
    structure_id: ids.network,
    account_id: ids.centreAccountId,
    note: null,
    decided_by: null,
    created_at: ago(3),
  };
  await db
    .insertInto('screening_requests')
    .values([
      {
        ...screening,
        id: randomUUID(),
        venue_id: ids.venues.ursulines,
        session: 'Le Voyage de Chihiro (VF)',
        date: today,
        time: '14:00',
        children: 18,
        adults: 3,
        payment: 'voucher',
        status: 'confirmed',
        staff_message: 'Nous vous attendons à 13 h 45 à la caisse.',
        decided_at: ago(2),
      },
      {
        ...screening,
        id: randomUUID(),
        venue_id: ids.venues.entrepot,
        session: 'Ma vie de Courgette',
        date: addDaysIso(today, 10),
        time: '10:00',
        children: 12,
        adults: 2,
        payment: 'on_site',
        status: 'requested',
        staff_message: null,
        decided_at: null,
      },
    ])
    .execute();
}
