// Builds a bench store with bulk SQL (generate_series: the rows are made inside the database,
// the same statements on PostgreSQL and PGlite). One town with `accounts` families of two
// children, 60 activities in single-year age bands (a child sees 6 to 12 of them in a month),
// slots every day but Sunday from last month to a year ahead (capacity 20, waiting list 5),
// about a dozen reservations per child in the next six months (at most 15 per slot), two
// wallets per family, and one session per family user (tokens `gs_bench<i>`, stored hashed as
// services/passwords.ts hashSecret does: sha256, base64url). Beside it, a cinema network with
// 4 venues, 100 cashiers with sessions and 1,000 centres holding a voucher of 1,000,000 places.
import { sql } from 'kysely';

export const TOWN = 'bench-town';
export const NETWORK = 'bench-net';
export const CASHIERS = 100;
export const VOUCHERS = 1000;
export const VENUES = 4;

const pad = (i) => String(i).padStart(12, '0');
/** The session token of family user `i` (account `acc-<i>`, children `mem-<i>-0` and `mem-<i>-1`). */
export const familyToken = (i) => `gs_bench${pad(i)}`;
/** The session token of cashier `j`. */
export const cashierToken = (j) => `gs_cashier${pad(j)}`;

const hashed = (token) =>
  `translate(rtrim(encode(sha256(convert_to(${token}, 'UTF8')), 'base64'), '='), '+/', '-_')`;

/** Voucher number `CT-` + 8 symbols of the countermark alphabet, from an integer (unique). */
const voucherNumber = (i) =>
  `'CT-' || (select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ234567', ((${i} / (30 ^ k)::bigint) % 30)::int + 1, 1), '' order by k desc) from generate_series(0, 7) k)`;

