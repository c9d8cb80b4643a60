import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertCents,
  formatAmount,
  formatMoney,
  isCents,
  multiplyCents,
  parseMoney,
  sumCents,
} from './money.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('formatMoney', () => {
  it('writes French with a no-break space before the euro sign', () => {
    expect(formatMoney(1035, 'fr')).toBe(`10,35${NBSP}€`);
    expect(formatMoney(0, 'fr')).toBe(`0,00${NBSP}€`);
    expect(formatMoney(-4605, 'fr')).toBe(`-46,05${NBSP}€`);
    expect(formatMoney(123450, 'fr')).toBe(`1${NNBSP}234,50${NBSP}€`);
  });

  it('writes English with the sign first', () => {
    expect(formatMoney(1035, 'en')).toBe('€10.35');
    expect(formatMoney(-4605, 'en')).toBe('-€46.05');
    expect(formatMoney(123450, 'en')).toBe('€1,234.50');
  });

  it('is exact for large amounts (no float on the way)', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'en')).toBe('€90,071,992,547,409.91');
  });

  it('writes any amount as Intl does, in both languages', () => {
    const intl = (locale: string, options: Intl.NumberFormatOptions) => {
      const f = new Intl.NumberFormat(locale, options);
      // Intl reads the exact decimal text: no float on the way.
      return (cents: number) =>
        f.format(
          `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}` as Intl.StringNumericLiteral,
        );
    };
    const two = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    const euros = { style: 'currency', currency: 'EUR' } as const;
    const forms = [
      [(c: number) => formatMoney(c, 'fr'), intl('fr-FR', euros)],
      [(c: number) => formatMoney(c, 'en'), intl('en', euros)],
      [(c: number) => formatAmount(c, 'fr'), intl('fr-FR', two)],
      [(c: number) => formatAmount(c, 'en'), intl('en', two)],
    ] as const;
    const cents = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(cents, (c) => {
        for (const [ours, theirs] of forms) expect(ours(c)).toBe(theirs(c));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses cents that are not integers', () => {
    expect(() => formatMoney(10.35, 'fr')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'fr')).toThrow(RangeError);
  });
});

describe('formatAmount', () => {
  it('writes the seed tables amounts, without a sign', () => {
    expect(formatAmount(1035, 'fr')).toBe('10,35');
    expect(formatAmount(18605, 'fr')).toBe('186,05');
    expect(formatAmount(14000, 'fr')).toBe('140,00');
    expect(formatAmount(123450, 'fr')).toBe(`1${NNBSP}234,50`);
    expect(formatAmount(-5, 'en')).toBe('-0.05');
  });
});

describe('parseMoney', () => {
  it.each([
    ['10,35', 1035],
    ['10.35', 1035],
    ['10,35 €', 1035],
    [`10,35${NBSP}€`, 1035],
    ['€10.35', 1035],
    ['1 234,50', 123450],
    [`1${NNBSP}234,50${NBSP}€`, 123450],
    ['1,234.50', 123450],
    ['1.234.567,89', 123456789],
    ['1 234', 123400],
    ['10', 1000],
    ['10,5', 1050],
    ['0,05', 5],
    ['  79,30  ', 7930],
    ['-46,05', -4605],
    ['\u221246,05 €', -4605],
    ['-€46.05', -4605],
    ['-0,00', 0],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it('never returns negative zero', () => {
    expect(Object.is(parseMoney('-0'), 0)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'abc',
    '10,355',
    '1,234',
    '10,',
    ',5',
    '.5',
    '10,3 5',
    '12 34,50',
    '1 234.567,50',
    '1.234.567',
    '1,23,45',
    '€10 €',
    '10 € 20',
    '10-',
    '--10',
    '1e3',
    '0x10',
    '10 $',
    '90071992547409,92',
    '99999999999999999999',
  ])('refuses %j', (text) => {
    expect(() => parseMoney(text)).toThrow(RangeError);
  });
});

describe('sumCents, multiplyCents, assertCents', () => {
  it('sums the 13 lines of the seed consumption table exactly', () => {
    // The seed prints TOTAL 186,05 under these lines, but they add up to 143,05 (see history.test.ts).
    expect(sumCents([1035, 475, 475, 1035, 475, 1035, 1330, 1485, 1485, 1330, 1330, 1485, 1330])).toBe(14305);
    expect(sumCents([])).toBe(0);
    expect(sumCents(new Set([9000, 5000]))).toBe(14000);
  });

  it('refuses floats and unsafe totals', () => {
    expect(() => sumCents([1035, 0.5])).toThrow(RangeError);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('multiplies a unit price by a quantity', () => {
    expect(multiplyCents(665, 2)).toBe(1330);
    expect(() => multiplyCents(665, 1.5)).toThrow(RangeError);
    expect(() => multiplyCents(6.65, 2)).toThrow(RangeError);
    expect(() => multiplyCents(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
  });

  it('checks integers', () => {
    expect(isCents(1035)).toBe(true);
    expect(isCents(10.35)).toBe(false);
    expect(isCents('1035')).toBe(false);
    expect(assertCents(-4605)).toBe(-4605);
    expect(() => assertCents(Number.POSITIVE_INFINITY, 'balance')).toThrow(/balance/);
  });
});

describe('money properties', () => {
  const cents = fc.maxSafeInteger();
  const lang = fc.constantFrom('fr' as const, 'en' as const);

  it('parse(formatMoney(c)) = c and parse(formatAmount(c)) = c', () => {
    fc.assert(
      fc.property(cents, lang, (c, l) => {
        expect(parseMoney(formatMoney(c, l))).toBe(c);
        expect(parseMoney(formatAmount(c, l))).toBe(c);
      }),
    );
  });

  it('formatAmount(parse(text)) gives back a typed amount in its canonical form', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 99 }), (units, hundredths) => {
        const text = `${units},${String(hundredths).padStart(2, '0')}`;
        expect(formatAmount(parseMoney(text), 'fr').replace(/\s/g, '')).toBe(text);
      }),
    );
  });

  it('sumCents is the exact sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 })), (values) => {
        expect(BigInt(sumCents(values))).toBe(values.reduce((s, v) => s + BigInt(v), 0n));
      }),
    );
  });
});
