import { randomUUID } from 'node:crypto';
import type { Role } from '@guichet/sdk/schemas';
import { hashSecret, newSecret } from '../src/services/passwords.js';
import type { testServer } from './harness.js';

type Server = Awaited<ReturnType<typeof testServer>>;

/**
 * A cinema network of its own for the countermark suites (no demo data to count around): three
 * venues, its API key (the ticketing site), and people signed in directly (no scrypt per person).
 */
export async function cinemaNetwork(t: Server, clock: () => Date) {
  const network = randomUUID();
  const venues = { studio: randomUUID(), entrepot: randomUUID(), reunion: randomUUID() };
  await t.db
    .insertInto('structures')
    .values({ id: network, name: `Réseau ${network.slice(0, 6)}`, kind: 'cinema', time_zone: 'Europe/Paris' })
    .execute();
  await t.db
    .insertInto('venues')
    .values([
      { id: venues.studio, structure_id: network, name: 'Studio', address: '10 rue des Ursulines, Paris' },
      {
        id: venues.entrepot,
        structure_id: network,
        name: 'Entrepôt',
        address: '7 rue Francis de Pressensé, Paris',
      },
      {
        id: venues.reunion,
        structure_id: network,
        name: 'Ciné Réunion',
        address: 'Saint-Denis, La Réunion',
        time_zone: 'Indian/Reunion',
      },
    ])
    .execute();
  const apiKey = newSecret('gk');
  await t.db
    .insertInto('api_keys')
    .values({
      id: randomUUID(),
      key_hash: hashSecret(apiKey),
      structure_id: network,
      name: 'Billetterie',
      revoked_at: null,
    })
    .execute();

  let n = 0;
  async function session(role: Role, venueIds: string[] = []) {
    const userId = randomUUID();
    const token = newSecret('gs');
    n += 1;
    await t.db
      .insertInto('users')
      .values({
        id: userId,
        login: `cm-${role}-${n}-${userId.slice(0, 6)}`,
        display_name: `${role} ${n}`,
        email: null,
        password_hash: '!',
      })
      .execute();
    await t.db
      .insertInto('memberships')
      .values({ user_id: userId, structure_id: network, role, account_id: null, venue_ids: venueIds })
      .execute();
    await t.db
      .insertInto('sessions')
      .values({
        token_hash: hashSecret(token),
        user_id: userId,
        structure_id: network,
        expires_at: new Date(clock().getTime() + 10 * 365 * 86_400_000),
      })
      .execute();
    return { userId, token };
  }

  let people = 0;
  /** A new beneficiary's details. */
  const beneficiary = (firstName = 'Inès') => {
    people += 1;
    return {
      firstName,
      lastName: `MOREAU${people}`,
      email: `beneficiaire${people}.${network.slice(0, 6)}@example.fr`,
    };
  };

  return { network, venues, apiKey, session, beneficiary };
}
