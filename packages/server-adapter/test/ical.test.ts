import { addDaysIso, instantInZone } from '@guichet/sdk/rules';
import { CalendarFeedSchema } from '@guichet/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoIds, seedDemo } from '../src/demo/seed.js';
import { escapeText, foldLine, icalendar } from '../src/services/ical.js';
import { testClock, testServer } from './harness.js';

/** A small RFC 5545 reader: checks the line rules, unfolds, and returns the events' properties. */
function parseIcs(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  const unescapeText = (v: string) =>
    v.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon).split(';')[0]!] = unescapeText(line.slice(colon + 1));
    }
  }
  return { lines, events };
}

describe('private iCalendar feed of a family', () => {
  const clock = testClock('2026-04-08T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  let dupont: string;
  let admin: string;

  const feed = async (url: string) => {
    const { pathname } = new URL(url);
    const res = await t.guichet.fetch(new Request(`http://guichet.test${pathname}`));
    return { status: res.status, type: res.headers.get('Content-Type'), text: await res.text() };
  };

  beforeAll(async () => {
    t = await testServer({ clock });
    ids = await seedDemo(t.db, clock());
    dupont = await t.login('dupont', 'dupont-demo');
    admin = await t.login('admin', 'admin-demo');
  });
  afterAll(() => t.close());

  it('serves the accepted reservations as RFC 5545 text/calendar, revocable', async () => {
    const account = ids.dupont.accountId;
    const day1 = ids.holiday.from;
    const day2 = addDaysIso(ids.holiday.from, 1);
    const booked = await t.call('POST', `/accounts/${account}/bookings`, {
      token: dupont,
      body: {
        changes: [
          { op: 'add', memberId: ids.dupont.antoine, activityId: ids.activities.matin36, date: day1 },
          { op: 'add', memberId: ids.dupont.liou, activityId: ids.activities.journee612, date: day2 },
        ],
      },
    });
    expect(booked.status).toBe(200);
    const accepted = await t.db
      .selectFrom('reservations')
      .select(['id', 'date', 'activity_id'])
      .where('account_id', '=', account)
      .where('status', '=', 'accepted')
      .execute();
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    // A name with every character TEXT must escape, long enough to be folded, not ASCII.
    await t.db
      .updateTable('activities')
      .set({ name: 'ALSH 3-6 ans; Matin, « été » \\ sortie\nPiscine – Été ensoleillé à la médiathèque' })
      .where('id', '=', ids.activities.matin36)
      .execute();

    expect(
      CalendarFeedSchema.parse(
        (await t.call('GET', `/accounts/${account}/calendar-feed`, { token: dupont })).body,
      ),
    ).toEqual({
      active: false,
      createdAt: null,
    });
    const created = await t.call('POST', `/accounts/${account}/calendar-feed`, { token: dupont });
    expect(created.status).toBe(200);
    const url = CalendarFeedSchema.parse(created.body).url!;
    expect(url).toMatch(/^http:\/\/localhost:8080\/feeds\/gf_[\w-]{40,}\.ics$/);
    expect((await t.call('GET', `/accounts/${account}/calendar-feed`, { token: dupont })).body.active).toBe(
      true,
    );

    const res = await feed(url);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/calendar; charset=utf-8');
    const { lines, events } = parseIcs(res.text);
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(events).toHaveLength(accepted.length);
    for (const e of events) {
      expect(e.UID).toMatch(/@guichet$/);
      expect(e.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
      expect(e.DTSTART).toMatch(/^\d{8}T\d{6}Z$/);
      expect(e.DTEND! > e.DTSTART!).toBe(true);
    }
    const matin = accepted.find((r) => r.activity_id === ids.activities.matin36)!;
    expect(matin).toBeDefined();
    {
      const e = events.find((x) => x.UID === `${matin.id}@guichet`)!;
      expect(e.SUMMARY).toBe(
        'Antoine – ALSH 3-6 ans; Matin, « été » \\ sortie\nPiscine – Été ensoleillé à la médiathèque',
      );
      // The activity's local start time in Paris, in UTC.
      const start = instantInZone(matin.date, '09:00', 'Europe/Paris').toISOString();
      expect(e.DTSTART).toBe(start.replace(/[-:]/g, '').replace('.000', ''));
      expect(e.LOCATION).toBe('Mairie de CarteVille');
      expect(res.text).toContain('\\;');
      expect(res.text).toContain('\\,');
      expect(res.text).toContain('\\\\');
      expect(res.text).toContain('\\n');
    }

    // Rotating kills the old address; revoking kills the new one.
    const rotated = CalendarFeedSchema.parse(
      (await t.call('POST', `/accounts/${account}/calendar-feed`, { token: dupont })).body,
    ).url!;
    expect(rotated).not.toBe(url);
    expect((await feed(url)).status).toBe(404);
    expect((await feed(rotated)).status).toBe(200);
    expect((await t.call('DELETE', `/accounts/${account}/calendar-feed`, { token: admin })).status).toBe(204);
    expect((await feed(rotated)).status).toBe(404);
    expect((await feed('http://localhost:8080/feeds/gf_nope.ics')).status).toBe(404);
  });

  it("keeps other families' feeds out of reach", async () => {
    const res = await t.call('POST', `/accounts/${ids.martin.accountId}/calendar-feed`, { token: dupont });
    expect(res.status).toBe(404);
  });

  it('escapes and folds by the octet', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(long).split('\r\n');
    for (const l of folded) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(long);
    const cal = icalendar('Test', []);
    expect(cal).toBe(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Guichet//Reservations//FR\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Test\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\nEND:VCALENDAR\r\n',
    );
  });
});
