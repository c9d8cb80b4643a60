import type { Lang } from '@guichet/sdk/schemas';
import { Lazy } from './lazy.js';

/**
 * A component's strings in every language, typed from one interface: a value is a string or a
 * function of the values it words (`placesLeft: (n) => ...`). No sentence is built by concatenation.
 *
 * French, the default, is in the catalogue's module and loads with the element. Every other
 * language is a loader, `en: () => import('./x.strings.en.js').then((m) => m.en)`: a chunk of its
 * own next to the element's module, fetched the first time an element of the page speaks it.
 * `GuichetElement` waits for it before rendering (see its `catalogue`).
 */
export type Catalogue<T> = { readonly fr: T } & {
  readonly [L in Exclude<Lang, 'fr'>]: () => Promise<T>;
};

/** The other languages of each catalogue, loaded or not. */
const languages = new WeakMap<Catalogue<unknown>, Partial<Record<Lang, Lazy<unknown>>>>();

function lazy<T>(catalogue: Catalogue<T>, lang: Exclude<Lang, 'fr'>): Lazy<T> {
  let loaded = languages.get(catalogue);
  if (!loaded) {
    loaded = {};
    languages.set(catalogue, loaded);
  }
  loaded[lang] ??= new Lazy(catalogue[lang]);
  return loaded[lang] as Lazy<T>;
}

/** The strings of `catalogue` for `lang`; French while that language has not arrived (`loadStrings`). */
export function strings<T>(catalogue: Catalogue<T>, lang: Lang): T {
  return (lang === 'fr' ? undefined : lazy(catalogue, lang).value) ?? catalogue.fr;
}

/**
 * Loads the strings of `catalogue` for `lang`, once for the page: `undefined` when they are in
 * hand, else a promise that resolves when they arrived or failed to (then French stays, and the
 * next call tries again).
 */
export function loadStrings(catalogue: Catalogue<unknown>, lang: Lang): Promise<void> | undefined {
  return lang === 'fr' ? undefined : lazy(catalogue, lang).load();
}
