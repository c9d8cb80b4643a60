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
  /** Lease of the sender that claimed it (005). */
  locked_until: Date | null;
  /** JSON array of `MailAttachment` (005). */
  attachments: ColumnType<MailAttachmentRow[], string | undefined, string>;
}
/** A file sent with a mail: base64 content, referenced from the HTML as `cid:<cid>`. */
export interface MailAttachmentRow {
  filename: string;
  contentType: string;
  content: string;
  cid?: string | undefined;
}

export type CardPaymentStatus = 'pending' | 'paid' | 'refused' | 'abandoned';
export interface CardPaymentsTable {
  id: string;
  number: number;
  account_id: string;
  structure_id: string;
  provider: string;
  /** Cents by wallet id. */
  amounts: ColumnType<Record<string, number>, string, string>;
  total: number;
  email: string;
  lang: 'fr' | 'en';
  return_url: string | null;
  status: CardPaymentStatus;
  provider_ref: string | null;
  provider_data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Date;
  updated_at: Date;
  paid_at: Date | null;
}
export interface CalendarFeedsTable {
  account_id: string;
  token_hash: string;
  created_at: Date;
}

export interface VenuesTable {
  id: string;
  structure_id: string;
  name: string;
  address: string;
  time_zone: Generated<string>;
}

export interface SigningKeysTable {
  id: string;
  algorithm: Generated<string>;
  public_key: string;
  private_key: string;
  created_at: CreatedAt;
  retired_at: Date | null;
}
export interface VouchersTable {
  id: string;
  structure_id: string;
  number: string;
  holder_account_id: string;
  email: string;
  status: Generated<'active' | 'blocked'>;
  created_at: Date;
}
export interface VoucherLotsTable {
  id: string;
  voucher_id: string;
  places: number;
  remaining: number;
  loaded_on: PlainDate;
  last_valid_day: PlainDate;
  created_at: Date;
}
export interface VoucherDebitsTable {
  id: string;
  voucher_id: string;
  venue_id: string;
  cashier_id: string;
  places: number;
  at: Date;
  reverses: string | null;
  reason: string | null;
}
export interface VoucherDebitAllocationsTable {
  debit_id: string;
  lot_id: string;
  places: number;
}
export interface VoucherOrdersTable {
  id: string;
  structure_id: string;
  account_id: string;
  referent_first_name: string;
  referent_last_name: string;
  referent_phone: string;
  places: number;
  first_session_date: PlainDate;
  quote_addressee: string | null;
  voucher_email: string | null;
  status: Generated<'requested' | 'paid' | 'loaded' | 'cancelled'>;
  payment_reference: string | null;
  lot_id: string | null;
  created_at: Date;
  paid_at: Date | null;
}
export interface ScreeningRequestsTable {
  id: string;
  structure_id: string;
  account_id: string;
  venue_id: string;
  session: string;
  date: PlainDate;
  time: string | null;
  children: number;
  adults: number;
  payment: 'voucher' | 'on_site';
  note: string | null;
  status: Generated<'requested' | 'confirmed' | 'declined'>;
  staff_message: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

export interface VenueCountermarkSettingsTable {
  venue_id: string;
  source: Generated<'guichet' | 'passculture'>;
  passculture_venue_id: string | null;
}
export interface OffersTable {
  id: string;
  venue_id: string;
  name: string;
  category: 'screening' | 'film_event' | 'open_air' | 'festival';
  description: Generated<string>;
  is_duo: Generated<boolean>;
  active: Generated<boolean>;
  duration_minutes: number | null;
  version: string | null;
  poster_url: string | null;
  import_key: string | null;
  created_at: CreatedAt;
}
export interface StocksTable {
  id: string;
  offer_id: string;
  begins_at: Date;
  price: number;
  quantity: number;
  booked: Generated<number>;
  booking_limit: Date | null;
  active: Generated<boolean>;
}
export interface BeneficiariesTable {
  id: string;
  structure_id: string;
  first_name: string;
  last_name: string;
  email: string;
  created_at: CreatedAt;
}
export interface CountermarkBookingsTable {
  id: string;
  token: string;
  stock_id: string;
  offer_id: string;
  venue_id: string;
  beneficiary_id: string;
  quantity: number;
  unit_price: number;
  amount: number;
  status: 'confirmed' | 'used' | 'cancelled' | 'reimbursed';
  created_at: Date;
  cancellation_limit: Date;
  used_at: Date | null;
  auto_used: Generated<boolean>;
  cancelled_at: Date | null;
  cancelled_by: 'beneficiary' | 'venue' | null;
  reimbursed_at: Date | null;
  reimbursed_amount: number | null;
  statement_id: string | null;
}
export interface ReimbursementStatementsTable {
  id: string;
  venue_id: string;
  period_start: PlainDate;
  period_end: PlainDate;
  bookings: number;
  gross: number;
  rate: number;
  reimbursed: number;
  created_at: Date;
}
export interface RateLimitsTable {
  key: string;
  window_start: Date;
  count: Generated<number>;
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
  card_payments: CardPaymentsTable;
  calendar_feeds: CalendarFeedsTable;
  venues: VenuesTable;
  signing_keys: SigningKeysTable;
  vouchers: VouchersTable;
  voucher_lots: VoucherLotsTable;
  voucher_debits: VoucherDebitsTable;
  voucher_debit_allocations: VoucherDebitAllocationsTable;
  voucher_orders: VoucherOrdersTable;
  screening_requests: ScreeningRequestsTable;
  venue_countermark_settings: VenueCountermarkSettingsTable;
  offers: OffersTable;
  stocks: StocksTable;
  beneficiaries: BeneficiariesTable;
  countermark_bookings: CountermarkBookingsTable;
  reimbursement_statements: ReimbursementStatementsTable;
  rate_limits: RateLimitsTable;
}

export type Db = Kysely<Database>;
