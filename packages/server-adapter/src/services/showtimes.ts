import { randomUUID } from 'node:crypto';
import { instantInZone, parseIsoDate } from '@guichet/sdk/rules';
import type { OfferCategory, ShowtimeImportResult } from '@guichet/sdk/schemas';
import { problem } from '../http/problem.js';
import type { Db } from '../store/db.js';

/**
 * Imports a cinema programme (JSON or CSV, format in docs/showtimes-import.md): each film of a
 * venue becomes an offer, each of its date-times a session (stock). Idempotent: an offer is found
 * again by venue + film + version (case-insensitive), a session by offer + start; importing the
 * same file twice changes nothing. All or nothing: one invalid line and nothing is written.
 */

/** One session of the programme, read and checked. */
export interface ShowtimeLine {
  /** Line of the CSV (header = 1), or position `films[i].showtimes[j]` in JSON. */
  where: string;
  film: string;
  version: string | null;
  durationMinutes: number | null;
  posterUrl: string | null;
  /** Date-time as written: ISO with an offset, or local `YYYY-MM-DD HH:MM` in the venue's zone. */
  beginsAt: string;
  /** Price of a place in cents. */
  price: number;
  quantity: number;
  venue: string | null;
  category: OfferCategory | null;
  isDuo: boolean | null;
  description: string | null;
}

export interface ImportError {
  path: string;
  message: string;
}

const CATEGORIES: readonly OfferCategory[] = ['screening', 'film_event', 'open_air', 'festival'];
const MAX_LINES = 10_000;

class LineErrors {
  readonly list: ImportError[] = [];
  add(path: string, message: string) {
    if (this.list.length < 100) this.list.push({ path, message });
  }
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).trim();
}

/** Euros as `7,50`, `7.50` or `7` (a JSON number too), to cents without floating point. */
export function parseEuros(value: unknown): number | null {
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text(value));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function parseBoolean(value: unknown): boolean | null | undefined {
  const t = text(value).toLowerCase();
  if (t === '') return null;
  if (['true', 'yes', 'oui', '1'].includes(t)) return true;
  if (['false', 'no', 'non', '0'].includes(t)) return false;
  return undefined;
}

function checkLine(raw: Record<string, unknown>, where: string, errors: LineErrors): ShowtimeLine | null {
  const before = errors.list.length;
  const film = text(raw.film);
  if (!film || film.length > 200)
    errors.add(`${where}.film`, 'A film title of 1 to 200 characters is required');
  const version = text(raw.version) || null;
  if (version && version.length > 20) errors.add(`${where}.version`, 'The version has at most 20 characters');
  const durationText = text(raw.duration);
  const duration = durationText === '' ? null : Number(durationText);
  if (duration !== null && !(Number.isInteger(duration) && duration >= 1 && duration <= 1000))
    errors.add(`${where}.duration`, 'The duration is a whole number of minutes, 1 to 1000');
  const posterUrl = text(raw.posterUrl) || null;
  if (posterUrl && !/^https?:\/\/\S+$/i.test(posterUrl))
    errors.add(`${where}.posterUrl`, 'The poster URL starts with http:// or https://');
  const beginsAt = text(raw.beginsAt);
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?$/i.test(beginsAt))
    errors.add(
      `${where}.beginsAt`,
      'The date-time is YYYY-MM-DD HH:MM (venue time) or ISO 8601 with an offset',
    );
  const price = parseEuros(raw.price);
  if (price === null) errors.add(`${where}.price`, 'The price is in euros, like 7,50 or 7.50');
  const quantityText = text(raw.quantity);
  const quantity = Number(quantityText);
  if (quantityText === '' || !(Number.isInteger(quantity) && quantity >= 0 && quantity <= 1_000_000))
    errors.add(`${where}.quantity`, 'The quantity is a whole number of places');
  const category = (text(raw.category) || null) as OfferCategory | null;
  if (category && !CATEGORIES.includes(category))
    errors.add(`${where}.category`, `The category is one of ${CATEGORIES.join(', ')}`);
  const isDuo = parseBoolean(raw.duo);
  if (isDuo === undefined) errors.add(`${where}.duo`, 'Duo is true or false (oui/non, 1/0)');
  const description = text(raw.description) || null;
  if (description && description.length > 5000)
    errors.add(`${where}.description`, 'At most 5,000 characters');
  if (errors.list.length > before) return null;
  return {
    where,
    film,
    version,
    durationMinutes: duration,
    posterUrl,
    beginsAt,
    price: price!,
    quantity,
    venue: text(raw.venue) || null,
    category,
    isDuo: isDuo ?? null,
    description,
  };
}

