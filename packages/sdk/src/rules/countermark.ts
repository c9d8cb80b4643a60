import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { COUNTERMARK_ALPHABET } from '../schemas/alphabet.js';
import type { Cents, IsoDate, Lang } from '../schemas/common.js';
import type {
  CountermarkBooking,
  CountermarkRefusal,
  CountermarkToken,
  Stock,
} from '../schemas/countermark.js';
import { parseIsoDate } from './dates.js';

/**
 * Countermarks (contremarques): the 6-symbol code of a cinema booking checked at the desk, with
 * the rules of the pass Culture reference system (DESIGN.md, "Countermarks"): the cancellation
 * limit, the order in which the desk's actions are refused, automatic use, duo places and the
 * half-monthly reimbursement at a yearly rate.
 *
 * Every function is pure: the clock (`now`) and the randomness are parameters.
 */

const HOUR_MS = 3_600_000;

/** Length of a countermark token. */
export const COUNTERMARK_LENGTH = 6;

/** Hours around booking and event that bound the cancellation limit (pass Culture: 48 h each). */
export const CANCELLATION_DELAY_HOURS = 48;

/** Default delay after the event at which a confirmed booking becomes used by itself. */
export const AUTO_USE_DELAY_HOURS = 48;

function time(date: Date, what: string): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError(`The ${what} is not a valid date`);
  return t;
}

function instant(iso: string, what: string): Date {
  const d = new Date(iso);
  time(d, what);
  return d;
}

function hours(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`The ${what} must be a finite number of hours >= 0, got ${value}`);
  }
  return value * HOUR_MS;
}

// --- Tokens -------------------------------------------------------------------------------------

/**
 * A source of random bytes shaped like `crypto.getRandomValues`: fills `bytes` in place.
 * Tests pass a deterministic one.
 */
export type RandomBytes = (bytes: Uint8Array<ArrayBuffer>) => unknown;

const cryptoRandom: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

// 256 is not a multiple of 30: bytes from 240 on would favour the first 16 symbols, so they are drawn again.
const ACCEPT_BELOW = 256 - (256 % COUNTERMARK_ALPHABET.length);
// A byte is rejected with probability 1/16: a working source never needs 64 rounds (1,024 bytes) for 6 symbols.
const MAX_ROUNDS = 64;

/**
 * A new random token: 6 symbols of {@link COUNTERMARK_ALPHABET}, each uniform (rejection
 * sampling: bytes 240-255 are drawn again rather than folded by a modulo, which would bias).
 * There are 30^6 (about 729 million) tokens: the store must still make them unique and draw
 * again on a collision. Throws an `Error` if `random` keeps giving only rejected bytes.
 * @example
 * generateToken() // 'K7QX2M' (random)
 * generateToken((bytes) => bytes.fill(0)) // 'AAAAAA'
 */
export function generateToken(random: RandomBytes = cryptoRandom): CountermarkToken {
  const bytes = new Uint8Array(16);
  let token = '';
  for (let round = 0; round < MAX_ROUNDS; round++) {
    random(bytes);
    for (const byte of bytes) {
      if (byte >= ACCEPT_BELOW) continue;
      token += COUNTERMARK_ALPHABET.charAt(byte % COUNTERMARK_ALPHABET.length);
      if (token.length === COUNTERMARK_LENGTH) return token;
    }
  }
  throw new Error('The random source gives no usable bytes');
}

// A pass Culture QR code: `PASSCULTURE:v3;TOKEN:<token>` (older versions put `EAN13:...;` before TOKEN).
const QR_PREFIX = /^passculture:/i;
const QR_TOKEN = /(?:^|;)\s*token\s*:([^;]*)/i;
// Spaces of any kind and the dashes people type or paste between groups of symbols.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]+/gu;

function normaliseOnce(input: string): string {
  let text = input.trim();
  if (QR_PREFIX.test(text)) text = QR_TOKEN.exec(text)?.[1] ?? '';
  return text.replace(SEPARATORS, '').toUpperCase();
}

/**
 * What the cashier typed or scanned, as a token to look up: trimmed, without spaces or dashes,
 * in upper case (look-up ignores case). A pass Culture QR payload `PASSCULTURE:v3;TOKEN:abc123`
 * (prefix in any case) gives its token; a payload without a token gives `''`.
 * The result is not checked: see {@link checkTokenFormat}. Normalising twice changes nothing.
 * @example
 * normaliseToken(' abc-12 3 ') // 'ABC123'
 * normaliseToken('PASSCULTURE:v3;TOKEN:abc123') // 'ABC123'
 * normaliseToken('passculture:v2;EAN13:9782070612758;TOKEN:k7qx2m') // 'K7QX2M'
 */
