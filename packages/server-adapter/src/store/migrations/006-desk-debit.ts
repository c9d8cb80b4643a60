// The desk's debit in one statement (services/vouchers.ts `deskDebitAtOnce`): the server plans it
// from an unlocked read (sdk's planDebit), then this function claims the Idempotency-Key with the
// answer, locks the voucher as the transactional debit does, and writes the plan only if the
// voucher's lots are still as read; otherwise it raises GU409 and writes nothing, and the server
// takes the transactional path. One round trip instead of a transaction's seven.
export const sql = /* sql */ `
create function desk_debit(
  p_voucher_id text,
  -- Every lot of the voucher as the plan saw it: 'id:remaining'.
  p_seen text[],
  p_lot_ids text[],
  p_lot_places integer[],
  p_debit_id text,
  p_venue_id text,
  p_cashier_id text,
  p_places integer,
  p_at timestamptz,
  p_key_scope text,
  p_key text,
  p_key_hash text,
  p_answer text
) returns boolean language plpgsql as $$
begin
  if p_key is not null then
    insert into idempotency_keys (scope, key, request_hash, status, body)
    values (p_key_scope, p_key, p_key_hash, 200, p_answer)
    on conflict do nothing;
    -- The key has an answer already, or a request holding it is under way: nothing written.
    if not found then
      return false;
    end if;
  end if;
  perform 1 from vouchers where id = p_voucher_id and status = 'active' for update;
  if not found then
    raise exception 'voucher % changed since it was read', p_voucher_id using errcode = 'GU409';
  end if;
  if array(select l.id || ':' || l.remaining from voucher_lots l where l.voucher_id = p_voucher_id order by 1)
     is distinct from array(select s from unnest(p_seen) s order by 1) then
    raise exception 'lots of voucher % changed since they were read', p_voucher_id using errcode = 'GU409';
  end if;
  update voucher_lots l set remaining = l.remaining - w.places
  from unnest(p_lot_ids, p_lot_places) as w (lot_id, places)
  where l.id = w.lot_id;
  insert into voucher_debits (id, voucher_id, venue_id, cashier_id, places, at, reverses, reason)
  values (p_debit_id, p_voucher_id, p_venue_id, p_cashier_id, p_places, p_at, null, null);
  insert into voucher_debit_allocations (debit_id, lot_id, places)
  select p_debit_id, w.lot_id, w.places from unnest(p_lot_ids, p_lot_places) as w (lot_id, places);
  return true;
end
$$
`;
