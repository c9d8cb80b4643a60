#!/usr/bin/env node
// Lists the voucher (cartoonette) places that expire soon, so that centres use them first.
import { connect, ENV_HELP, parseArgs, run, sessionAccount, usageError, useStructure } from './connect.mjs';

const USAGE = `Usage: node examples/node/expiring-places.mjs [--days 30] [--structure NAME] [--json]

Lists the places that expire within DAYS days (default 30), lot by lot, with the total:
- for a network admin or its API key: every voucher of the network;
- for a centre's referent: the centre's own voucher.
--structure switches the login to the structure whose name contains NAME (or whose id is NAME).
--json prints JSON instead of a table.

${ENV_HELP}

Example:
  GUICHET_LOGIN=admin GUICHET_PASSWORD=admin-demo node examples/node/expiring-places.mjs --structure cinémas`;

function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Lots with places left whose last valid day is from `today` to `today + days`. */
function expiring(voucher, lots, today, days) {
  const limit = addDays(today, days);
  return lots
    .filter((l) => l.remaining > 0 && l.lastValidDay >= today && l.lastValidDay <= limit)
    .map((l) => ({
      voucher: voucher.number,
      holder: voucher.holderName,
      places: l.remaining,
      lastValidDay: l.lastValidDay,
      loadedOn: l.loadedOn,
    }));
}

run(async () => {
  const { options } = parseArgs(process.argv.slice(2), { flags: ['help', 'json'] });
  if (options.help) usageError(USAGE);
  const days = Number(options.days ?? 30);
  if (!Number.isInteger(days) || days < 0)
    usageError(USAGE, `--days must be a whole number, got ${options.days}`);
  const connected = await connect(USAGE);
  const { client } = connected;
  const session = await useStructure(client, connected.session, options.structure);
  const role =
    session?.memberships.find((m) => m.structureId === session.currentStructureId)?.role ?? 'admin';

  const rows = [];
  if (role === 'referent') {
    const detail = await client.vouchers.get(sessionAccount(session));
    if (detail.voucher)
      rows.push(
        ...expiring({ ...detail.voucher, holderName: detail.holderName }, detail.lots, detail.today, days),
      );
  } else if (role === 'admin') {
    for await (const voucher of client.admin.vouchers.list())
      rows.push(...expiring(voucher, voucher.lots, voucher.today, days));
  } else
    usageError(USAGE, `a ${role} login cannot see vouchers: use a network admin, its API key or a referent`);

  rows.sort((a, b) => a.lastValidDay.localeCompare(b.lastValidDay) || a.voucher.localeCompare(b.voucher));
  const total = rows.reduce((sum, r) => sum + r.places, 0);
  if (options.json) {
    console.log(JSON.stringify({ days, total, lots: rows }, null, 2));
    return;
  }
  if (!rows.length) {
    console.log(`No place expires within ${days} days.`);
    return;
  }
  console.log(`Places expiring within ${days} days:`);
  for (const r of rows)
    console.log(
      `  ${r.lastValidDay}  ${String(r.places).padStart(5)}  ${r.voucher}  ${r.holder}  (loaded ${r.loadedOn})`,
    );
  console.log(`Total: ${total} place(s)`);
});
