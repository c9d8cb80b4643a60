import type { Catalogue } from '../internal/localize.js';
import { countOf } from '../voucher-card/format.js';

/** The outcomes the desk shows after a look-up or a debit. */
export type ScanOutcomeKind =
  | 'debited'
  | 'insufficient'
  | 'expired'
  | 'forged'
  | 'unknown'
  | 'blocked'
  | 'network'
  | 'error';

export interface VoucherScannerStrings {
  codeLabel: string;
  codeHint: string;
  codeMissing: string;
  find: string;
  scan: string;
  stopCamera: string;
  cameraLabel: string;
  cameraStarting: string;
  cameraDenied: string;
  cameraMissing: string;
  cameraUnavailable: string;
  looking: string;
  voucher: string;
  number: string;
  holder: string;
  placesLeft: (n: number) => string;
  expiresOn: (places: number, date: string) => string;
  other: string;
  placesLabel: string;
  fewer: string;
  more: string;
  placesInvalid: string;
  debit: (n: number) => string;
  sending: string;
  retry: string;
  noVenue: string;
  outcomeTitle: Record<ScanOutcomeKind, string>;
  debited: (places: number, left: number) => string;
  insufficient: (left: number) => string;
  expired: string;
  forged: string;
  unknown: string;
  blocked: string;
  network: string;
  todayCaption: string;
  time: string;
  places: string;
  noDebitsToday: string;
}

export const voucherScannerStrings: Catalogue<VoucherScannerStrings> = {
  fr: {
    codeLabel: 'Numéro de cartoonette',
    codeHint: 'Saisissez le numéro (CT-…) ou scannez le QR code.',
    codeMissing: 'Saisissez le numéro de la cartoonette ou scannez son QR code.',
    find: 'Rechercher',
    scan: 'Scanner avec la caméra',
    stopCamera: 'Arrêter la caméra',
    cameraLabel: 'Image de la caméra : présentez le QR code de la cartoonette',
    cameraStarting: 'Ouverture de la caméra…',
    cameraDenied: 'L’accès à la caméra a été refusé : autorisez-le ou saisissez le numéro.',
    cameraMissing: 'Aucune caméra trouvée : saisissez le numéro.',
    cameraUnavailable: 'La caméra n’a pas pu être ouverte : saisissez le numéro.',
    looking: 'Recherche de la cartoonette…',
    voucher: 'Cartoonette',
    number: 'Numéro',
    holder: 'Titulaire',
    placesLeft: (n) => countOf('fr', n, 'place restante', 'places restantes'),
    expiresOn: (places, date) =>
      `${countOf('fr', places, 'place valable', 'places valables')} jusqu’au ${date}`,
    other: 'Autre cartoonette',
    placesLabel: 'Places à débiter (enfants présents)',
    fewer: 'Une place de moins',
    more: 'Une place de plus',
    placesInvalid: 'Indiquez un nombre de places entre 1 et 1000.',
    debit: (n) => `Débiter ${countOf('fr', n, 'place', 'places')}`,
    sending: 'Débit en cours…',
    retry: 'Réessayer le débit',
    noVenue: 'Ce guichet ne connaît pas son cinéma (attribut venue).',
    outcomeTitle: {
      debited: 'Débité',
      insufficient: 'Places insuffisantes',
      expired: 'Places expirées',
      forged: 'Code falsifié',
      unknown: 'Cartoonette inconnue',
      blocked: 'Cartoonette bloquée',
      network: 'Pas de réponse',
      error: 'Erreur',
    },
    debited: (places, left) =>
      `${countOf('fr', places, 'place débitée', 'places débitées')}. Il reste ${countOf('fr', left, 'place', 'places')}.`,
    insufficient: (left) => `Pas assez de places valables : il en reste ${left}. Rien n’a été débité.`,
    expired: 'Les places restantes ont expiré. Rien n’a été débité.',
    forged: 'Ce code n’est pas celui d’une cartoonette valide (falsifié ou abîmé). Rien n’a été débité.',
    unknown: 'Aucune cartoonette ne porte ce numéro.',
    blocked: 'Cette cartoonette est bloquée. Rien n’a été débité.',
    network:
      'Le serveur n’a pas répondu : le débit n’est peut-être pas passé. Réessayez : il ne sera compté qu’une fois.',
    todayCaption: 'Débits de ce guichet aujourd’hui',
    time: 'Heure',
    places: 'Places',
    noDebitsToday: 'Aucun débit à ce guichet aujourd’hui.',
  },
  en: () => import('./voucher-scanner.strings.en.js').then((m) => m.en),
};
