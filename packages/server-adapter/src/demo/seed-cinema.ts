import { randomUUID } from 'node:crypto';
import { hashPassword } from '../services/passwords.js';
import type { Db } from '../store/db.js';
import { seedCountermarkDemo } from './seed-countermarks.js';
import { seedVoucherDemo } from './seed-vouchers.js';

/** The demo cinema network, its venues, a leisure centre holding vouchers, and their logins. */
export interface CinemaDemoIds {
  network: string;
  venues: { ursulines: string; entrepot: string; pleinAir: string };
  /** The leisure centre's account with the network (holder of its cartoonette). */
  centreAccountId: string;
  referentUserId: string;
  cashierUserId: string;
}

export const CINEMA_DEMO_LOGINS = [
  { login: 'centre', password: 'centre-demo', role: 'referent' },
  { login: 'caisse', password: 'caisse-demo', role: 'cashier' },
] as const;

/**
 * Seeds the cinema side of the demo in the caller's transaction. `adminUserId` (the town's admin)
 * also administers the network, so the demo shows a user switching structures.
 */
export async function seedCinemaDemo(db: Db, now: Date, adminUserId: string): Promise<CinemaDemoIds> {
  const ids: CinemaDemoIds = {
    network: randomUUID(),
    venues: { ursulines: randomUUID(), entrepot: randomUUID(), pleinAir: randomUUID() },
    centreAccountId: randomUUID(),
    referentUserId: randomUUID(),
    cashierUserId: randomUUID(),
  };
  await db
    .insertInto('structures')
    .values({
      id: ids.network,
      name: 'Cinémas Indépendants Parisiens',
      kind: 'cinema',
      time_zone: 'Europe/Paris',
      origins: ['http://localhost:8080'],
    })
    .execute();
  await db
    .insertInto('venues')
    .values([
      {
        id: ids.venues.ursulines,
        structure_id: ids.network,
        name: 'Studio des Ursulines',
        address: '10 rue des Ursulines, 75005 Paris',
      },
      {
        id: ids.venues.entrepot,
        structure_id: ids.network,
        name: "L'Entrepôt",
        address: '7 rue Francis de Pressensé, 75014 Paris',
      },
      // Itinerant: its sessions take place away from the network's seat.
      {
        id: ids.venues.pleinAir,
        structure_id: ids.network,
        name: 'Ciné plein air itinérant',
        address: 'Parc de la Villette, 75019 Paris',
      },
    ])
    .execute();
  await db
    .insertInto('accounts')
    .values({
      id: ids.centreAccountId,
      structure_id: ids.network,
      holder_name: 'Centre de loisirs Paul Bert',
      email: 'clsh.paulbert@example.fr',
    })
    .execute();
  await db
    .insertInto('users')
    .values([
      {
        id: ids.referentUserId,
        login: 'centre',
        display_name: 'Centre de loisirs Paul Bert',
        email: 'clsh.paulbert@example.fr',
        password_hash: await hashPassword('centre-demo'),
      },
      {
        id: ids.cashierUserId,
        login: 'caisse',
        display_name: 'Caisse du Studio des Ursulines',
        email: null,
        password_hash: await hashPassword('caisse-demo'),
      },
    ])
    .execute();
  await db
    .insertInto('memberships')
    .values([
      {
        user_id: ids.referentUserId,
        structure_id: ids.network,
        role: 'referent',
        account_id: ids.centreAccountId,
      },
      { user_id: adminUserId, structure_id: ids.network, role: 'admin', account_id: null },
      {
        user_id: ids.cashierUserId,
        structure_id: ids.network,
        role: 'cashier',
        account_id: null,
        venue_ids: [ids.venues.ursulines, ids.venues.entrepot],
      },
    ])
    .execute();
  await seedVoucherDemo(db, now, ids);
  await seedCountermarkDemo(db, now, ids);
  return ids;
}
