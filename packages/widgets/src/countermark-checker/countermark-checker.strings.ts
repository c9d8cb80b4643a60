import type { CountermarkStatus } from '@guichet/sdk/schemas';
import type { Catalogue } from '../internal/localize.js';
import { countOf } from '../voucher-card/format.js';

/** Why a countermark cannot be used, as the desk says it. */
export type CountermarkReason =
  | 'reimbursed'
  | 'already_used'
  | 'cancelled'
  | 'too_early'
  | 'not_used'
  | 'cancellation_limit_passed'
  | 'not_found';

export interface CountermarkCheckerStrings {
  label: string;
  hint: string;
  check: string;
  scan: string;
  stopCamera: string;
  cameraLabel: string;
  cameraFailed: string;
  empty: string;
  length: (n: number) => string;
  symbols: (chars: string) => string;
  symbolsPassCulture: (chars: string) => string;
  checking: string;
  booking: string;
  offer: string;
  session: string;
  noDate: string;
  quantity: string;
  places: (n: number, duo: boolean) => string;
  price: string;
  beneficiary: string;
  venue: string;
  status: string;
  statuses: Record<CountermarkStatus, string>;
  usedAt: (at: string) => string;
  source: string;
  validate: string;
  keep: string;
  cancel: string;
  confirmCancel: string;
  confirmYes: string;
  confirmNo: string;
  reasons: Record<CountermarkReason, string>;
  validated: string;
  kept: string;
  cancelled: string;
  failed: string;
  noVenue: string;
}

export const countermarkCheckerStrings: Catalogue<CountermarkCheckerStrings> = {
  fr: {
    label: 'Contremarque',
    hint: '6 caractères, majuscules ou minuscules, espaces et tirets acceptés ; ou scannez le QR code.',
    check: 'Vérifier',
    scan: 'Scanner',
    stopCamera: 'Arrêter la caméra',
    cameraLabel: 'Image de la caméra : présentez le QR code de la réservation',
    cameraFailed: 'La caméra n’a pas pu être ouverte : saisissez la contremarque.',
    empty: 'Saisissez les 6 caractères de la contremarque.',
    length: (n) => `Une contremarque a 6 caractères : vous en avez saisi ${n}.`,
    symbols: (chars) =>
      `Caractères impossibles dans une contremarque : ${chars}. Il n’y a jamais de 0, O, 1, I, 8 ni 9.`,
    symbolsPassCulture: (chars) =>
      `Caractères impossibles dans une contremarque : ${chars}. Lettres et chiffres seulement.`,
    checking: 'Vérification…',
    booking: 'Réservation',
    offer: 'Offre',
    session: 'Séance',
    noDate: 'Date non communiquée',
    quantity: 'Places',
    places: (n, duo) =>
      duo ? `${countOf('fr', n, 'place', 'places')} (duo)` : countOf('fr', n, 'place', 'places'),
    price: 'Prix',
    beneficiary: 'Bénéficiaire',
    venue: 'Lieu',
    status: 'État',
    statuses: { confirmed: 'Réservée', used: 'Validée', cancelled: 'Annulée', reimbursed: 'Remboursée' },
    usedAt: (at) => `Validée le ${at}`,
    source: 'pass Culture',
    validate: 'Valider',
    keep: 'Annuler la validation',
    cancel: 'Annuler la réservation',
    confirmCancel: 'Annuler cette réservation ? La place est rendue, le bénéficiaire est remboursé.',
    confirmYes: 'Oui, annuler la réservation',
    confirmNo: 'Non',
    reasons: {
      reimbursed: 'Cette réservation a déjà été remboursée.',
      already_used: 'Cette contremarque a déjà été validée.',
      cancelled: 'Cette réservation a été annulée.',
      too_early: 'Il est trop tôt pour valider cette contremarque.',
      not_used: 'Cette contremarque n’a pas été validée.',
      cancellation_limit_passed: 'Cette réservation ne peut plus être annulée.',
      not_found: 'Contremarque introuvable pour ce lieu.',
    },
    validated: 'Contremarque validée.',
    kept: 'Validation annulée : la réservation est de nouveau à valider.',
    cancelled: 'Réservation annulée.',
    failed: 'La vérification a échoué.',
    noVenue: 'Ce guichet ne peut pas joindre le serveur.',
  },
  en: () => import('./countermark-checker.strings.en.js').then((m) => m.en),
};
