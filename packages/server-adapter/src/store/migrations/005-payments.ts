// Card payments, private calendar feeds, and what the mail sender needs on the outbox
// (a lease so two processes never send one mail at once, and attachments such as a QR image).
export const sql = /* sql */ `
create sequence card_payment_numbers;

create table card_payments (
  id text primary key,
  -- A short number for humans and providers (Systempay's vads_trans_id is derived from it).
  number bigint not null unique,
  account_id text not null references accounts(id),
  structure_id text not null references structures(id),
  provider text not null,
  -- Cents per wallet id: what crediting writes, wallet by wallet.
  amounts jsonb not null,
  total integer not null check (total > 0),
  email text not null,
  lang text not null default 'fr' check (lang in ('fr', 'en')),
  return_url text,
  status text not null default 'pending' check (status in ('pending', 'paid', 'refused', 'abandoned')),
  -- The provider's reference of the transaction that paid it: one bank transaction credits once.
  provider_ref text unique,
  -- What the provider's redirection needs (the signed form fields of a hosted payment page).
  provider_data jsonb not null default '{}',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  paid_at timestamptz
);
create index card_payments_account on card_payments(account_id, created_at);
create index card_payments_pending on card_payments(created_at) where status = 'pending';

create table calendar_feeds (
  account_id text primary key references accounts(id),
  -- Only the hash of the feed's secret token is kept; rotating replaces it, revoking deletes it.
  token_hash text not null unique,
  created_at timestamptz not null
);

alter table mail_outbox add column locked_until timestamptz;
alter table mail_outbox add column attachments jsonb not null default '[]'
`;
