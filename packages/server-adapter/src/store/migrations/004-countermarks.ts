// Offers and their sessions (stocks), beneficiaries, countermark bookings, half-monthly
// reimbursement statements, where each venue's desk checks countermarks, and the failure counters
// that stop token guessing (shared by every process on one database).
// `stocks.booked` is guarded by CHECK constraints: a bug cannot sell more places than a session has.
export const sql = /* sql */ `
create table venue_countermark_settings (
  venue_id text primary key references venues(id),
  source text not null default 'guichet' check (source in ('guichet', 'passculture')),
  passculture_venue_id text
);

create table offers (
  id text primary key,
  venue_id text not null references venues(id),
  name text not null,
  category text not null check (category in ('screening', 'film_event', 'open_air', 'festival')),
  description text not null default '',
  is_duo boolean not null default false,
  active boolean not null default true,
  duration_minutes integer check (duration_minutes between 1 and 1000),
  version text,
  poster_url text,
  -- Natural key of an imported film: lower(film) || '|' || lower(version).
  import_key text,
  created_at timestamptz not null default now()
);
create index offers_venue on offers(venue_id, name);
create unique index offers_import_key on offers(venue_id, import_key) where import_key is not null;

create table stocks (
  id text primary key,
  offer_id text not null references offers(id),
  begins_at timestamptz not null,
  price integer not null check (price >= 0),
  quantity integer not null check (quantity >= 0),
  booked integer not null default 0 check (booked >= 0 and booked <= quantity),
  booking_limit timestamptz,
  active boolean not null default true,
  unique (offer_id, begins_at)
);
create index stocks_begins on stocks(begins_at);

create table beneficiaries (
  id text primary key,
  structure_id text not null references structures(id),
  first_name text not null,
  last_name text not null,
  email text not null,
  created_at timestamptz not null default now()
);
create unique index beneficiaries_email on beneficiaries(structure_id, lower(email));

create table reimbursement_statements (
  id text primary key,
  venue_id text not null references venues(id),
  period_start date not null,
  period_end date not null,
  bookings integer not null check (bookings >= 0),
  gross integer not null check (gross >= 0),
  rate integer not null check (rate between 0 and 10000),
  reimbursed integer not null check (reimbursed >= 0),
  created_at timestamptz not null,
  unique (venue_id, period_start)
);

create table countermark_bookings (
  id text primary key,
  token text not null unique,
  stock_id text not null references stocks(id),
  offer_id text not null references offers(id),
  venue_id text not null references venues(id),
  beneficiary_id text not null references beneficiaries(id),
  quantity integer not null check (quantity in (1, 2)),
  unit_price integer not null check (unit_price >= 0),
  amount integer not null check (amount >= 0),
  status text not null check (status in ('confirmed', 'used', 'cancelled', 'reimbursed')),
  created_at timestamptz not null,
  cancellation_limit timestamptz not null,
  used_at timestamptz,
  auto_used boolean not null default false,
  cancelled_at timestamptz,
  cancelled_by text check (cancelled_by in ('beneficiary', 'venue')),
  reimbursed_at timestamptz,
  reimbursed_amount integer,
  statement_id text references reimbursement_statements(id)
);
create index countermark_bookings_stock on countermark_bookings(stock_id);
create index countermark_bookings_status on countermark_bookings(status, venue_id);
-- One live booking per beneficiary and offer.
create unique index countermark_bookings_live on countermark_bookings(beneficiary_id, offer_id)
  where status <> 'cancelled';

create table rate_limits (
  key text not null,
  window_start timestamptz not null,
  count integer not null default 0,
  primary key (key, window_start)
);
`;