// ---- CSV

/** RFC 4180 records: quoted fields may hold separators, quotes (doubled) and line breaks. */
export function parseCsv(content: string, separator: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const s = content.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const CSV_COLUMNS: Record<string, string> = {
  film: 'film',
  title: 'film',
  version: 'version',
  duration: 'duration',
  duration_minutes: 'duration',
  poster_url: 'posterUrl',
  poster: 'posterUrl',
  begins_at: 'beginsAt',
  datetime: 'beginsAt',
  price: 'price',
  quantity: 'quantity',
  venue: 'venue',
  category: 'category',
  duo: 'duo',
  description: 'description',
};

function csvLines(content: string, errors: LineErrors): ShowtimeLine[] {
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.includes(';') ? ';' : ',';
  const [header, ...records] = parseCsv(content, separator);
  const columns = (header ?? []).map((h) => CSV_COLUMNS[h.trim().toLowerCase()]);
  for (const required of ['film', 'beginsAt', 'price', 'quantity'])
    if (!columns.includes(required)) errors.add('header', `The column ${required} is missing`);
  if (errors.list.length) return [];
  const lines: ShowtimeLine[] = [];
  records.forEach((record, i) => {
    if (record.every((f) => f.trim() === '')) return;
    const raw: Record<string, string> = {};
    columns.forEach((c, j) => {
      if (c) raw[c] = record[j] ?? '';
    });
    const line = checkLine(raw, `line ${i + 2}`, errors);
    if (line) lines.push(line);
  });
  return lines;
}

// ---- JSON

function jsonLines(content: string, errors: LineErrors): ShowtimeLine[] {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    errors.add('file', 'The file is not valid JSON');
    return [];
  }
  const root = Array.isArray(doc) ? { films: doc } : (doc as Record<string, unknown> | null);
  const films = root?.films;
  if (!Array.isArray(films)) {
    errors.add('films', 'The file holds { "films": [...] } or an array of films');
    return [];
  }
  const lines: ShowtimeLine[] = [];
  films.forEach((film: unknown, i) => {
    const f = (film && typeof film === 'object' ? film : {}) as Record<string, unknown>;
    const showtimes = f.showtimes;
    if (!Array.isArray(showtimes) || showtimes.length === 0) {
      errors.add(`films[${i}].showtimes`, 'A film has a list of date-times');
      return;
    }
    showtimes.forEach((at: unknown, j) => {
      const line = checkLine(
        {
          ...f,
          duration: f.durationMinutes ?? f.duration,
          venue: f.venue ?? root?.venue,
          beginsAt: at,
        },
        `films[${i}].showtimes[${j}]`,
        errors,
      );
      if (line) lines.push(line);
    });
  });
  return lines;
}

/** Reads a programme into checked lines, or throws `import_invalid` with every error found. */
export function parseProgramme(format: 'json' | 'csv', content: string): ShowtimeLine[] {
  const errors = new LineErrors();
  const lines = format === 'csv' ? csvLines(content, errors) : jsonLines(content, errors);
  if (lines.length > MAX_LINES) errors.add('file', `At most ${MAX_LINES} sessions per import`);
  if (!errors.list.length && lines.length === 0) errors.add('file', 'The programme has no session');
  if (errors.list.length) throw problem('import_invalid', { errors: errors.list });
  return lines;
}

// ---- writing

export interface ImportScope {
  /** Venues rows may name (by id or by name); the network's, or every venue for the CLI. */
  structureId: string | null;
  /** The venue of lines that name none. */
  defaultVenueId?: string | undefined;
}