/** The statements, in order. `today` is `YYYY-MM-DD`; `origins` the page origins CORS allows. */
export function seedStatements({ accounts, today, origins = [] }) {
  const n = accounts - 1;
  const originList = `array[${origins.map((o) => `'${o}'`).join(',')}]::text[]`;
  const t = `'${today}'::date`;
  return [
    `insert into structures (id, name, kind, time_zone, origins) values
      ('${TOWN}', 'Bench town', 'town', 'Europe/Paris', ${originList}),
      ('${NETWORK}', 'Bench cinemas', 'cinema', 'Europe/Paris', ${originList})`,
    `insert into wallet_kinds (id, structure_id, name) values
      ('bench-peri', '${TOWN}', 'PERISCOLAIRE'), ('bench-rest', '${TOWN}', 'RESTAURATION')`,
    // Band k = g / 3 (20 bands), ages 3 + k / 2 exactly; three activities per band (morning, afternoon, day).
    `insert into activities (id, structure_id, name, start_time, end_time, unit_price, quantity, wallet_kind_id, min_age, max_age, conflict_group)
      select 'act-' || g, '${TOWN}', 'Activité ' || g,
        (array['09:00', '13:30', '09:00'])[g % 3 + 1], (array['12:00', '17:30', '17:30'])[g % 3 + 1],
        (array[475, 475, 665])[g % 3 + 1], 1, 'bench-peri', 3 + (g / 3) / 2, 3 + (g / 3) / 2, null
      from generate_series(0, 59) g`,
    `insert into slots (id, activity_id, date, capacity, waiting_capacity, opens_at, deadline, booked, waiting)
      select 'slot-' || g || '-' || to_char(d, 'YYYYMMDD'), 'act-' || g, d::date, 20, 5,
        d - interval '90 days', d - interval '2 days' + interval '12 hours', 0, 0
      from generate_series(0, 59) g,
        generate_series(date_trunc('month', ${t}) - interval '1 month', ${t} + interval '365 days', interval '1 day') d
      where extract(isodow from d) < 7`,
    `insert into accounts (id, structure_id, holder_name, email, created_at)
      select 'acc-' || i, '${TOWN}', 'FAMILLE ' || i, 'famille' || i || '@bench.invalid', now()
      from generate_series(0, ${n}) i`,
    `insert into users (id, login, display_name, email, password_hash)
      select 'usr-' || i, 'famille' || i, 'Famille ' || i, 'famille' || i || '@bench.invalid', 'scrypt$disabled'
      from generate_series(0, ${n}) i`,
    `insert into memberships (user_id, structure_id, role, account_id)
      select 'usr-' || i, '${TOWN}', 'family', 'acc-' || i from generate_series(0, ${n}) i`,
    `insert into sessions (token_hash, user_id, structure_id, expires_at)
      select ${hashed(`'gs_bench' || lpad(i::text, 12, '0')`)}, 'usr-' || i, '${TOWN}', now() + interval '30 days'
      from generate_series(0, ${n}) i`,
    // Ages 3 to 12 today (a few months spread), so each band has children.
    `insert into members (id, account_id, first_name, last_name, birth_date)
      select 'mem-' || i || '-' || k, 'acc-' || i, (array['Léa', 'Hugo'])[k + 1], 'FAMILLE ' || i,
        (${t} - make_interval(years => 3 + (i * 2 + k) % 10) - make_interval(days => 40 + (i * 7 + k) % 250))::date
      from generate_series(0, ${n}) i, generate_series(0, 1) k`,
    `insert into wallets (id, account_id, kind_id, balance)
      select 'wal-' || i || '-' || w, 'acc-' || i, (array['bench-peri', 'bench-rest'])[w + 1], 0
      from generate_series(0, ${n}) i, generate_series(0, 1) w`,
    // Each child books one activity of its band every 14 days for six months; at most 15 a slot.
    `insert into reservations (id, account_id, member_id, slot_id, activity_id, date, status, unit_price, quantity, created_at, updated_at)
      select 'res-' || x.member_id || '-' || x.slot_id, x.account_id, x.member_id, x.slot_id, x.activity_id, x.date,
        'accepted', 475, 1, now(), now()
      from (
        select m.id as member_id, m.account_id, s.id as slot_id, s.activity_id, s.date,
          row_number() over (partition by s.id order by m.id) as rn
        from (
          select id, account_id, i, k,
            3 * (2 * (date_part('year', age(${t}, birth_date))::int - 3) + i % 2) + (i + k) % 3 as g
          from (select id, account_id, split_part(id, '-', 2)::int as i, split_part(id, '-', 3)::int as k, birth_date from members) mm
        ) m
        join slots s on s.activity_id = 'act-' || m.g
        where s.date between ${t} + 3 and ${t} + 180 and (m.i + m.k + (s.date - ${t})) % 14 = 0
      ) x where x.rn <= 15`,
    `update slots s set booked = c.n from (
        select slot_id, count(*)::int as n from reservations where status = 'accepted' group by slot_id
      ) c where s.id = c.slot_id`,
    // The cinema network: venues, cashiers (every venue each), centres with a voucher each.
    `insert into venues (id, structure_id, name, address)
      select 'ven-' || v, '${NETWORK}', 'Salle ' || v, v || ' rue du Cinéma' from generate_series(0, ${VENUES - 1}) v`,
    `insert into users (id, login, display_name, password_hash)
      select 'cash-' || j, 'caisse' || j, 'Caisse ' || j, 'scrypt$disabled' from generate_series(0, ${CASHIERS - 1}) j`,
    `insert into memberships (user_id, structure_id, role, venue_ids)
      select 'cash-' || j, '${NETWORK}', 'cashier', array(select 'ven-' || v from generate_series(0, ${VENUES - 1}) v)
      from generate_series(0, ${CASHIERS - 1}) j`,
    `insert into sessions (token_hash, user_id, structure_id, expires_at)
      select ${hashed(`'gs_cashier' || lpad(j::text, 12, '0')`)}, 'cash-' || j, '${NETWORK}', now() + interval '30 days'
      from generate_series(0, ${CASHIERS - 1}) j`,
    `insert into accounts (id, structure_id, holder_name, email, created_at)
      select 'cen-' || i, '${NETWORK}', 'CENTRE ' || i, 'centre' || i || '@bench.invalid', now()
      from generate_series(0, ${VOUCHERS - 1}) i`,
    `insert into vouchers (id, structure_id, number, holder_account_id, email, created_at)
      select 'vch-' || i, '${NETWORK}', ${voucherNumber('i')}, 'cen-' || i, 'centre' || i || '@bench.invalid', now()
      from generate_series(0, ${VOUCHERS - 1}) i`,
    `insert into voucher_lots (id, voucher_id, places, remaining, loaded_on, last_valid_day, created_at)
      select 'lot-' || i, 'vch-' || i, 1000000, 1000000, ${t} - 10, ${t} + 354, now()
      from generate_series(0, ${VOUCHERS - 1}) i`,
    // A store in service has been vacuumed: without it, the first reads of each new page set
    // its hint bits (writes) during the measured loads.
    'vacuum analyze',
  ];
}

/** Runs the statements on a Kysely db; returns the seconds each group took. */
export async function seed(db, options) {
  const started = performance.now();
  for (const statement of seedStatements(options)) await sql.raw(statement).execute(db);
  return (performance.now() - started) / 1000;
}

/** The voucher numbers, in voucher order (`vch-<i>`). */
export async function voucherNumbers(db) {
  const { rows } = await sql
    .raw(`select id, number from vouchers where structure_id = '${NETWORK}'`)
    .execute(db);
  const byIndex = new Map(rows.map((r) => [Number(r.id.slice(4)), r.number]));
  return Array.from({ length: VOUCHERS }, (_, i) => byIndex.get(i));
}
