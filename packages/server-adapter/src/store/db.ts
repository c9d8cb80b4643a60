import type { ColumnType, Generated, Kysely } from 'kysely';

/** A column the database fills (`default now()`), read as a Date. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A `date` column: read and written as `YYYY-MM-DD` (parsers are set in store.ts). */
type PlainDate = string;

export interface StructuresTable {
  id: string;
  name: string;
  kind: 'town' | 'cinema' | 'leisure_centre';
  time_zone: Generated<string>;
  origins: Generated<string[]>;
}
export interface UsersTable {
  id: string;
  login: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  created_at: CreatedAt;
}
export interface MembershipsTable {
  user_id: string;
  structure_id: string;
  role: 'family' | 'referent' | 'cashier' | 'admin';
  account_id: string | null;
  venue_ids: Generated<string[]>;
}
export interface SessionsTable {
  token_hash: string;
  user_id: string;
  structure_id: string;
  created_at: CreatedAt;
  expires_at: Date;
}
export interface ApiKeysTable {
  id: string;
  key_hash: string;
  structure_id: string;
  name: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
}
export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
}
export interface AccountsTable {
  id: string;
  structure_id: string;
  holder_name: string;
  email: string | null;
  created_at: CreatedAt;
}
export interface MembersTable {
  id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  birth_date: PlainDate | null;
}
export interface WalletKindsTable {
  id: string;
  structure_id: string;
  name: string;
}
export interface WalletsTable {
  id: string;
  account_id: string;
  kind_id: string;
  balance: Generated<number>;
}
export interface NoticesTable {
  id: string;
  structure_id: string;
  title: string;
  body: string;
  published_at: CreatedAt;
}
export interface ActivitiesTable {
  id: string;
  structure_id: string;
  name: string;
  start_time: string;
  end_time: string;
  unit_price: number;
  quantity: Generated<number>;
  wallet_kind_id: string;
  min_age: number | null;
  max_age: number | null;
  conflict_group: string | null;
}
export interface SupplementsTable {
  id: string;
  activity_id: string;
  name: string;
  unit_price: number;
  dates: Generated<PlainDate[]>;
}
export interface SlotsTable {
  id: string;
  activity_id: string;
  date: PlainDate;
  capacity: number;
  waiting_capacity: number;
  opens_at: Date;
  deadline: Date;
  booked: Generated<number>;
  waiting: Generated<number>;
}
export type ReservationStatus = 'accepted' | 'waitlisted' | 'cancelled' | 'refused';
export interface ReservationsTable {
  id: string;
  account_id: string;
  member_id: string;
  slot_id: string;
  activity_id: string;
  date: PlainDate;
  status: ReservationStatus;
  waiting_order: number | null;
  supplement_ids: Generated<string[]>;
  unit_price: number;
  quantity: number;
  supplements_total: Generated<number>;
  refusal_reason: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  charged_at: Date | null;
}
export interface LedgerEntriesTable {
  id: Generated<number>;
  wallet_id: string;
  amount: number;
  kind: 'consumption' | 'payment' | 'adjustment';
  created_at: CreatedAt;
}
export interface ConsumptionsTable {
  id: string;
  wallet_id: string;
  ledger_entry_id: number;
  date: PlainDate;
  member_id: string;
  activity_id: string;
  unit_price: number;
  quantity: number;
  total: number;
  reservation_id: string | null;
}
export interface PaymentsTable {
  id: string;
  wallet_id: string;
  ledger_entry_id: number;
  received_on: PlainDate;
  mode: 'CH' | 'ESP' | 'CB' | 'VIR';
  piece_number: string;
  payer_name: string;
  bank_name: string;
  amount: number;
  created_at: CreatedAt;
}
export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status: number;
  body: string;
  created_at: CreatedAt;
}
export interface JobRunsTable {
  name: string;
  run_key: string;
  started_at: CreatedAt;
  finished_at: Date | null;
}
export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  kind: string;
  created_at: CreatedAt;
  sent_at: Date | null;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
}

export interface Database {
  structures: StructuresTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  password_resets: PasswordResetsTable;
  accounts: AccountsTable;
  members: MembersTable;
  wallet_kinds: WalletKindsTable;
  wallets: WalletsTable;
  notices: NoticesTable;
  activities: ActivitiesTable;
  supplements: SupplementsTable;
  slots: SlotsTable;
  reservations: ReservationsTable;
  ledger_entries: LedgerEntriesTable;
  consumptions: ConsumptionsTable;
  payments: PaymentsTable;
  idempotency_keys: IdempotencyKeysTable;
  job_runs: JobRunsTable;
  mail_outbox: MailOutboxTable;
}

export type Db = Kysely<Database>;