export function normaliseToken(input: string): string {
  // A payload nested in a payload would need a second pass: go on until nothing changes,
  // which also makes normalising idempotent by construction (each pass only shortens the text).
  let text = normaliseOnce(input);
  for (let next = normaliseOnce(text); next !== text; next = normaliseOnce(text)) text = next;
  return text;
}

/** Why a typed token cannot be a countermark, before anything is sent. */
export type TokenFormatProblem = 'empty' | 'length' | 'symbols';

export type TokenFormatCheck =
  | { ok: true; token: CountermarkToken }
  | { ok: false; reason: TokenFormatProblem };

const ALPHABET_ONLY = new RegExp(`^[${COUNTERMARK_ALPHABET}]*$`);

/**
 * The characters of `token` that are not countermark symbols, each once, for the desk to name them.
 * @example foreignSymbols('K0QX1M') // ['0', '1']
 */
export function foreignSymbols(token: string): string[] {
  return [...new Set([...token].filter((c) => !COUNTERMARK_ALPHABET.includes(c)))];
}

/**
 * Checks what the cashier typed (or scanned) before it is sent, so the desk can say what is wrong:
 * `empty` (nothing, or a QR payload without a token), `symbols` (a character outside the 30
 * symbols, such as 0, O, 1, I, 8 or 9; reported first because it is what to fix while typing),
 * `length` (not 6 symbols). Accepted input comes back normalised.
 * @example
 * checkTokenFormat('abc-123') // { ok: false, reason: 'symbols' } (1 is not a symbol)
 * checkTokenFormat('k7qx2') // { ok: false, reason: 'length' }
 * checkTokenFormat('PASSCULTURE:v3;TOKEN:k7qx2m') // { ok: true, token: 'K7QX2M' }
 */
export function checkTokenFormat(input: string): TokenFormatCheck {
  const token = normaliseToken(input);
  if (token === '') return { ok: false, reason: 'empty' };
  if (!ALPHABET_ONLY.test(token)) return { ok: false, reason: 'symbols' };
  if (token.length !== COUNTERMARK_LENGTH) return { ok: false, reason: 'length' };
  return { ok: true, token };
}

// --- Cancellation limit and the desk's actions ----------------------------------------------------

/**
 * The cancellation limit of a booking made at `bookedAt` (C) for an event at `eventAt` (E):
 * `max(min(E - 48h, C + 48h), C)`. The beneficiary may cancel before it; the desk may validate
 * from it on. Booked well ahead: C + 48h; booked less than 96h ahead: E - 48h; booked less than
 * 48h ahead: at once (C).
 * @example
 * // Booked Monday 13 April 2026 10:00 UTC for Saturday 18 April 18:30 UTC: C + 48h
 * cancellationLimit(new Date('2026-04-13T10:00:00Z'), new Date('2026-04-18T18:30:00Z'))
 * // 2026-04-15T10:00:00.000Z
 * // Booked 10 hours before the event: C
 * cancellationLimit(new Date('2026-04-18T08:30:00Z'), new Date('2026-04-18T18:30:00Z'))
 * // 2026-04-18T08:30:00.000Z
 */
export function cancellationLimit(bookedAt: Date, eventAt: Date): Date {
  const c = time(bookedAt, 'booking date');
  const e = time(eventAt, 'event date');
  const delay = CANCELLATION_DELAY_HOURS * HOUR_MS;
  return new Date(Math.max(Math.min(e - delay, c + delay), c));
}

// Reimbursement is a money fact recorded apart from the status (pass Culture asks its finance
// records, not the status): a booking carrying a `reimbursedAt` counts as reimbursed whatever its
// status says. Used and cancelled are read from the status.
function isReimbursed(booking: Pick<CountermarkBooking, 'status' | 'reimbursedAt'>): boolean {
  return booking.status === 'reimbursed' || booking.reimbursedAt !== null;
}

type Refused<R extends CountermarkRefusal> = { ok: false; reason: R };

export type ValidateCountermarkResult =
  | { ok: true }
  | Refused<'reimbursed' | 'already_used' | 'cancelled'>
  | { ok: false; reason: 'too_early'; validFrom: Date };

