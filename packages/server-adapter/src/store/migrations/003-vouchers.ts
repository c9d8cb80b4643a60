// Cartoonettes: signing keys of their QR codes, vouchers, lots of places, debits (append-only,
// a reversal is a compensating row), orders of places, and group screening requests.
// Lot counters are guarded by CHECK constraints: a bug cannot take more places than a lot holds.
export const sql = /* sql */ `
create table signing_keys (
  id text primary key,
  algorithm text not null default 'ed25519',
  public_key text not null,
  private_key text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);

create table vouchers (
  id text primary key,
  structure_id text not null references structures(id),
  number text not null unique,
  -- One voucher per holder; its email is set at creation and never changed.
  holder_account_id text not null unique references accounts(id),
  email text not null,
  status text not null default 'active' check (status in ('active', 'blocked')),
  created_at timestamptz not null
);
create index vouchers_structure on vouchers(structure_id, number);

create table voucher_lots (
  id text primary key,
  voucher_id text not null references vouchers(id),
  places integer not null check (places >= 1),
  remaining integer not null check (remaining >= 0 and remaining <= places),
  loaded_on date not null,
  last_valid_day date not null,
  created_at timestamptz not null
);
create index voucher_lots_voucher on voucher_lots(voucher_id, last_valid_day);

create table voucher_debits (
  id text primary key,
  voucher_id text not null references vouchers(id),
  venue_id text not null references venues(id),
  cashier_id text not null references users(id),
  -- Positive for a debit, negative for the reversal that compensates it.
  places integer not null check (places <> 0),
  at timestamptz not null,
  -- A debit is reversed at most once.
  reverses text unique references voucher_debits(id),
  reason text,
  check ((reverses is null) = (places > 0))
);
create index voucher_debits_voucher on voucher_debits(voucher_id, at);

create table voucher_debit_allocations (
  debit_id text not null references voucher_debits(id),
  lot_id text not null references voucher_lots(id),
  places integer not null check (places >= 1),
  primary key (debit_id, lot_id)
);

create table voucher_orders (
  id text primary key,
  structure_id text not null references structures(id),
  account_id text not null references accounts(id),
  referent_first_name text not null,
  referent_last_name text not null,
  referent_phone text not null,
  places integer not null check (places >= 1),
  first_session_date date not null,
  quote_addressee text,
  voucher_email text,
  status text not null default 'requested' check (status in ('requested', 'paid', 'loaded', 'cancelled')),
  payment_reference text,
  lot_id text unique references voucher_lots(id),
  created_at timestamptz not null,
  paid_at timestamptz
);
create index voucher_orders_structure on voucher_orders(structure_id, created_at);
create index voucher_orders_account on voucher_orders(account_id, created_at);

create table screening_requests (
  id text primary key,
  structure_id text not null references structures(id),
  account_id text not null references accounts(id),
  venue_id text not null references venues(id),
  session text not null,
  date date not null,
  time text,
  children integer not null check (children >= 1),
  adults integer not null check (adults >= 0),
  payment text not null check (payment in ('voucher', 'on_site')),
  note text,
  status text not null default 'requested' check (status in ('requested', 'confirmed', 'declined')),
  staff_message text,
  decided_by text references users(id),
  decided_at timestamptz,
  created_at timestamptz not null
);
create index screening_requests_venue_date on screening_requests(venue_id, date);
create index screening_requests_account on screening_requests(account_id, date);
`;
