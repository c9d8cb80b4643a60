import { isoDateParts, parseIsoDate } from '@guichet/sdk/rules';
import type { Lang } from '@guichet/sdk/schemas';

/**
 * Dates for people. French and English dates are spelled here, as `Intl` writes them in `fr-FR`
 * and `en-GB` (format.test.ts holds every form for every day of several years to it in the
 * browser): a page's first `Intl` date format starts the browser's ICU, about 20 ms on a fresh
 * page and more on a phone, paid before a calendar's first month could show. Other forms go
 * through `Intl`. Plain `YYYY-MM-DD` dates are read by hand, never with `new Date(string)`.
 */

const WORDS: Record<Lang, { months: string[]; short: string[]; weekdays: string[] }> = {
  fr: {
    months: 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(' '),
    short: 'janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.'.split(' '),
    weekdays: 'dimanche lundi mardi mercredi jeudi vendredi samedi'.split(' '),
  },
  en: {
    months: 'January February March April May June July August September October November December'.split(
      ' ',
    ),
    short: 'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec'.split(' '),
    weekdays: 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' '),
  },
};

const NUMERIC: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };

/**
 * `date` as `Intl` writes it: the parts asked (weekday short or long, day, month short or long,
 * year) in that order, when they follow one another (a weekday with a month but no day is ordered
 * otherwise); also the numeric form. Else undefined.
 */
function spelled(date: string, lang: Lang, o: Intl.DateTimeFormatOptions): string | undefined {
  const [y, m, d] = isoDateParts(date);
  const form = `${o.weekday ?? ''}|${o.day ?? ''}|${o.month ?? ''}|${o.year ?? ''}`;
  if (form === '|2-digit|2-digit|numeric') return `${d < 10 ? 0 : ''}${d}/${m < 10 ? 0 : ''}${m}/${y}`;
  const words = WORDS[lang];
  if (
    !words ||
    Object.keys(o).length !== form.split('|').filter(Boolean).length ||
    !/^(short|long|)\|(numeric|)\|(short|long|)\|(numeric|)$/.test(form) ||
    !/^\|*[^|]+(\|[^|]+)*\|*$/.test(form)
  )
    return undefined;
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  const weekday = words.weekdays[day.getUTCDay()]!;
  const short = lang === 'fr' ? `${weekday.slice(0, 3)}.` : weekday.slice(0, 3);
  const parts = [
    o.weekday === 'long' ? weekday : o.weekday ? short : '',
    o.day ? d : '',
    o.month ? (o.month === 'long' ? words.months : words.short)[m - 1] : '',
    o.year ? y : '',
  ].filter((part) => part !== '');
  // en-GB writes a comma after the weekday of a whole date: "Mon, 2 Nov 2026".
  if (lang === 'en' && o.weekday && o.year) parts[0] += ',';
  return parts.join(' ');
}

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
export function formatDate(date: string, lang: Lang, options: Intl.DateTimeFormatOptions = NUMERIC): string {
  return spelled(date, lang, options) ?? dateFormat(lang, options).format(parseIsoDate(date));
}

/**
 * A month `YYYY-MM` as words ("mars 2012", "March 2012").
 */
export function formatMonth(month: string, lang: Lang): string {
  return formatDate(`${month}-01`, lang, { month: 'long', year: 'numeric' });
}

/** An instant (ISO 8601) as a date in `lang`. */
export function formatInstantDate(instant: string, lang: Lang, timeZone = 'Europe/Paris'): string {
  return dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(
    new Date(instant),
  );
}