/**
 * Whether the desk may validate ("use") the booking now. Refusals in the reference's order:
 * `reimbursed`, `already_used`, `cancelled`, then `too_early` while `now` is before the
 * booking's cancellation limit, with `validFrom` (show it with {@link formatValidFrom}).
 * Validating at the limit itself is allowed.
 * @example
 * canValidate({ ...booking, status: 'confirmed', cancellationLimit: '2026-04-19T18:30:00Z' },
 *   new Date('2026-04-19T12:00:00Z'))
 * // { ok: false, reason: 'too_early', validFrom: 2026-04-19T18:30:00.000Z }
 * canValidate({ ...booking, status: 'cancelled', reimbursedAt: '2026-05-01T08:00:00Z' }, now)
 * // { ok: false, reason: 'reimbursed' }
 */
export function canValidate(
  booking: Pick<CountermarkBooking, 'status' | 'reimbursedAt' | 'cancellationLimit'>,
  now: Date,
): ValidateCountermarkResult {
  if (isReimbursed(booking)) return { ok: false, reason: 'reimbursed' };
  if (booking.status === 'used') return { ok: false, reason: 'already_used' };
  if (booking.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  const validFrom = instant(booking.cancellationLimit, 'cancellation limit');
  if (time(now, 'current time') < validFrom.getTime()) return { ok: false, reason: 'too_early', validFrom };
  return { ok: true };
}

export type KeepCountermarkResult = { ok: true } | Refused<'reimbursed' | 'cancelled' | 'not_used'>;

/**
 * Whether the desk may undo a validation ("keep": the booking goes back to confirmed).
 * Refusals in order: `reimbursed`, `cancelled`, `not_used` (only a used booking can be kept).
 * @example
 * canKeep({ status: 'used', reimbursedAt: null }) // { ok: true }
 * canKeep({ status: 'confirmed', reimbursedAt: null }) // { ok: false, reason: 'not_used' }
 */
export function canKeep(booking: Pick<CountermarkBooking, 'status' | 'reimbursedAt'>): KeepCountermarkResult {
  if (isReimbursed(booking)) return { ok: false, reason: 'reimbursed' };
  if (booking.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (booking.status !== 'used') return { ok: false, reason: 'not_used' };
  return { ok: true };
}

/** Who asks to cancel a booking. */
export type CountermarkCanceller = 'beneficiary' | 'venue';

export type CancelCountermarkResult =
  | { ok: true }
  | Refused<'reimbursed' | 'already_used' | 'cancelled' | 'cancellation_limit_passed'>;

/**
 * Whether the booking may be cancelled now. Refusals in order: `reimbursed`, `already_used`,
 * `cancelled`; then, for the beneficiary only, `cancellation_limit_passed` from the cancellation
 * limit on (cancelling is allowed strictly before it). The venue may cancel at any time before use.
 * @example
 * const booking = { status: 'confirmed', reimbursedAt: null, cancellationLimit: '2026-04-15T10:00:00Z' };
 * canCancel(booking, new Date('2026-04-16T10:00:00Z'), 'beneficiary')
 * // { ok: false, reason: 'cancellation_limit_passed' }
 * canCancel(booking, new Date('2026-04-16T10:00:00Z'), 'venue') // { ok: true }
 */
export function canCancel(
  booking: Pick<CountermarkBooking, 'status' | 'reimbursedAt' | 'cancellationLimit'>,
  now: Date,
  by: CountermarkCanceller,
): CancelCountermarkResult {
  if (isReimbursed(booking)) return { ok: false, reason: 'reimbursed' };
  if (booking.status === 'used') return { ok: false, reason: 'already_used' };
  if (booking.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (by === 'beneficiary') {
    const limit = instant(booking.cancellationLimit, 'cancellation limit').getTime();
    if (time(now, 'current time') >= limit) return { ok: false, reason: 'cancellation_limit_passed' };
  }
  return { ok: true };
}

// Building an Intl.DateTimeFormat is slow: keep one per time zone.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeParts(
  date: Date,
  timeZone: string,
): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  let f = dateTimeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    day: parts.day!,
    month: parts.month!,
    year: parts.year!,
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

// The reference's words (`%d/%m/%Y à %H:%M` in the venue's zone); English says the same.
const VALID_FROM: Record<Lang, (date: string, time: string) => string> = {
  fr: (date, time) =>
    `Vous pourrez valider cette contremarque à partir du ${date} à ${time}, une fois le délai d’annulation passé.`,
  en: (date, time) =>
    `You will be able to validate this countermark from ${date} at ${time}, once the cancellation period is over.`,
};

/**
 * What the desk says when validating is too early: the `validFrom` of {@link canValidate} as
 * DD/MM/YYYY and HH:MM (24 h) in the venue's time zone, in the pass Culture reference's words.
 * Throws a `RangeError` on an unknown time zone.
 * @example
 * formatValidFrom(new Date('2026-04-19T18:30:00Z'))
 * // 'Vous pourrez valider cette contremarque à partir du 19/04/2026 à 20:30, une fois le délai d’annulation passé.'
 * formatValidFrom(new Date('2026-04-19T18:30:00Z'), 'Indian/Reunion', 'en')
 * // 'You will be able to validate this countermark from 19/04/2026 at 22:30, once the cancellation period is over.'
 */
export function formatValidFrom(date: Date, timeZone = 'Europe/Paris', lang: Lang = 'fr'): string {
  time(date, 'date');
  const p = dateTimeParts(date, timeZone);
  return VALID_FROM[lang](`${p.day}/${p.month}/${p.year}`, `${p.hour}:${p.minute}`);
}

// --- Automatic use ------------------------------------------------------------------------------------

/**
 * When a still confirmed booking becomes used by itself: `delayHours` after the event
 * (48 h by default; one seed says 72 h, so it is a setting).
 * @example
 * autoUseDueAt(new Date('2026-04-18T18:30:00Z')) // 2026-04-20T18:30:00.000Z
 * autoUseDueAt(new Date('2026-04-18T18:30:00Z'), 72) // 2026-04-21T18:30:00.000Z
 */
export function autoUseDueAt(eventAt: Date, delayHours = AUTO_USE_DELAY_HOURS): Date {
  return new Date(time(eventAt, 'event date') + hours(delayHours, 'auto-use delay'));
}

/**
 * Whether the nightly job should mark this booking used now: only a `confirmed` booking, from
 * {@link autoUseDueAt} of its event on.
 * @example
 * isAutoUseDue({ status: 'confirmed', beginsAt: '2026-04-18T18:30:00Z' }, new Date('2026-04-20T18:30:00Z')) // true
 * isAutoUseDue({ status: 'cancelled', beginsAt: '2026-04-18T18:30:00Z' }, new Date('2026-05-01T00:00:00Z')) // false
 */
export function isAutoUseDue(
  booking: Pick<CountermarkBooking, 'status' | 'beginsAt'>,
  now: Date,
  delayHours = AUTO_USE_DELAY_HOURS,
): boolean {
  if (booking.status !== 'confirmed') return false;
  const due = autoUseDueAt(instant(booking.beginsAt, 'event date'), delayHours);
  return time(now, 'current time') >= due.getTime();
}

// --- Places and duo -------------------------------------------------------------------------------------

/**
 * Places left on a session: `quantity - booked`, never below 0 (a gauge lowered under what is
 * already booked leaves none).
 * @example
 * remainingPlaces({ quantity: 100, booked: 98 }) // 2
 */
export function remainingPlaces(stock: Pick<Stock, 'quantity' | 'booked'>): number {
  return Math.max(0, stock.quantity - stock.booked);
}

/**
 * Why a beneficiary cannot book a session. The schema has no enum for these yet.
 * - `already_booked`: the beneficiary already holds a booking (not cancelled) of this offer;
 * - `not_duo`: 2 places asked on an offer that is not duo;
 * - `stock_inactive`: the venue deactivated the session;
 * - `stock_past`: the session has begun;
 * - `booking_limit_passed`: past the session's booking limit;
 * - `stock_full`: fewer places left than asked.
 */
export type StockRefusal =
  | 'already_booked'
  | 'not_duo'
  | 'stock_inactive'
  | 'stock_past'
  | 'booking_limit_passed'
  | 'stock_full';

export type StockBookingResult = { ok: true } | { ok: false; reason: StockRefusal };

/**
 * Whether a beneficiary may book `quantity` places (1, or 2 on a duo offer) of a session now.
 * Refusals in the order of {@link StockRefusal} (the beneficiary, then the request, then the session).
 * The session is past from its start on (`beginsAt <= now`); the booking limit is the last instant
 * at which booking is allowed. Throws a `RangeError` on a quantity other than 1 or 2.
 * @example
 * const stock = { beginsAt: '2026-04-18T18:30:00Z', bookingLimit: null, quantity: 100, booked: 99, active: true };
 * canBook(stock, 2, true, new Date('2026-04-13T10:00:00Z'), false) // { ok: false, reason: 'stock_full' }
 * canBook(stock, 1, false, new Date('2026-04-13T10:00:00Z'), false) // { ok: true }
 */
export function canBook(
  stock: Pick<Stock, 'beginsAt' | 'bookingLimit' | 'quantity' | 'booked' | 'active'>,
  quantity: 1 | 2,
  isDuo: boolean,
  now: Date,
  alreadyBookedByBeneficiary: boolean,
): StockBookingResult {
  if (quantity !== 1 && quantity !== 2)
    throw new RangeError(`A booking is for 1 or 2 places, got ${quantity}`);
  const t = time(now, 'current time');
  if (alreadyBookedByBeneficiary) return { ok: false, reason: 'already_booked' };
  if (quantity === 2 && !isDuo) return { ok: false, reason: 'not_duo' };
  if (!stock.active) return { ok: false, reason: 'stock_inactive' };
  if (instant(stock.beginsAt, 'session start').getTime() <= t) return { ok: false, reason: 'stock_past' };
  if (stock.bookingLimit !== null && t > instant(stock.bookingLimit, 'booking limit').getTime()) {
    return { ok: false, reason: 'booking_limit_passed' };
  }
  if (remainingPlaces(stock) < quantity) return { ok: false, reason: 'stock_full' };
  return { ok: true };
}

// --- Reimbursement -------------------------------------------------------------------------------------

/** A half-month of reimbursement, both ends included. */
export interface ReimbursementPeriod {
  start: IsoDate;
  end: IsoDate;
}

/**
 * The half-month reimbursement run that covers a booking validated on `date` (a calendar date in
 * the venue's zone, e.g. `isoDateInZone(usedAt, timeZone)`): the 1st to the 15th, or the 16th to
 * the last day of the month. Throws a `RangeError` on an impossible date.
 * @example
 * reimbursementPeriod('2026-04-15') // { start: '2026-04-01', end: '2026-04-15' }
 * reimbursementPeriod('2028-02-16') // { start: '2028-02-16', end: '2028-02-29' }
 */
export function reimbursementPeriod(date: IsoDate): ReimbursementPeriod {
  const d = parseIsoDate(date);
  const month = date.slice(0, 7);
  if (d.getDate() <= 15) return { start: `${month}-01`, end: `${month}-15` };
  return { start: `${month}-16`, end: `${month}-${getDaysInMonth(d)}` };
}

/** Reimbursement rates in basis points by yearly revenue in cents, upper bounds included. */
export const REIMBURSEMENT_TIERS: readonly { readonly upTo: Cents; readonly rate: number }[] = [
  { upTo: 20_000_00, rate: 10_000 },
  { upTo: 40_000_00, rate: 9_500 },
  { upTo: 150_000_00, rate: 9_200 },
  { upTo: Number.MAX_SAFE_INTEGER, rate: 9_000 },
];

function nonNegativeCents(value: number, what: string): Cents {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`The ${what} must be an integer number of cents >= 0, got ${value}`);
  }
  return value;
}

