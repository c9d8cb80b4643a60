import { randomUUID } from 'node:crypto';
import { addDaysIso, isoDateInZone } from '@guichet/sdk/rules';
import type { Role } from '@guichet/sdk/schemas';
import type { DemoIds } from '../src/demo/seed.js';
import { hashSecret, newSecret } from '../src/services/passwords.js';
import type { testServer } from './harness.js';

type Server = Awaited<ReturnType<typeof testServer>>;

/**
 * People of the demo cinema network for the voucher suites, signed in directly (no scrypt per
 * person): its admin, cashiers of two venues or of the itinerant one, and new leisure centres.
 */
export function voucherFixtures(t: Server, ids: DemoIds, clock: () => Date) {
  const network = ids.cinema.network;
  let n = 0;

  async function session(role: Role, extra: { accountId?: string; venueIds?: string[] } = {}) {
    const userId = randomUUID();
    const token = newSecret('gs');
    n += 1;
    await t.db
      .insertInto('users')
      .values({
        id: userId,
        login: `${role}-${n}-${userId.slice(0, 6)}`,
        display_name: `${role} ${n}`,
        email: null,
        password_hash: '!',
      })
      .execute();
    await t.db
      .insertInto('memberships')
      .values({
        user_id: userId,
        structure_id: network,
        role,
        account_id: extra.accountId ?? null,
        venue_ids: extra.venueIds ?? [],
      })
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

  /** A new leisure centre of the network with a signed-in referent. */
  async function centre(holderName = `Centre ${n + 1}`, email: string | null = `centre${n + 1}@example.fr`) {
    const accountId = randomUUID();
    await t.db
      .insertInto('accounts')
      .values({ id: accountId, structure_id: network, holder_name: holderName, email })
      .execute();
    const { token } = await session('referent', { accountId });
    return { accountId, token };
  }

  const today = () => isoDateInZone(clock(), 'Europe/Paris');

  return {
    session,
    centre,
    today,
    /** A valid order body: the first session exactly two weeks from today. */
    orderBody: (places: number, extra: Record<string, unknown> = {}) => ({
      places,
      firstSessionDate: addDaysIso(today(), 14),
      referent: { firstName: 'Nadia', lastName: 'BENALI', phone: '01 45 35 12 12' },
      ...extra,
    }),
  };
}
