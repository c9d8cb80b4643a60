import { addDaysIso } from '@guichet/sdk/rules';
import { expect } from '@open-wc/testing';
import { formatDate, formatMonth } from './format.js';

// Every combination of the parts `formatDate` may be asked for (those it does not spell go through Intl).
const FORMS: Intl.DateTimeFormatOptions[] = [{ day: '2-digit', month: '2-digit', year: 'numeric' }];
for (const weekday of [undefined, 'short', 'long'] as const)
  for (const day of [undefined, 'numeric'] as const)
    for (const month of [undefined, 'short', 'long'] as const)
      for (const year of [undefined, 'numeric'] as const) {
        const form = Object.fromEntries(
          Object.entries({ weekday, day, month, year }).filter(([, v]) => v !== undefined),
        );
        if (Object.keys(form).length > 0) FORMS.push(form);
      }

const formats = new Map<string, Intl.DateTimeFormat>();

/** What Intl writes, in this browser, for a plain date. */
function intl(date: string, locale: string, form: Intl.DateTimeFormatOptions): string {
  const key = `${locale} ${JSON.stringify(form)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...form, timeZone: 'UTC' });
    formats.set(key, f);
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}

describe('formatDate', () => {
  // First: the formats this module keeps would hide a use of Intl by an earlier test.
  it('spells the French and English forms and the numeric one without Intl', () => {
    const real = Intl.DateTimeFormat;
    Object.assign(Intl, {
      DateTimeFormat: () => {
        throw new Error('Intl.DateTimeFormat used');
      },
    });
    try {
      expect(formatDate('2026-11-02', 'fr', { weekday: 'long', day: 'numeric', month: 'long' })).to.equal(
        'lundi 2 novembre',
      );
      expect(
        formatDate('2026-11-02', 'fr', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
      ).to.equal('lun. 2 nov. 2026');
      expect(formatDate('2026-11-02', 'fr', { weekday: 'short' })).to.equal('lun.');
      expect(formatMonth('2026-08', 'fr')).to.equal('août 2026');
      expect(formatDate('2026-11-02', 'fr')).to.equal('02/11/2026');
      expect(formatDate('2026-11-02', 'en')).to.equal('02/11/2026');
      expect(
        formatDate('2026-09-05', 'en', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
      ).to.equal('Sat, 5 Sept 2026');
      expect(formatDate('2026-11-02', 'en', { weekday: 'long', day: 'numeric', month: 'long' })).to.equal(
        'Monday 2 November',
      );
      expect(formatMonth('2026-08', 'en')).to.equal('August 2026');
    } finally {
      Object.assign(Intl, { DateTimeFormat: real });
    }
  });

  it('writes every form of every day of twelve years as this browser’s Intl does', () => {
    let date = '2020-01-01';
    let checked = 0;
    while (date < '2032-01-01') {
      for (const form of FORMS)
        for (const [lang, locale] of [
          ['fr', 'fr-FR'],
          ['en', 'en-GB'],
        ] as const) {
          expect(formatDate(date, lang, form), `${lang} ${date} ${JSON.stringify(form)}`).to.equal(
            intl(date, locale, form),
          );
          checked++;
        }
      date = addDaysIso(date, 1);
    }
    expect(checked).to.be.greaterThan(4383 * 60);
  });

  it('writes a month in words', () => {
    expect(formatMonth('2026-08', 'fr')).to.equal('août 2026');
    expect(formatMonth('2026-08', 'en')).to.equal('August 2026');
  });

  it('refuses an impossible date', () => {
    expect(() => formatDate('2026-02-30', 'fr')).to.throw(RangeError);
  });
});
