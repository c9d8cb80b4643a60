#!/usr/bin/env node
// Exports a month's reservations of a family account to CSV (the "suivi", for a spreadsheet or
// another system): one line per reservation with its member, activity, status and price.
import { writeFileSync } from 'node:fs';
import { connect, csvLine, ENV_HELP, parseArgs, run, sessionAccount, usageError } from './connect.mjs';

const USAGE = `Usage: node examples/node/export-reservations-csv.mjs [--month YYYY-MM] [--account ID] [--out FILE]

Writes the reservations dated in the month (default: this month) of the account (default: the
signed-in family's; required with an API key or an admin login) as CSV, to FILE or to stdout.
Columns: reservation_id,date,member,activity,status,wait_position,unit_price,quantity,amount
(amounts in euros with a dot: 4.75).

${ENV_HELP}

Example:
  GUICHET_LOGIN=dupont GUICHET_PASSWORD=dupont-demo node examples/node/export-reservations-csv.mjs --month 2026-12`;

const HEADER = [
  'reservation_id',
  'date',
  'member',
  'activity',
  'status',
  'wait_position',
  'unit_price',
  'quantity',
  'amount',
];

const euros = (cents) => (cents / 100).toFixed(2);

function lastDayOf(month) {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

run(async () => {
  const { options } = parseArgs(process.argv.slice(2), { flags: ['help'] });
  if (options.help) usageError(USAGE);
  const month = options.month ?? new Date().toISOString().slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) usageError(USAGE, `--month must be YYYY-MM, got ${month}`);
  const { client, session } = await connect(USAGE);
  const accountId = options.account ?? sessionAccount(session);
  if (!accountId) usageError(USAGE, 'this login has no family account here: give --account ID');

  const { account } = await client.accounts.get(accountId);
  const members = new Map(account.members.map((m) => [m.id, `${m.lastName} ${m.firstName}`]));
  // A reservation carries its activity's id: the names come from the members' calendars.
  const activities = new Map();
  for (const member of account.members) {
    const calendar = await client.calendar.month(accountId, { memberId: member.id, month });
    for (const a of calendar.activities) activities.set(a.id, a.name);
  }

  let csv = csvLine(HEADER);
  let count = 0;
  for await (const r of client.reservations.list(accountId, { from: `${month}-01`, to: lastDayOf(month) })) {
    csv += csvLine([
      r.id,
      r.date,
      members.get(r.memberId) ?? r.memberId,
      activities.get(r.activityId) ?? r.activityId,
      r.status,
      r.waitPosition ?? '',
      euros(r.unitPrice),
      r.quantity,
      euros(r.unitPrice * r.quantity),
    ]);
    count++;
  }
  if (options.out) {
    writeFileSync(options.out, csv);
    console.error(`${count} reservation(s) of ${account.holderName} in ${month} written to ${options.out}`);
  } else process.stdout.write(csv);
});
