import type { RefusalReason, ReservationStatus } from '@guichet/sdk/schemas';
import type { Catalogue } from '../internal/localize.js';

export interface ReservationListStrings {
  filters: string;
  from: string;
  to: string;
  status: string;
  allStatuses: string;
  show: string;
  print: string;
  caption: string;
  captionPeriod: (from: string, to: string) => string;
  captionFrom: (from: string) => string;
  captionTo: (to: string) => string;
  date: string;
  member: string;
  activity: string;
  state: string;
  statuses: Record<ReservationStatus, string>;
  waitlistedAt: (position: number) => string;
  refusedBecause: (reason: string) => string;
  reasons: Record<RefusalReason, string>;
  unknownMember: string;
  unknownActivity: string;
  count: (n: number) => string;
  empty: string;
  periodInvalid: string;
  loading: string;
  failed: string;
  retry: string;
  signedOut: string;
}

export const reservationStrings: Catalogue<ReservationListStrings> = {
  fr: {
    filters: 'Filtrer le suivi',
    from: 'Du',
    to: 'Au',
    status: 'État',
    allStatuses: 'Tous',
    show: 'Afficher',
    print: 'Imprimer',
    caption: 'Suivi des réservations',
    captionPeriod: (from, to) => `Suivi des réservations du ${from} au ${to}`,
    captionFrom: (from) => `Suivi des réservations à partir du ${from}`,
    captionTo: (to) => `Suivi des réservations jusqu’au ${to}`,
    date: 'Date',
    member: 'Consommateur',
    activity: 'Activité',
    state: 'État',
    statuses: {
      accepted: 'Acceptée',
      waitlisted: 'En liste d’attente',
      cancelled: 'Annulée',
      refused: 'Refusée',
    },
    waitlistedAt: (position) => `En liste d’attente, position ${position}`,
    refusedBecause: (reason) => `Refusée : ${reason}`,
    reasons: {
      closed: 'jour non ouvert à la réservation',
      deadline_passed: 'délai de modification dépassé',
      full: 'activité complète',
      not_eligible: 'activité non accessible à cet enfant',
      same_day_conflict: 'autre réservation le même jour',
      account_in_debit: 'compte famille débiteur',
      already_booked: 'jour déjà réservé',
      not_booked: 'aucune réservation à annuler',
    },
    unknownMember: 'Consommateur inconnu',
    unknownActivity: 'Activité inconnue',
    count: (n) => (n <= 1 ? `${n} réservation` : `${n} réservations`),
    empty: 'Aucune réservation pour cette période.',
    periodInvalid: 'La date de fin doit suivre la date de début.',
    loading: 'Chargement du suivi…',
    failed: 'Le suivi n’a pas pu être chargé.',
    retry: 'Réessayer',
    signedOut: 'Connectez-vous pour voir vos réservations.',
  },
  en: () => import('./reservation-list.strings.en.js').then((m) => m.en),
};
