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
  en: () => import('./guichet-notices.strings.en.js').then((m) => m.en),
};
