import type { Lang } from '@guichet/sdk/schemas';

/**
 * A component's strings in every language, typed from the French one: a value is a string or a
 * function of the values it words (`placesLeft: (n) => ...`). No sentence is built by concatenation.
 */
export type Catalogue<T> = Record<Lang, T>;

/** The strings of `catalogue` for `lang`. */
export function strings<T>(catalogue: Catalogue<T>, lang: Lang): T {
  return catalogue[lang];
}
