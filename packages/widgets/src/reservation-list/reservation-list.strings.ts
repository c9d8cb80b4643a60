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
  en: {
    filters: 'Filter the reservations',
    from: 'From',
    to: 'To',
    status: 'Status',
    allStatuses: 'All',
    show: 'Show',
    print: 'Print',
    caption: 'Reservations',
    captionPeriod: (from, to) => `Reservations from ${from} to ${to}`,
    captionFrom: (from) => `Reservations from ${from}`,
    captionTo: (to) => `Reservations until ${to}`,
    date: 'Date',
    member: 'Attendee',
    activity: 'Activity',
    state: 'Status',
    statuses: {
      accepted: 'Accepted',
      waitlisted: 'On the waiting list',
      cancelled: 'Cancelled',
      refused: 'Refused',
    },
    waitlistedAt: (position) => `On the waiting list, position ${position}`,
    refusedBecause: (reason) => `Refused: ${reason}`,
    reasons: {
      closed: 'day not open for booking',
      deadline_passed: 'modification deadline passed',
      full: 'activity full',
      not_eligible: 'activity not open to this child',
      same_day_conflict: 'another booking the same day',
      account_in_debit: 'family account in debit',
      already_booked: 'day already booked',
      not_booked: 'no booking to cancel',
    },
    unknownMember: 'Unknown attendee',
    unknownActivity: 'Unknown activity',
    count: (n) => (n === 1 ? '1 reservation' : `${n} reservations`),
    empty: 'No reservation for this period.',
    periodInvalid: 'The end date must follow the start date.',
    loading: 'Loading reservations…',
    failed: 'The reservations could not be loaded.',
    retry: 'Try again',
    signedOut: 'Sign in to see your reservations.',
  },
};
