import { addDaysIso, instantInZone, memberDisplayName } from '@guichet/sdk/rules';
import type { CalendarFeed } from '@guichet/sdk/schemas';
import type { Db } from '../store/db.js';
import type { Ctx } from './context.js';
import { accessAccount, todayOf } from './family.js';
import { hashSecret, newSecret } from './passwords.js';

/**
 * A family's private iCalendar feed (RFC 5545) of its accepted reservations, for phones: the URL
 * holds a random token whose hash only is stored; rotating gives a new URL and kills the old one,
 * revoking kills it.
 */

/** Escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): CRLF then one space, never inside a UTF-8
 * character. The space counts in the 75 octets of the line it starts.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, 'utf8');
    if (size + bytes > 75) {
      out.push(current);
      current = ' ';
      size = 1;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n');
}

/** `20260420T070000Z`. */
const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export interface CalendarEvent {
  uid: string;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location?: string | undefined;
  description?: string | undefined;
}

/** A VCALENDAR of events: CRLF line ends, folded lines, escaped texts, times in UTC. */
export function icalendar(name: string, events: readonly CalendarEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Guichet//Reservations//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utc(e.stamp)}`,
      `DTSTART:${utc(e.start)}`,
      `DTEND:${utc(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** Whether the account has a feed. */
export async function calendarFeed(ctx: Ctx, accountId: string): Promise<CalendarFeed> {
  const account = await accessAccount(ctx, accountId);
  const row = await ctx.db
    .selectFrom('calendar_feeds')
    .select('created_at')
    .where('account_id', '=', account.id)
    .executeTakeFirst();
  return { active: !!row, createdAt: row ? row.created_at.toISOString() : null };
}

/** Creates the feed or gives it a new URL; the URL is in this answer only. */
export async function rotateCalendarFeed(ctx: Ctx, accountId: string): Promise<CalendarFeed> {
  const account = await accessAccount(ctx, accountId);
  const token = newSecret('gf');
  await ctx.db
    .insertInto('calendar_feeds')
    .values({ account_id: account.id, token_hash: hashSecret(token), created_at: ctx.now })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({ token_hash: hashSecret(token), created_at: ctx.now }),
    )
    .execute();
  return {
    active: true,
    createdAt: ctx.now.toISOString(),
    url: `${ctx.config.publicUrl}/feeds/${token}.ics`,
  };
}

export async function revokeCalendarFeed(ctx: Ctx, accountId: string): Promise<void> {
  const account = await accessAccount(ctx, accountId);
  await ctx.db.deleteFrom('calendar_feeds').where('account_id', '=', account.id).execute();
}

/**
 * The feed of a token: accepted reservations from 60 days ago on (at most 2,000), or null for an
 * unknown or revoked token.
 */
export async function feedCalendar(db: Db, token: string, now: Date): Promise<string | null> {
  if (!/^gf_[A-Za-z0-9_-]{10,200}$/.test(token)) return null;
  const feed = await db
    .selectFrom('calendar_feeds')
    .innerJoin('accounts', 'accounts.id', 'calendar_feeds.account_id')
    .innerJoin('structures', 'structures.id', 'accounts.structure_id')
    .select(['accounts.id', 'accounts.structure_id', 'structures.name', 'structures.time_zone'])
    .where('calendar_feeds.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!feed) return null;
  const from = addDaysIso(await todayOf(db, feed.structure_id, now), -60);
  const rows = await db
    .selectFrom('reservations as r')
    .innerJoin('activities as a', 'a.id', 'r.activity_id')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .select([
      'r.id',
      'r.date',
      'r.updated_at',
      'a.name as activity',
      'a.start_time',
      'a.end_time',
      'm.first_name',
      'm.last_name',
    ])
    .where('r.account_id', '=', feed.id)
    .where('r.status', '=', 'accepted')
    .where('r.date', '>=', from)
    .orderBy('r.date')
    .orderBy('a.start_time')
    .orderBy('r.id')
    .limit(2000)
    .execute();
  const events = rows.map(
    (r): CalendarEvent => ({
      uid: `${r.id}@guichet`,
      stamp: r.updated_at,
      start: instantInZone(r.date, r.start_time, feed.time_zone),
      end: instantInZone(r.date, r.end_time, feed.time_zone),
      summary: `${r.first_name} – ${r.activity}`,
      location: feed.name,
      description: `${memberDisplayName({ firstName: r.first_name, lastName: r.last_name })}, ${r.activity}`,
    }),
  );
  return icalendar(feed.name, events);
}
