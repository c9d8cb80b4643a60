import type { Member, Role } from '@guichet/sdk/schemas';
import type { Mailer } from '../mail/outbox.js';
import type { PaymentConfig } from '../payments/provider.js';
import type { Db } from '../store/db.js';

/** Who is calling: a signed-in user in one structure, or an integrator's API key. */
export interface Principal {
  kind: 'session' | 'api_key';
  /** The user; null for an API key. */
  userId: string | null;
  structureId: string;
  /** The caller's roles in `structureId` (an API key acts as admin of its structure). */
  roles: Role[];
  /** The family account of a `family` user. */
  accountId: string | null;
  /** Venues of a `cashier`. */
  venueIds: string[];
  /** Hash of the session token (to close it). */
  sessionHash: string | null;
  /**
   * A family user's account with its children and debt state, read with the session in the same
   * statement (family.ts `accountWithMembers` uses it instead of reading them again); null otherwise.
   */
  household: Household | null;
}

/** A family account with its children, its debt state and its structure's name, as one read gives them. */
export interface Household {
  account: { id: string; structureId: string; holderName: string; email: string | null };
  members: Member[];
  inDebit: boolean;
  structureName: string;
}

/** What a service call gets: the store (a transaction for writes), the clock and the caller. */
export interface Ctx {
  db: Db;
  now: Date;
  principal: Principal | null;
  mailer: Mailer;
  config: GuichetConfig;
  /**
   * The caller's address: the first hop of `X-Forwarded-For`, else the peer of the Node socket
   * (@hono/node-server passes it as `env.incoming`); null when unknown.
   */
  clientAddress?: string | null;
  /**
   * Runs `fn` on the store once the request's transaction is over, committed or rolled back: for
   * what must be kept even when the request fails (counts of failed attempts). Absent outside HTTP.
   */
  afterwards?: (fn: (db: Db) => Promise<unknown>) => void;
  /** What the endpoint's `prepare` read before the transaction opened (http/handlers.ts). */
  prepared?: unknown;
}

export interface GuichetConfig {
  /** Public address of the server, used in mailed links. */
  publicUrl: string;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** Password reset link lifetime in minutes. */
  resetMinutes: number;
  /** Cookies get `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  /**
   * The pass Culture public API the desks of `passculture` venues forward to; when absent,
   * `PASSCULTURE_API_URL` and `PASSCULTURE_API_KEY` are read from the environment.
   */
  passCulture?: { apiUrl: string; apiKey: string };
  /** Card payment provider; the built-in sandbox when absent (docs/payments.md). */
  payments?: PaymentConfig | undefined;
}

export const DEFAULT_CONFIG: GuichetConfig = {
  publicUrl: 'http://localhost:8080',
  sessionHours: 12,
  resetMinutes: 30,
  secureCookies: false,
};