/**
 * The reimbursement rate, in basis points (10000 = 100 %), for a venue whose revenue in the
 * calendar year, the booking included, is `yearRevenueCents`: up to 20,000 € 100 %, up to
 * 40,000 € 95 %, up to 150,000 € 92 %, above 90 % (each bound belongs to the tier below it).
 * Throws a `RangeError` on a negative or non-integer revenue.
 * @example
 * reimbursementRate(20_000_00) // 10000
 * reimbursementRate(20_000_01) // 9500
 * reimbursementRate(150_000_01) // 9000
 */
export function reimbursementRate(yearRevenueCents: Cents): number {
  const revenue = nonNegativeCents(yearRevenueCents, 'yearly revenue');
  return REIMBURSEMENT_TIERS.find((tier) => revenue <= tier.upTo)!.rate;
}

/**
 * What the venue is paid for a booking of `priceCents`, when its revenue of the calendar year
 * before this booking is `yearRevenueBeforeCents`: the rate of the revenue including the booking,
 * applied to the whole price, rounded to the cent half up (x.5 cent goes up).
 * @example
 * reimbursedAmount(800, 1_000_00) // 800 (100 %)
 * reimbursedAmount(800, 19_999_00) // 760 (the booking takes the year to 20,007 €: 95 % of the whole 8 €)
 * reimbursedAmount(10, 30_000_00) // 10 (9.5 cents rounded half up)
 */
export function reimbursedAmount(priceCents: Cents, yearRevenueBeforeCents: Cents): Cents {
  const price = nonNegativeCents(priceCents, 'price');
  const before = nonNegativeCents(yearRevenueBeforeCents, 'yearly revenue');
  const rate = reimbursementRate(nonNegativeCents(before + price, 'yearly revenue'));
  // Exact integers: price × rate may pass 2^53 for a large price.
  return Number((BigInt(price) * BigInt(rate) + 5_000n) / 10_000n);
}
