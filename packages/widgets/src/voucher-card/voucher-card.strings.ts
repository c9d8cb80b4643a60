import type { Catalogue } from '../internal/localize.js';
import { countOf } from './format.js';

export interface VoucherCardStrings {
  title: string;
  number: string;
  holder: string;
  qrLabel: (number: string) => string;
  qrLoading: string;
  qrFailed: string;
  placesLeft: (n: number) => string;
  expiresOn: (places: number, date: string) => string;
  noExpiry: string;
  blocked: string;
  print: string;
  loading: string;
  empty: string;
  failed: string;
  retry: string;
  signedOut: string;
}

export const voucherCardStrings: Catalogue<VoucherCardStrings> = {
  fr: {
    title: 'Cartoonette',
    number: 'Numéro',
    holder: 'Titulaire',
    qrLabel: (number) => `QR code de la cartoonette ${number}`,
    qrLoading: 'Préparation du QR code…',
    qrFailed: 'Le QR code n’a pas pu être dessiné : donnez le numéro en caisse.',
    placesLeft: (n) => `${countOf('fr', n, 'place restante', 'places restantes')}`,
    expiresOn: (places, date) =>
      `${countOf('fr', places, 'place valable', 'places valables')} jusqu’au ${date}`,
    noExpiry: 'Aucune place à utiliser',
    blocked: 'Cartoonette bloquée : contactez le réseau de cinémas.',
    print: 'Imprimer',
    loading: 'Chargement de la cartoonette…',
    empty: 'Pas encore de cartoonette : elle est créée au premier chargement de places.',
    failed: 'La cartoonette n’a pas pu être chargée.',
    retry: 'Réessayer',
    signedOut: 'Connectez-vous pour voir votre cartoonette.',
  },
  en: () => import('./voucher-card.strings.en.js').then((m) => m.en),
};
