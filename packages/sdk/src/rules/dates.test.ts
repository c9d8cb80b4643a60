import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysIso,
  addMonthsIso,
  daysOfMonth,
  formatIsoDate,
  instantInZone,
  isoDateInZone,
  isoDateNumber,
  isoDateParts,
  monthOf,
  parseIsoDate,
  toIsoDate,
} from './dates.js';

describe('plain dates', () => {
  it('parses and formats without a time-zone shift', () => {
    expect(toIsoDate(parseIsoDate('2026-04-19'))).toBe('2026-04-19');
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
  });

  it('reads the fields of a date and refuses a malformed or impossible one', () => {
    expect(isoDateParts('2026-04-25')).toEqual([2026, 4, 25]);
    expect(isoDateParts('2028-02-29')).toEqual([2028, 2, 29]);
    expect(isoDateNumber('2026-04-25')).toBe(20260425);
    expect(isoDateNumber('0050-03-01')).toBe(500301);
    expect(toIsoDate(parseIsoDate('0050-03-01'))).toBe('0050-03-01');
    for (const bad of [
      '2026-02-29',
      '2100-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-4-25',
      '2026-04-25T00',
      '2026/04/25',
      'abcd-ef-gh',
      '',
    ])
      expect(() => isoDateParts(bad), bad).toThrow(RangeError);
    expect(() => isoDateNumber('2026-02-29')).toThrow(RangeError);
  });

  it('reads the same fields as Date, for any day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1000, 0, 1), max: new Date(9999, 11, 31), noInvalidDate: true }),
        (d) => {
          expect(isoDateParts(toIsoDate(d))).toEqual([d.getFullYear(), d.getMonth() + 1, d.getDate()]);
        },
      ),
    );
  });

  it('moves by days and months', () => {
    expect(addDaysIso('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDaysIso('2028-02-28', 1)).toBe('2028-02-29');
    expect(addMonthsIso('2026-12', 1)).toBe('2027-01');
    expect(monthOf('2026-04-19')).toBe('2026-04');
    expect(addMonthsIso('2026-01', -1)).toBe('2025-12');
    expect(addMonthsIso('2026-01', -13)).toBe('2024-12');
    expect(addDaysIso('0050-01-01', -1)).toBe('0049-12-31');
  });

  it('moves as date-fns moves a local date, for any day and offset', () => {
    const day = fc.date({ min: new Date(1000, 0, 1), max: new Date(9000, 11, 31), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => {
        const date = toIsoDate(d);
        expect(addDaysIso(date, n)).toBe(toIsoDate(addDays(parseIsoDate(date), n)));
      }),
    );
    fc.assert(
      fc.property(day, fc.integer({ min: -1_200, max: 1_200 }), (d, n) => {
        const month = toIsoDate(d).slice(0, 7);
        expect(addMonthsIso(month, n)).toBe(toIsoDate(addMonths(parseIsoDate(`${month}-01`), n)).slice(0, 7));
      }),
    );
  });

  it('lists every day of a month', () => {
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2028-02').at(-1)).toBe('2028-02-29');
    expect(daysOfMonth('2026-04')[0]).toBe('2026-04-01');
  });

  it('reads the local date of an instant', () => {
    expect(isoDateInZone(new Date('2026-04-18T22:30:00Z'))).toBe('2026-04-19');
    expect(isoDateInZone(new Date('2026-04-18T21:30:00Z'))).toBe('2026-04-18');
  });

  it('finds the instant of a wall-clock time, summer and winter', () => {
    expect(instantInZone('2026-04-19', '12:00').toISOString()).toBe('2026-04-19T10:00:00.000Z');
    expect(instantInZone('2026-12-19', '12:00').toISOString()).toBe('2026-12-19T11:00:00.000Z');
    expect(instantInZone('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('round-trips dates through instants in the zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const date = toIsoDate(d);
          expect(isoDateInZone(instantInZone(date, '12:00'))).toBe(date);
        },
      ),
    );
  });

  it('writes dates out for people, in each locale and style, the same when asked again', () => {
    expect(formatIsoDate('2026-04-18', 'fr-FR', 'full')).toBe('samedi 18 avril 2026');
    expect(formatIsoDate('2026-04-18', 'fr-FR')).toBe('18 avril 2026');
    expect(formatIsoDate('2026-04-18', 'en-GB', 'full')).toBe('Saturday, 18 April 2026');
    expect(formatIsoDate('2026-04-18', 'en-GB')).toBe('18 April 2026');
    // Written once, then kept: the kept words are the same as a fresh formatter's, whatever the
    // order of calls and however many dates went through (the store forgets past 4,096).
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.constantFrom('fr-FR', 'en-GB'),
        fc.constantFrom('long' as const, 'full' as const),
        (d, locale, style) => {
          const date = toIsoDate(d);
          const fresh = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(
            new Date(`${date}T00:00:00Z`),
          );
          expect(formatIsoDate(date, locale, style)).toBe(fresh);
          expect(formatIsoDate(date, locale, style)).toBe(fresh);
        },
      ),
      { numRuns: 5000 },
    );
    expect(() => formatIsoDate('2026-02-30', 'fr-FR')).toThrow(RangeError);
  });
});
