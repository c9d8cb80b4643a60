// What the integrator scripts share: a signed-in sdk client from the environment, arguments, CSV.
//   GUICHET_URL        the server (default http://127.0.0.1:8080)
//   GUICHET_API_KEY    an API key (admin of its structure), or
//   GUICHET_LOGIN / GUICHET_PASSWORD   a user's login (a bearer token session)
import { createClient, isGuichetError } from '@guichet/sdk/client';

export const ENV_HELP = `Environment:
  GUICHET_URL                          the Guichet server (default http://127.0.0.1:8080)
  GUICHET_API_KEY                      an integrator's API key, or
  GUICHET_LOGIN and GUICHET_PASSWORD   a user's login`;

/** Prints `usage` and leaves with status 2. */
export function usageError(usage, problem) {
  if (problem) console.error(`error: ${problem}\n`);
  console.error(usage);
  process.exit(2);
}

/** `--name value` and `--flag` options, and the other arguments. */
export function parseArgs(argv, { flags = [] } = {}) {
  const options = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) rest.push(arg);
    else if (arg.includes('=')) options[arg.slice(2, arg.indexOf('='))] = arg.slice(arg.indexOf('=') + 1);
    else if (flags.includes(arg.slice(2))) options[arg.slice(2)] = true;
    else options[arg.slice(2)] = argv[++i];
  }
  return { options, rest };
}

/**
 * A client signed in from the environment, and the session (null for an API key). `fetch` lets a
 * script look at the answers' headers.
 */
export async function connect(usage, { fetch } = {}) {
  const baseUrl = process.env.GUICHET_URL || 'http://127.0.0.1:8080';
  const client = createClient({ baseUrl, lang: 'en', ...(fetch ? { fetch } : {}) });
  const { GUICHET_API_KEY: apiKey, GUICHET_LOGIN: login, GUICHET_PASSWORD: password } = process.env;
  if (apiKey) {
    client.setToken(apiKey);
    return { client, session: null };
  }
  if (!login || !password) usageError(usage, 'set GUICHET_API_KEY, or GUICHET_LOGIN and GUICHET_PASSWORD');
  const session = await client.auth.login({ login, password, mode: 'token' });
  return { client, session };
}

/** Switches the session to the structure whose id is `wanted` or whose name contains it. */
export async function useStructure(client, session, wanted) {
  if (!wanted || !session) return session;
  const match = session.memberships.find(
    (m) => m.structureId === wanted || m.structureName.toLowerCase().includes(wanted.toLowerCase()),
  );
  if (!match)
    throw new Error(
      `no structure "${wanted}" among ${session.memberships.map((m) => m.structureName).join(', ')}`,
    );
  if (match.structureId === session.currentStructureId) return session;
  return client.auth.switchStructure({ structureId: match.structureId });
}

/** The family or centre account of the session's current structure, if it has one. */
export function sessionAccount(session) {
  return session?.memberships.find((m) => m.structureId === session.currentStructureId && m.accountId)
    ?.accountId;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values) {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Parses CSV text (RFC 4180, `,` or `;` separated) into objects keyed by the header line. */
export function parseCsv(text) {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header = [], ...body] = rows.filter((r) => r.some((f) => f.trim() !== ''));
  const keys = header.map((h) => h.trim());
  return body.map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? '').trim()])));
}

/** Runs a script's `main`, printing the server's message on failure. */
export function run(main) {
  main().catch((error) => {
    if (isGuichetError(error)) console.error(`error: ${error.message} (${error.code})`);
    else console.error(`error: ${error?.message ?? error}`);
    process.exit(1);
  });
}
