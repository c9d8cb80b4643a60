import type { GuichetNoticesStrings } from './guichet-notices.strings.js';

/** The English strings of `<guichet-notices>`, loaded when an element speaks English (see `Catalogue`). */
export const en: GuichetNoticesStrings = {
  heading: 'News',
  published: (date) => `Published on ${date}`,
  empty: 'No news for now.',
  loading: 'Loading news…',
  failed: 'The news could not be loaded.',
  retry: 'Try again',
  signedOut: 'Sign in to see the news of your structure.',
};
