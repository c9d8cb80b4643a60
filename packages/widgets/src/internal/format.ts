import { parseIsoDate } from '@guichet/sdk/rules';
import type { Lang } from '@guichet/sdk/schemas';

/** Dates for people, through `Intl`: plain `YYYY-MM-DD` dates parsed with the sdk (date-fns), never `new Date(string)`. */

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], options);
    cache.set(key, f);
  }
  return f;
}

/**
 * A plain date as `lang` writes it.
 * @example formatDate('2012-02-15', 'fr') // '15/02/2012'
 * @example formatDate('2012-03-01', 'fr', { weekday: 'short', day: 'numeric' }) // 'jeu. 1'
 */
export function formatDate(
  date: string,
  lang: Lang,
  options: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' },
): string {
  return dateFormat(lang, options).format(parseIsoDate(date));
}

/**
 * A month `YYYY-MM` as words ("mars 2012", "March 2012").
 */
export function formatMonth(month: string, lang: Lang): string {
  return dateFormat(lang, { month: 'long', year: 'numeric' }).format(parseIsoDate(`${month}-01`));
}

/** An instant (ISO 8601) as a date in `lang`. */
export function formatInstantDate(instant: string, lang: Lang, timeZone = 'Europe/Paris'): string {
  return dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(
    new Date(instant),
  );
}
