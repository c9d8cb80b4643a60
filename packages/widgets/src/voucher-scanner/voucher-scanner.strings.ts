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
  en: {
    codeLabel: 'Voucher number',
    codeHint: 'Type the number (CT-…) or scan the QR code.',
    codeMissing: 'Type the voucher number or scan its QR code.',
    find: 'Look up',
    scan: 'Scan with the camera',
    stopCamera: 'Stop the camera',
    cameraLabel: 'Camera image: show the voucher’s QR code',
    cameraStarting: 'Opening the camera…',
    cameraDenied: 'Camera access was refused: allow it or type the number.',
    cameraMissing: 'No camera found: type the number.',
    cameraUnavailable: 'The camera could not be opened: type the number.',
    looking: 'Looking up the voucher…',
    voucher: 'Voucher',
    number: 'Number',
    holder: 'Holder',
    placesLeft: (n) => countOf('en', n, 'place left', 'places left'),
    expiresOn: (places, date) => `${countOf('en', places, 'place', 'places')} valid until ${date}`,
    other: 'Another voucher',
    placesLabel: 'Places to debit (children present)',
    fewer: 'One place fewer',
    more: 'One place more',
    placesInvalid: 'Give a number of places between 1 and 1000.',
    debit: (n) => `Debit ${countOf('en', n, 'place', 'places')}`,
    sending: 'Debiting…',
    retry: 'Retry the debit',
    noVenue: 'This desk does not know its cinema (venue attribute).',
    outcomeTitle: {
      debited: 'Debited',
      insufficient: 'Not enough places',
      expired: 'Places expired',
      forged: 'Forged code',
      unknown: 'Unknown voucher',
      blocked: 'Voucher blocked',
      network: 'No answer',
      error: 'Error',
    },
    debited: (places, left) =>
      `${countOf('en', places, 'place', 'places')} debited. ${countOf('en', left, 'place', 'places')} left.`,
    insufficient: (left) => `Not enough valid places: ${left} left. Nothing was debited.`,
    expired: 'The remaining places have expired. Nothing was debited.',
    forged: 'This code is not a valid voucher (forged or damaged). Nothing was debited.',
    unknown: 'No voucher has this number.',
    blocked: 'This voucher is blocked. Nothing was debited.',
    network:
      'The server did not answer: the debit may not have gone through. Retry: it will count only once.',
    todayCaption: 'Debits at this desk today',
    time: 'Time',
    places: 'Places',
    noDebitsToday: 'No debit at this desk today.',
  },
};
