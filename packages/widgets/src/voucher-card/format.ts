import type { Lang } from '@guichet/sdk/schemas';

/**
 * Counts and instants for the cinema widgets (`voucher-*`, `countermark-checker`,
 * `screening-request`), through `Intl`.
 */

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const numbers = new Map<Lang, Intl.NumberFormat>();
const plurals = new Map<Lang, Intl.PluralRules>();
const instants = new Map<string, Intl.DateTimeFormat>();

/** `n` and the word that agrees with it ("1 place", "0 place" in French, "0 places" in English). */
export function countOf(lang: Lang, n: number, one: string, other: string): string {
  let nf = numbers.get(lang);
  if (!nf) {
    nf = new Intl.NumberFormat(LOCALES[lang]);
    numbers.set(lang, nf);
  }
  let pr = plurals.get(lang);
  if (!pr) {
    pr = new Intl.PluralRules(LOCALES[lang]);
    plurals.set(lang, pr);
  }
  return `${nf.format(n)} ${pr.select(n) === 'one' ? one : other}`;
}

/** What part of an instant to show. */
export type InstantStyle = 'datetime' | 'time' | 'date';

const STYLES: Record<InstantStyle, Intl.DateTimeFormatOptions> = {
  datetime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit' },
  date: { day: '2-digit', month: '2-digit', year: 'numeric' },
};

/**
 * An instant (ISO 8601) in `lang`, in a venue's time zone (default Europe/Paris).
 * @example formatInstant('2026-04-19T18:30:00Z', 'fr') // '19/04/2026 20:30'
 */
export function formatInstant(
  instant: string | Date,
  lang: Lang,
  style: InstantStyle = 'datetime',
  timeZone = 'Europe/Paris',
): string {
  const key = `${lang}|${style}|${timeZone}`;
  let f = instants.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { ...STYLES[style], timeZone, hourCycle: 'h23' });
    instants.set(key, f);
  }
  return f.format(typeof instant === 'string' ? new Date(instant) : instant).replace(',', '');
}
