// Structures, people, auth, activities, slots, reservations, wallets and their ledger, jobs, mail.
// Counters on slots are guarded by CHECK constraints: the database refuses overbooking even if
// a bug slipped through the booking engine.
export const sql = /* sql */ `
create table structures (
  id text primary key,
  name text not null,
  kind text not null check (kind in ('town', 'cinema', 'leisure_centre')),
  time_zone text not null default 'Europe/Paris',
  origins text[] not null default '{}'
);

create table users (
  id text primary key,
  login text not null unique,
  display_name text not null,
  email text,
  password_hash text not null,
  created_at timestamptz not null default now()
);

create table accounts (
  id text primary key,
  structure_id text not null references structures(id),
  holder_name text not null,
  email text,
  created_at timestamptz not null default now()
);
create index accounts_structure on accounts(structure_id, holder_name, id);

create table memberships (
  user_id text not null references users(id),
  structure_id text not null references structures(id),
  role text not null check (role in ('family', 'referent', 'cashier', 'admin')),
  account_id text references accounts(id),
  venue_ids text[] not null default '{}',
  primary key (user_id, structure_id, role)
);

create table sessions (
  token_hash text primary key,
  user_id text not null references users(id),
  structure_id text not null references structures(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions(user_id);

create table api_keys (
  id text primary key,
  key_hash text not null unique,
  structure_id text not null references structures(id),
  name text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create table password_resets (
  token_hash text primary key,
  user_id text not null references users(id),
  expires_at timestamptz not null,
  used_at timestamptz
);

create table members (
  id text primary key,
  account_id text not null references accounts(id),
  first_name text not null,
  last_name text not null,
  birth_date date
);
create index members_account on members(account_id);

create table wallet_kinds (
  id text primary key,
  structure_id text not null references structures(id),
  name text not null
);

create table wallets (
  id text primary key,
  account_id text not null references accounts(id),
  kind_id text not null references wallet_kinds(id),
  -- Cached sum of ledger_entries.amount, changed in the same transaction as the ledger.
  balance integer not null default 0,
  unique (account_id, kind_id)
);

create table notices (
  id text primary key,
  structure_id text not null references structures(id),
  title text not null,
  body text not null,
  published_at timestamptz not null default now()
);

create table activities (
  id text primary key,
  structure_id text not null references structures(id),
  name text not null,
  start_time text not null,
  end_time text not null,
  unit_price integer not null check (unit_price >= 0),
  quantity integer not null default 1 check (quantity >= 1),
  wallet_kind_id text not null references wallet_kinds(id),
  min_age integer,
  max_age integer,
  conflict_group text
);
create index activities_structure on activities(structure_id);

create table supplements (
  id text primary key,
  activity_id text not null references activities(id),
  name text not null,
  unit_price integer not null check (unit_price >= 0),
  dates date[] not null default '{}'
);

create table slots (
  id text primary key,
  activity_id text not null references activities(id),
  date date not null,
  capacity integer not null check (capacity >= 0),
  waiting_capacity integer not null check (waiting_capacity >= 0),
  opens_at timestamptz not null,
  deadline timestamptz not null,
  booked integer not null default 0 check (booked >= 0 and booked <= capacity),
  waiting integer not null default 0 check (waiting >= 0 and waiting <= waiting_capacity),
  unique (activity_id, date)
);
create index slots_date on slots(date);

create sequence waiting_order;

create table reservations (
  id text primary key,
  account_id text not null references accounts(id),
  member_id text not null references members(id),
  slot_id text not null references slots(id),
  activity_id text not null references activities(id),
  date date not null,
  status text not null check (status in ('accepted', 'waitlisted', 'cancelled', 'refused')),
  -- FIFO order of the waiting list: taken from a sequence when the entry is made.
  waiting_order bigint,
  supplement_ids text[] not null default '{}',
  unit_price integer not null,
  quantity integer not null,
  supplements_total integer not null default 0,
  refusal_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  charged_at timestamptz
);
-- A member holds at most one live reservation per slot.
create unique index reservations_live on reservations(member_id, slot_id) where status in ('accepted', 'waitlisted');
create index reservations_account_date on reservations(account_id, date);
create index reservations_slot_waiting on reservations(slot_id, waiting_order) where status = 'waitlisted';
create index reservations_to_charge on reservations(date) where status = 'accepted' and charged_at is null;

-- Append-only: a wallet's balance is the sum of its entries.
create table ledger_entries (
  id bigserial primary key,
  wallet_id text not null references wallets(id),
  amount integer not null,
  kind text not null check (kind in ('consumption', 'payment', 'adjustment')),
  created_at timestamptz not null default now()
);
create index ledger_wallet on ledger_entries(wallet_id);

create table consumptions (
  id text primary key,
  wallet_id text not null references wallets(id),
  ledger_entry_id bigint not null references ledger_entries(id),
  date date not null,
  member_id text not null references members(id),
  activity_id text not null references activities(id),
  unit_price integer not null,
  quantity integer not null,
  total integer not null,
  -- Charging posts a reservation once, whatever the retries.
  reservation_id text unique references reservations(id)
);
create index consumptions_wallet_date on consumptions(wallet_id, date);

create table payments (
  id text primary key,
  wallet_id text not null references wallets(id),
  ledger_entry_id bigint not null references ledger_entries(id),
  received_on date not null,
  mode text not null check (mode in ('CH', 'ESP', 'CB', 'VIR')),
  piece_number text not null default '',
  payer_name text not null,
  bank_name text not null default '',
  amount integer not null check (amount > 0),
  created_at timestamptz not null default now()
);
create index payments_wallet_date on payments(wallet_id, received_on);

create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  status integer not null,
  body text not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

create table job_runs (
  name text not null,
  run_key text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (name, run_key)
);

create table mail_outbox (
  id text primary key,
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  kind text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text
);
create index mail_outbox_pending on mail_outbox(next_attempt_at) where sent_at is null;
`;
