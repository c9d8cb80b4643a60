#!/usr/bin/env node
// Posts a batch of payments (cheques, cash, transfers) from a CSV or JSON file. Each line is sent
// with an Idempotency-Key made from its content, so running the same file again posts nothing twice.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, ENV_HELP, parseArgs, parseCsv, run, usageError } from './connect.mjs';

const USAGE = `Usage: node examples/node/post-payments.mjs FILE.csv|FILE.json [--dry-run]

Each line (CSV with a header, "," or ";" separated, or a JSON array of objects) is a payment:
  wallet_id     the wallet to credit, or
  account_id and wallet   the account and the wallet's name (PERISCOLAIRE, RESTAURATION)
  received_on   YYYY-MM-DD
  mode          CH (cheque), ESP (cash), VIR (transfer) or CB (card)
  piece_number  cheque or transfer number
  payer_name    who paid
  bank_name     the bank (may be empty)
  amount        euros: 45 or 45,00 or 45.00
Keys may also be written in camelCase (walletId, receivedOn...). Needs an admin login or API key.
A line posted before (same content) is not posted again: the server answers with the first result.
--dry-run checks the file and prints what would be sent.

${ENV_HELP}

Example:
  GUICHET_LOGIN=admin GUICHET_PASSWORD=admin-demo node examples/node/post-payments.mjs payments.csv`;

const camel = (key) => key.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function cents(text) {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*€?\s*$/.exec(String(text));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function readLines(file) {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const raw = /\.json$/i.test(file) || text.trimStart().startsWith('[') ? JSON.parse(text) : parseCsv(text);
  if (!Array.isArray(raw)) throw new Error('a JSON file must hold an array of payments');
  return raw.map((line) => Object.fromEntries(Object.entries(line).map(([k, v]) => [camel(k.trim()), v])));
}

run(async () => {
  const { options, rest } = parseArgs(process.argv.slice(2), { flags: ['help', 'dry-run'] });
  if (options.help || rest.length !== 1) usageError(USAGE);
  const lines = readLines(rest[0]);

  // Which answers were replays of an earlier post with the same key.
  let replayed = false;
  const fetchWatching = async (request, init) => {
    const response = await fetch(request, init);
    replayed = response.headers.get('Idempotent-Replayed') === 'true';
    return response;
  };
  const { client } = await connect(USAGE, { fetch: fetchWatching });

  const walletsOf = new Map();
  async function walletId(line, n) {
    if (line.walletId) return String(line.walletId);
    if (!line.accountId || !line.wallet)
      throw new Error(`line ${n}: give wallet_id, or account_id and wallet`);
    if (!walletsOf.has(line.accountId))
      walletsOf.set(line.accountId, (await client.accounts.get(line.accountId)).wallets);
    const wallet = walletsOf
      .get(line.accountId)
      .find((w) => w.name.toLowerCase() === String(line.wallet).toLowerCase());
    if (!wallet) throw new Error(`line ${n}: the account has no wallet ${line.wallet}`);
    return wallet.id;
  }

  const counts = { posted: 0, already: 0, failed: 0 };
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    try {
      const amount = cents(line.amount);
      if (!amount) throw new Error(`line ${n}: amount "${line.amount}" is not an amount in euros`);
      const body = {
        walletId: await walletId(line, n),
        receivedOn: String(line.receivedOn ?? ''),
        mode: String(line.mode ?? '').toUpperCase(),
        pieceNumber: String(line.pieceNumber ?? ''),
        payerName: String(line.payerName ?? ''),
        bankName: String(line.bankName ?? ''),
        amount,
      };
      // The same payment always gets the same key: posting the file again changes nothing.
      const key = `post-payments-${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}`;
      if (options['dry-run']) {
        console.log(`line ${n}: would post ${JSON.stringify(body)}`);
        continue;
      }
      const payment = await client.admin.payments.record(body, { idempotencyKey: key });
      if (replayed) counts.already++;
      else counts.posted++;
      console.log(
        `line ${n}: ${replayed ? 'already posted' : 'posted'} ${(payment.amount / 100).toFixed(2)} EUR ` +
          `${payment.mode} ${payment.pieceNumber} (${payment.id})`,
      );
    } catch (error) {
      counts.failed++;
      console.error(`line ${n}: refused: ${error.message}`);
    }
  }
  console.log(`${counts.posted} posted, ${counts.already} already posted, ${counts.failed} refused`);
  if (counts.failed) process.exitCode = 1;
});