/** A checked date-time as an instant: with its offset, or else in the venue's zone; null if impossible. */
function instantOf(value: string, timeZone: string): Date | null {
  const local = value.replace(' ', 'T');
  const time = local.slice(11, 16);
  try {
    parseIsoDate(local.slice(0, 10));
  } catch {
    return null;
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  if (!/(?:Z|[+-]\d{2}:\d{2})$/i.test(local)) return instantInZone(local.slice(0, 10), time, timeZone);
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at;
}

const importKey = (film: string, version: string | null) =>
  `${film.toLowerCase()}|${(version ?? '').toLowerCase()}`;

/**
 * Creates or updates the offers and sessions of a programme in `db` (give it a transaction: the
 * import is all or nothing).
 */
export async function importShowtimes(
  db: Db,
  scope: ImportScope,
  format: 'json' | 'csv',
  content: string,
): Promise<ShowtimeImportResult> {
  const lines = parseProgramme(format, content);
  let venuesQuery = db.selectFrom('venues').select(['id', 'name', 'time_zone', 'structure_id']);
  if (scope.structureId) venuesQuery = venuesQuery.where('structure_id', '=', scope.structureId);
  const venues = await venuesQuery.execute();
  const errors = new LineErrors();
  const fallback = scope.defaultVenueId ? venues.find((v) => v.id === scope.defaultVenueId) : undefined;
  if (scope.defaultVenueId && !fallback) throw problem('venue_not_found');

  const resolved = lines.flatMap((line) => {
    let venue = fallback;
    if (line.venue) {
      const byId = venues.find((v) => v.id === line.venue);
      const byName = venues.filter((v) => v.name.toLowerCase() === line.venue!.toLowerCase());
      venue = byId ?? (byName.length === 1 ? byName[0] : undefined);
      if (!venue) errors.add(`${line.where}.venue`, `Unknown or ambiguous venue ${line.venue}`);
    } else if (!venue) errors.add(`${line.where}.venue`, 'No venue: name one, or give a default venue');
    if (!venue) return [];
    const beginsAt = instantOf(line.beginsAt, venue.time_zone);
    if (!beginsAt) {
      errors.add(`${line.where}.beginsAt`, 'Impossible date-time');
      return [];
    }
    return [{ line, venue, beginsAt }];
  });
  if (errors.list.length) throw problem('import_invalid', { errors: errors.list });

  const result: ShowtimeImportResult = {
    offersCreated: 0,
    offersUpdated: 0,
    stocksCreated: 0,
    stocksUpdated: 0,
    unchanged: 0,
  };
  const offers = new Map<string, string>(); // venue|key -> offer id, once per import
  for (const { line, venue, beginsAt } of resolved) {
    const key = importKey(line.film, line.version);
    let offerId = offers.get(`${venue.id}|${key}`);
    if (!offerId) {
      offerId = await upsertOffer(db, venue.id, key, line, result);
      offers.set(`${venue.id}|${key}`, offerId);
    }
    const stock = await db
      .selectFrom('stocks')
      .selectAll()
      .where('offer_id', '=', offerId)
      .where('begins_at', '=', beginsAt)
      .executeTakeFirst();
    if (!stock) {
      await db
        .insertInto('stocks')
        .values({
          id: randomUUID(),
          offer_id: offerId,
          begins_at: beginsAt,
          price: line.price,
          quantity: line.quantity,
          booking_limit: null,
        })
        .execute();
      result.stocksCreated++;
    } else if (stock.price !== line.price || stock.quantity !== line.quantity) {
      if (line.quantity < stock.booked)
        errors.add(`${line.where}.quantity`, `${stock.booked} places are already booked for this session`);
      else {
        await db
          .updateTable('stocks')
          .set({ price: line.price, quantity: line.quantity })
          .where('id', '=', stock.id)
          .execute();
        result.stocksUpdated++;
      }
    } else result.unchanged++;
  }
  if (errors.list.length) throw problem('import_invalid', { errors: errors.list });
  return result;
}

async function upsertOffer(
  db: Db,
  venueId: string,
  key: string,
  line: ShowtimeLine,
  result: ShowtimeImportResult,
): Promise<string> {
  const existing = await db
    .selectFrom('offers')
    .selectAll()
    .where('venue_id', '=', venueId)
    .where('import_key', '=', key)
    .forUpdate()
    .executeTakeFirst();
  const details = {
    name: line.film,
    version: line.version,
    duration_minutes: line.durationMinutes,
    poster_url: line.posterUrl,
    ...(line.category ? { category: line.category } : {}),
    ...(line.isDuo !== null ? { is_duo: line.isDuo } : {}),
    ...(line.description !== null ? { description: line.description } : {}),
  };
  if (!existing) {
    const id = randomUUID();
    await db
      .insertInto('offers')
      .values({ id, venue_id: venueId, import_key: key, category: 'screening', ...details })
      .execute();
    result.offersCreated++;
    return id;
  }
  const changed = (Object.keys(details) as (keyof typeof details)[]).some((k) => existing[k] !== details[k]);
  if (changed) {
    await db.updateTable('offers').set(details).where('id', '=', existing.id).execute();
    result.offersUpdated++;
  } else result.unchanged++;
  return existing.id;
}
