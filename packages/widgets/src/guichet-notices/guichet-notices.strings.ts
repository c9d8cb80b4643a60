import type { Catalogue } from '../internal/localize.js';

export interface GuichetNoticesStrings {
  heading: string;
  published: (date: string) => string;
  empty: string;
  loading: string;
  failed: string;
  retry: string;
  signedOut: string;
}

export const noticesStrings: Catalogue<GuichetNoticesStrings> = {
  fr: {
    heading: 'Informations',
    published: (date) => `Publié le ${date}`,
    empty: 'Aucune information pour le moment.',
    loading: 'Chargement des informations…',
    failed: 'Les informations n’ont pas pu être chargées.',
    retry: 'Réessayer',
    signedOut: 'Connectez-vous pour voir les informations de votre structure.',
  },
  en: {
    heading: 'News',
    published: (date) => `Published on ${date}`,
    empty: 'No news for now.',
    loading: 'Loading news…',
    failed: 'The news could not be loaded.',
    retry: 'Try again',
    signedOut: 'Sign in to see the news of your structure.',
  },
};
