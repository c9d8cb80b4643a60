// The server side of the bench: a real `guichet serve` process (the CLI bundle) on loopback,
// loaded over HTTP by autocannon from the harness process (another process than the server),
// and the raw booking transaction sent straight to PostgreSQL by the same harness process.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../scripts/server-flags.mjs';
import { CASHIERS, cashierToken, familyToken, VENUES } from './seed.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident set of a process in bytes (Linux /proc), or null. */
export function rss(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Spawns `node cli serve` with the flags `npm start` gives it (and `nodeFlags`, e.g. `--cpu-prof`) and waits for its first answered request (GET /api/v1/openapi.json).
 * `startMs` is spawn to first 200. `peakRss()` is the highest RSS sampled (every 100 ms) since the
 * last `resetPeak()`.
 */
export async function startServer({ cli, port, data, env = {}, nodeFlags = [], timeoutMs = 30_000 }) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...SERVER_NODE_FLAGS,
      ...nodeFlags,
      cli,
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data',
      data,
    ],
    {
      env: { ...process.env, ...SERVER_ENV, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  let startMs = null;
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/v1/openapi.json`);
      await res.arrayBuffer();
      if (res.ok) {
        startMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  if (startMs === null) {
    child.kill('SIGKILL');
    throw new Error(`server did not answer within ${timeoutMs} ms:\n${output}`);
  }
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rss(child.pid) ?? 0);
  }, 100);
  return {
    url,
    pid: child.pid,
    startMs,
    output: () => output,
    peakRss: () => Math.max(peak, rss(child.pid) ?? 0),
    resetPeak: () => {
      peak = 0;
    },
    async stop() {
      clearInterval(timer);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** The family scenario: which member, activity and dates a basket of `user` uses (see seed.mjs). */
export function familyPlan(today) {
  // Bookable dates: 3 to 38 days ahead, not Sundays (no slots), so no child changes age band.
  const dates = [];
  for (let d = 3; d <= 38; d++) {
    const date = new Date(`${today}T12:00:00Z`);
    date.setUTCDate(date.getUTCDate() + d);
    if (date.getUTCDay() !== 0) dates.push(date.toISOString().slice(0, 10));
  }
  const blocks = Math.floor(dates.length / 4);
  return {
    dates,
    blocks,
    /** The activity of child k of family i: its age band's, as the seed booked. */
    activity(i, k) {
      const age = 3 + ((i * 2 + k) % 10);
      return `act-${3 * (2 * (age - 3) + (i % 2)) + ((i + k) % 3)}`;
    },
    /** Basket number b among families [from, from + count): four days of one child. */
    basket(b, from, count) {
      const i = from + (b % count);
      const k = Math.floor(b / count) % 2;
      const block = Math.floor(b / (2 * count)) % blocks;
      return {
        i,
        memberId: `mem-${i}-${k}`,
        activityId: this.activity(i, k),
        dates: dates.slice(block * 4, block * 4 + 4),
      };
    },
  };
}

function summary(result, extra = {}) {
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    duration: result.duration,
    ...extra,
  };
}

/** GET a member's month (the widget's call: every activity) at `connections` clients, closed loop. */
export async function calendarLoad({ url, accounts, connections, duration, months }) {
  let n = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'GET',
        setupRequest(req) {
          const c = n++;
          const i = (c * 7919) % accounts;
          req.path = `/api/v1/accounts/acc-${i}/members/mem-${i}-${c % 2}/calendar?month=${months[c % months.length]}`;
          req.headers = { authorization: `Bearer ${familyToken(i)}` };
          return req;
        },
      },
    ],
  });
  return summary(result);
}

/**
 * POSTs baskets of four days of one child (Idempotency-Key as the widget sends) for the families
 * [from, from + count), each basket new. Lines decided per second = 4 × answered baskets / s.
 */
export async function bookingLoad({ url, plan, from, count, start, connections, duration }) {
  let n = start;
  let key = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          const b = plan.basket(n++, from, count);
          req.path = `/api/v1/accounts/acc-${b.i}/bookings`;
          req.headers = {
            authorization: `Bearer ${familyToken(b.i)}`,
            'content-type': 'application/json',
            'idempotency-key': `bench-${process.pid}-${Date.now()}-${key++}`,
          };
          req.body = JSON.stringify({
            changes: b.dates.map((date) => ({
              op: 'add',
              memberId: b.memberId,
              activityId: b.activityId,
              date,
            })),
          });
          return req;
        },
      },
    ],
  });
  return summary(result, { linesPerSecond: (4 * result['2xx']) / result.duration, next: n });
}

/**
 * The raw limit: the transaction the server runs for the same baskets, its statements sent
 * straight to PostgreSQL (`connections` connections, closed loop), without HTTP, auth or
 * validation: the Idempotency-Key claimed, the account locked (with its debt state), the family's
 * live reservations on those days read, then one statement that locks the slots in id order and
 * takes a seat, else a waiting place, on each (`takePlaces`), the reservation rows inserted, the
 * report mail queued (rendered by the server's own `bookingReportMail`) and the answer kept under
 * the key. The statements the server sends by name (`named`) are named here too. What the
 * server does before (session, account and members, slots) is not in it.
 */
export async function rawBooking({
  databaseUrl,
  plan,
  from,
  count,
  start,
  connections,
  duration,
  reportMail,
}) {
  let n = start;
  let lines = 0;
  // One report rendered for all: its size is what the store pays, not its words.
  const sample = plan.basket(start, from, count);
  const mail = reportMail(
    { to: '', holderName: 'FAMILLE', structureName: 'Bench town' },
    {
      movements: 4,
      additions: 4,
      cancellationRequests: 0,
      accepted: 3,
      waitlisted: 1,
      refused: 0,
      cancelled: 0,
    },
    sample.dates.map((date, k) => ({
      memberName: 'Enfant FAMILLE',
      activityName: sample.activityId,
      date,
      outcome: k === 3 ? 'waitlisted' : 'accepted',
      position: k === 3 ? 1 : undefined,
    })),
  );
  const result = await rawLoop({ databaseUrl, connections, duration }, async (client) => {
    const b = plan.basket(n++, from, count);
    const scope = `usr-${b.i}:book`;
    const key = `raw-${process.pid}-${n}`;
    await claimKey(client, scope, key);
    const account = await client.query(
      named(
        'raw_lock_account',
        `select holder_name, email, exists (select 1 from wallets w where w.account_id = accounts.id and w.balance < 0) as in_debit
         from accounts where id = $1 for update`,
        [`acc-${b.i}`],
      ),
    );
    // The family's live reservations on the basket's days: a day already held is refused.
    const live = await client.query(
      named(
        'raw_live',
        `select r.*, case when r.status = 'waitlisted' then (
           select count(*) from reservations w
           where w.slot_id = r.slot_id and w.status = 'waitlisted' and w.waiting_order <= r.waiting_order
         ) end as wait_position
         from reservations r where r.account_id = $1 and r.status in ('accepted', 'waitlisted')
         and r.date = any($2::date[]) order by r.date, r.id`,
        [`acc-${b.i}`, b.dates],
      ),
    );
    const wanted = b.dates.map((d) => `slot-${b.activityId.slice(4)}-${d.replaceAll('-', '')}`).sort();
    const held = new Set(live.rows.filter((r) => r.member_id === b.memberId).map((r) => r.slot_id));
    const ids = wanted.filter((slot) => !held.has(slot));
    const outcomes = [];
    if (ids.length > 0) {
      const taken = await client.query(
        named(
          'raw_take',
          `with locked as materialized (
             select id, booked < capacity as seat, waiting < waiting_capacity as wait
             from slots where id = any($1::text[]) order by id for update
           )
           update slots s
           set booked = s.booked + case when l.seat then 1 else 0 end,
             waiting = s.waiting + case when l.seat then 0 else 1 end
           from locked l
           where s.id = l.id and (l.seat or l.wait)
           returning s.id, l.seat, s.waiting, s.date::text as date`,
          [ids],
        ),
      );
      if (taken.rows.length > 0) {
        const now = new Date();
        const rows = taken.rows.map((t) => ({
          id: randomUUID(),
          account_id: `acc-${b.i}`,
          member_id: b.memberId,
          slot_id: t.id,
          activity_id: b.activityId,
          date: t.date,
          status: t.seat ? 'accepted' : 'waitlisted',
          supplement_ids: [],
          unit_price: 475,
          quantity: 1,
          supplements_total: 0,
          refusal_reason: null,
          created_at: now,
          updated_at: now,
          charged_at: null,
        }));
        for (const t of taken.rows)
          outcomes.push({ date: t.date, outcome: t.seat ? 'accepted' : 'waitlisted', position: t.waiting });
        // As insertTaken() writes them: the rows as one JSON parameter.
        await client.query(
          named(
            'raw_reservations',
            `insert into reservations (${RESERVATION_COLUMNS}, waiting_order)
             select ${RESERVATION_COLUMNS.split(', ')
               .map((c) => `r.${c}`)
               .join(', ')}, case when r.status = 'waitlisted' then nextval('waiting_order') end
             from jsonb_populate_recordset(null::reservations, $1::jsonb) r returning id`,
            [JSON.stringify(rows)],
          ),
        );
      }
    }
    await client.query(
      named(
        'raw_mail',
        `insert into mail_outbox (id, to_address, subject, text_body, html_body, kind, attachments)
         values (gen_random_uuid()::text, $1, $2, $3, $4, $5, '[]')`,
        [account.rows[0].email, mail.subject, mail.text, mail.html, mail.kind],
      ),
    );
    await keepAnswer(client, scope, key, { dryRun: false, lines: outcomes });
    return () => {
      lines += wanted.length;
    };
  });
  return {
    linesPerSecond: lines / result.seconds,
    baskets: result.count,
    errors: result.errors,
    p99: result.p99,
    next: n,
  };
}

const RESERVATION_COLUMNS =
  'id, account_id, member_id, slot_id, activity_id, date, status, supplement_ids, unit_price, quantity, supplements_total, refusal_reason, created_at, updated_at, charged_at';

/** As the server claims an Idempotency-Key at the start of its transaction (http/app.ts). */
function claimKey(client, scope, key) {
  return client.query(
    named(
      'raw_claim',
      `insert into idempotency_keys (scope, key, request_hash, status, body) values ($1, $2, $3, 0, '')
       on conflict do nothing returning key`,
      [scope, key, 'h'.repeat(43)],
    ),
  );
}

/** As the server keeps its answer under the key before it commits. */
function keepAnswer(client, scope, key, answer) {
  return client.query(
    named('raw_keep', 'update idempotency_keys set status = 200, body = $1 where scope = $2 and key = $3', [
      JSON.stringify(answer),
      scope,
      key,
    ]),
  );
}

/**
 * A statement the server sends by name (its `prepared` queries, store/prepared.ts): PostgreSQL
 * plans it once a connection, for the raw loop as for the server.
 */
function named(name, text, values) {
  return { name, text, values };
}

/**
 * Runs `transaction` on `connections` connections straight to PostgreSQL until `duration` is over,
 * closed loop, each call in its own begin/commit (rolled back and counted as an error if it throws;
 * without them when `transaction: false`, for work done in one statement). `transaction` may
 * return a function, called once its transaction committed.
 */
async function rawLoop({ databaseUrl, connections, duration, transaction: explicit = true }, transaction) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  pool.on('error', () => {}); // an idle client cut off when the bench drops its database
  const latencies = [];
  const deadline = performance.now() + duration * 1000;
  let errors = 0;
  const worker = async () => {
    const client = await pool.connect();
    client.on('error', () => {});
    try {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          if (explicit) await client.query('begin');
          const committed = await transaction(client);
          if (explicit) await client.query('commit');
          committed?.();
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
          if (explicit) await client.query('rollback').catch(() => {});
        }
      }
    } finally {
      client.release();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - t0) / 1000;
  await pool.end();
  latencies.sort((x, y) => x - y);
  return {
    seconds,
    count: latencies.length,
    errors,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? null,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? null,
  };
}

/** Cashiers debiting one place of a scanned (signed) voucher, each debit with its Idempotency-Key. */
export async function voucherLoad({ url, payloads, connections, duration }) {
  let n = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          const c = n++;
          const j = c % CASHIERS;
          req.path = '/api/v1/desk/vouchers/debits';
          req.headers = {
            authorization: `Bearer ${cashierToken(j)}`,
            'content-type': 'application/json',
            'idempotency-key': `bench-${process.pid}-${Date.now()}-${c}`,
          };
          req.body = JSON.stringify({
            venueId: `ven-${j % VENUES}`,
            code: payloads[(c * 31) % payloads.length],
            places: 1,
          });
          return req;
        },
      },
    ],
  });
  return summary(result);
}

/**
 * The raw limit of a debit: what services/vouchers.ts `deskDebitAtOnce()` sends for the same
 * cashiers and vouchers, straight to PostgreSQL (`connections` connections, closed loop): the
 * voucher and its lots read without a lock, the lot expiring first planned, then the one statement
 * (migrations/006-desk-debit.ts) that claims the Idempotency-Key with the answer, locks the
 * voucher and writes the debit. No HTTP, auth, validation or signature check (the venue and the
 * signing key are read before). A debit whose voucher moved between its two statements counts as
 * an error here (the server would take its transaction).
 */
export async function rawDebit({ databaseUrl, numbers, connections, duration }) {
  let n = 0;
  const run = randomUUID();
  const result = await rawLoop({ databaseUrl, connections, duration, transaction: false }, async (client) => {
    const c = n++;
    const j = c % CASHIERS;
    const read = await client.query(
      named(
        'raw_voucher_lots',
        `select v.*, a.holder_name, s.time_zone, l.id as lot_id, l.places as lot_places,
           l.remaining as lot_remaining, l.loaded_on as lot_loaded_on, l.last_valid_day as lot_last_valid_day
         from vouchers v join accounts a on a.id = v.holder_account_id join structures s on s.id = v.structure_id
         left join voucher_lots l on l.voucher_id = v.id
         where v.number = $1`,
        [numbers[(c * 31) % numbers.length]],
      ),
    );
    const voucher = read.rows[0];
    const lots = read.rows.filter((r) => r.lot_id !== null);
    // The lot expiring first, as the server sorts them (compareLotsForDebit).
    const lot = lots
      .sort(
        (x, y) =>
          (x.lot_last_valid_day > y.lot_last_valid_day) - (x.lot_last_valid_day < y.lot_last_valid_day) ||
          (x.lot_id > y.lot_id) - (x.lot_id < y.lot_id),
      )
      .find((l) => l.lot_remaining >= 1);
    const id = randomUUID();
    const written = await client.query(
      named(
        'raw_desk_debit',
        'select desk_debit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) as debited',
        [
          voucher.id,
          lots.map((l) => `${l.lot_id}:${l.lot_remaining}`),
          [lot.lot_id],
          [1],
          id,
          `ven-${j % VENUES}`,
          `cash-${j}`,
          1,
          new Date(),
          `cash-${j}:deskVoucherDebit`,
          `raw-${run}-${c}`,
          'h'.repeat(43),
          JSON.stringify({ debit: { id, places: 1 }, voucher: lots }),
        ],
      ),
    );
    if (!written.rows[0]?.debited) throw new Error('the key was taken');
  });
  return { rps: result.count / result.seconds, errors: result.errors, p50: result.p50, p99: result.p99 };
}

/**
 * The floor of the calendar figure on this machine: the same response bytes and headers from a
 * bare @hono/node-server in another process (the server's Node flags, no store, no auth, no
 * work), loaded by the same generator at `connections` clients. What is left between it and
 * the real endpoint is the endpoint's own work.
 */
export async function httpFloor({ body, headers, connections, duration, port }) {
  const script = `
    import { serve } from '@hono/node-server';
    const body = ${JSON.stringify(body)};
    const headers = ${JSON.stringify(headers)};
    serve({ port: ${port}, hostname: '127.0.0.1', fetch: () => new Response(body, { headers }) }, () => console.log('up'));`;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, ...SERVER_ENV },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((resolve, reject) => {
      child.stdout.once('data', resolve);
      child.once('exit', (code) => reject(new Error(`floor server exited (${code})`)));
    });
    const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections, duration });
    return summary(result);
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * The floor of the embedded server's memory: PGlite alone in a Node process (the server's flags),
 * opened on the same folder by the same `openStore` and asked the month's slots and a join over
 * every reservation, as a server's first minutes ask. Its resident peak is what any server on
 * this store pays before its own code and data.
 */
export async function embeddedFloor({ serverModule, dir, month }) {
  const script = `
    import { sql } from 'kysely';
    const { openStore } = await import(${JSON.stringify(serverModule)});
    const store = await openStore({ dataDir: ${JSON.stringify(dir)} });
    await sql\`select s.* from slots s join activities a on a.id = s.activity_id where to_char(s.date, 'YYYY-MM') = \${${JSON.stringify(month)}}\`.execute(store.db);
    await sql\`select count(*) from reservations r join slots s on s.id = r.slot_id\`.execute(store.db);
    const kb = /VmHWM:\\s+(\\d+) kB/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1];
    await store.close();
    console.log(kb);`;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, ...SERVER_ENV },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  return code === 0 ? Number(out.trim()) * 1024 : null;
}
