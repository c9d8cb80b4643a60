import type { Cents, Lang } from '../schemas/common.js';

/**
 * Money is an integer number of euro cents, never a float: 10,35 € is `1035`.
 * Amounts are written by hand in the two languages, as `Intl` writes them (money.test.ts holds
 * them to it): a page's first `Intl` number format starts the browser's ICU, about 13 ms on a
 * fresh page. Parsing accepts what a person types in a French or English page.
 */

/**
 * Whether `value` is a valid amount of cents: a safe integer.
 * @example isCents(1035) // true
 * @example isCents(10.35) // false
 */
export function isCents(value: unknown): value is Cents {
  return Number.isSafeInteger(value);
}

/**
 * Returns `value` if it is a safe integer number of cents; throws a `RangeError` otherwise.
 * @example assertCents(1035) // 1035
 * @example assertCents(10.35) // throws RangeError
 */
export function assertCents(value: number, what = 'amount'): Cents {
  if (!isCents(value)) throw new RangeError(`The ${what} must be an integer number of cents, got ${value}`);
  return value;
}

/**
 * Sum of amounts in cents. Throws a `RangeError` on a non-integer value or an unsafe total.
 * @example sumCents([1035, 475]) // 1510
 * @example sumCents([]) // 0
 */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += assertCents(v);
  return assertCents(total, 'total');
}

/**
 * `cents × quantity`, both integers (a 3-6 "Journée": 2 × 6,65 € = 13,30 €).
 * @example multiplyCents(665, 2) // 1330
 */
export function multiplyCents(cents: Cents, quantity: number): Cents {
  assertCents(cents);
  if (!Number.isSafeInteger(quantity))
    throw new RangeError(`The quantity must be an integer, got ${quantity}`);
  return assertCents(cents * quantity, 'total');
}

/**
 * An amount with the euro sign, as the page's language writes it.
 * French puts a no-break space (U+00A0) before `€` and a narrow no-break space (U+202F) between thousands.
 * @example formatMoney(1035, 'fr') // '10,35 €' (U+00A0 before €)
 * @example formatMoney(-4605, 'en') // '-€46.05'
 */
export function formatMoney(cents: Cents, lang: Lang): string {
  const amount = formatAmount(cents, lang);
  if (lang === 'fr') return `${amount}\u00a0€`;
  return cents < 0 ? `-€${amount.slice(1)}` : `€${amount}`;
}

/**
 * An amount without the currency sign, with two decimals, as in the seeds' tables ("Prix (€)" columns).
 * @example formatAmount(1035, 'fr') // '10,35'
 * @example formatAmount(123450, 'en') // '1,234.50'
 */
export function formatAmount(cents: Cents, lang: Lang): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, lang === 'fr' ? '\u202f' : ',');
  return `${cents < 0 ? '-' : ''}${units}${lang === 'fr' ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
}

// Digits grouped by three after a first group of one to three ("1 234 567"), or not grouped at all.
const GROUPED = /^\d{1,3}(?:G\d{3})*$/;

/**
 * Parses an amount typed by a person into cents: `10,35`, `10.35`, `10,35 €`, `€10.35`, `1 234,50`,
 * `1,234.50`, `-46,05`. When both `,` and `.` appear, the last one is the decimal mark and the
 * other groups thousands; when only one appears, it is the decimal mark. Spaces (including the
 * no-break spaces French writes) group thousands.
 * Throws a `RangeError` on anything else, on more than two decimals (`1,234` is refused rather
 * than guessed), or on an amount too large to be exact.
 * @example parseMoney('10,35 €') // 1035
 * @example parseMoney('1 234,5') // 123450
 * @example parseMoney('10,355') // throws RangeError
 */
export function parseMoney(text: string): Cents {
  const fail = (): never => {
    throw new RangeError(`Not an amount of money: ${JSON.stringify(text)}`);
  };
  // Minus as hyphen or U+2212 (some ICU versions); the euro sign before or after the number, not both.
  const m = /^\s*([-\u2212]?)\s*(€?)\s*([\d\s.,]*\d)\s*(€?)\s*$/u.exec(text);
  if (!m || (m[2] && m[4])) return fail();
  const negative = m[1] !== '';
  const body = m[3]!.replace(/\s+/gu, ' ');

  // The decimal mark is the last `,` or `.`; the other one may only group thousands.
  const mark = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
  const markAt = body.lastIndexOf(mark);
  const fraction = markAt === -1 ? '' : body.slice(markAt + 1);
  let integer = markAt === -1 ? body : body.slice(0, markAt);
  if (markAt !== -1 && !/^\d{1,2}$/.test(fraction)) return fail();

  // One kind of grouping at most: spaces, or the mark that is not the decimal one.
  const groups = [...new Set(integer.replace(/\d/g, ''))];
  if (groups.length > 1) return fail();
  const group = groups[0];
  if (group !== undefined) {
    if (group === mark || !GROUPED.test(integer.split(group).join('G'))) return fail();
    integer = integer.split(group).join('');
  }
  if (!/^\d+$/.test(integer)) return fail();

  const cents = BigInt(integer) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return fail();
  const value = Number(cents);
  // No negative zero.
  return negative && value !== 0 ? -value : value;
}
