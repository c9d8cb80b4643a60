import type { IsoDate, IsoMonth } from '../schemas/common.js';

/**
 * Plain dates (`YYYY-MM-DD`) are calendar days in the structure's zone, never instants: they
 * become local `Date`s at midnight for arithmetic and are compared as strings
 * (ISO order is date order). Parsing and formatting are done by hand: date-fns' `parse` and
 * `format` weigh 40 kB minified, more than a whole widget.
 */

/** Parses `YYYY-MM-DD` as a local calendar date. Throws on an impossible date (2026-02-30). */
export function parseIsoDate(date: IsoDate): Date {
  const [y, m, d] = isoDateParts(date);
  const local = new Date(y, m - 1, d);
  local.setFullYear(y); // the constructor reads years 0–99 as 1900–1999
  return local;
}

/**
 * The year, month (1–12) and day of `YYYY-MM-DD`, by hand for hot paths (no regex, no Date).
 * Throws a RangeError on a malformed or impossible date, as `parseIsoDate` does.
 * @example isoDateParts('2026-04-25') // [2026, 4, 25]
 */
export function isoDateParts(date: IsoDate): [number, number, number] {
  const n = isoDateNumber(date);
  return [Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100];
}

/**
 * `YYYY-MM-DD` as the number YYYYMMDD, checked as `isoDateParts` checks it, without allocating:
 * what a month's calendar asks for every day, slot and activity. Date order is number order.
 * @example isoDateNumber('2026-04-25') // 20260425
 */
export function isoDateNumber(date: IsoDate): number {
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (
    date.length !== 10 ||
    date[4] !== '-' ||
    date[7] !== '-' ||
    y < 0 ||
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > daysIn(y, m)
  )
    throw new RangeError(`Not a date: ${date}`);
  return y * 10000 + m * 100 + d;
}

/** The number written by the ASCII digits of `s` from `start` to `end`, or -1. */
function digits(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Formats a local date as `YYYY-MM-DD`. */
export function toIsoDate(date: Date): IsoDate {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `date` moved by `days` (negative goes back). */
export function addDaysIso(date: IsoDate, days: number): IsoDate {
  const local = parseIsoDate(date);
  local.setDate(local.getDate() + days);
  return toIsoDate(local);
}

/** The month `YYYY-MM` of a date. */
export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

/** `month` moved by `months`. */
export function addMonthsIso(month: IsoMonth, months: number): IsoMonth {
  const local = parseIsoDate(`${month}-01`);
  local.setMonth(local.getMonth() + months);
  return toIsoDate(local).slice(0, 7);
}

/** Every date of a month, in order. */
export function daysOfMonth(month: IsoMonth): IsoDate[] {
  const [year, m] = isoDateParts(`${month}-01`);
  return Array.from({ length: daysIn(year, m) }, (_, i) => `${month}-${i < 9 ? '0' : ''}${i + 1}`);
}

/** How `formatIsoDate` writes a date: « 18 avril 2026 » or « samedi 18 avril 2026 ». */
export type DateStyle = 'long' | 'full';

const wordFormats = new Map<string, Intl.DateTimeFormat>();
const written = new Map<string, string>();

/**
 * A plain date written out for people in a locale. ICU formatting is the slow part of a mail
 * (a booking report writes four days in two languages, twice): each formatter is built once and
 * each date written once, then kept (a few thousand at most, then forgotten together).
 * @example formatIsoDate('2026-04-18', 'fr-FR', 'full') // 'samedi 18 avril 2026'
 * @example formatIsoDate('2026-04-18', 'en-GB') // '18 April 2026'
 */
export function formatIsoDate(date: IsoDate, locale: string, style: DateStyle = 'long'): string {
  const key = `${locale} ${style} ${date}`;
  let text = written.get(key);
  if (text === undefined) {
    let f = wordFormats.get(`${locale} ${style}`);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' });
      wordFormats.set(`${locale} ${style}`, f);
    }
    const [y, m, d] = isoDateParts(date);
    text = f.format(new Date(Date.UTC(y, m - 1, d)));
    if (written.size >= 4096) written.clear();
    written.set(key, text);
  }
  return text;
}

// Building an Intl.DateTimeFormat is slow: keep one per time zone (and purpose).
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant in a time zone (`Europe/Paris` by default).
 * @example isoDateInZone(new Date('2026-04-18T22:30:00Z'), 'Europe/Paris') // '2026-04-19'
 */
export function isoDateInZone(instant: Date, timeZone = 'Europe/Paris'): IsoDate {
  let f = dayFormats.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD. An unknown zone throws here, before anything is kept.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(instant);
}

/**
 * The instant of a wall-clock `date` and `time` in a time zone (daylight saving included).
 * @example instantInZone('2026-04-19', '12:00', 'Europe/Paris').toISOString() // '2026-04-19T10:00:00.000Z'
 */
export function instantInZone(date: IsoDate, time: string, timeZone = 'Europe/Paris'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The zone's offset at the guess, then again at the corrected instant (a DST change in between).
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}

function offsetAt(utcMs: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}
