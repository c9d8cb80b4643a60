import type { DayState, LineOutcomeKind, RefusalReason } from '@guichet/sdk/schemas';
import type { Catalogue } from '../internal/localize.js';

/** Counts of a booking result, for the sentence the live region reads. */
export interface OutcomeCounts {
  accepted: number;
  waitlisted: number;
  cancelled: number;
  refused: number;
}

/** Every sentence `<family-calendar>` shows or announces. Values that word data are functions. */
export interface FamilyCalendarStrings {
  child: string;
  activity: string;
  allActivities: string;
  /** Activity price: unit price and quantity billed per day (a "Journée" counts 2 units). */
  price: (unitPrice: string, quantity: number, total: string) => string;
  times: (start: string, end: string) => string;
  previousMonth: string;
  nextMonth: string;
  legend: string;
  /** A day state in words, as read after the date ("complet, liste d'attente ouverte"). */
  state: Record<Exclude<DayState, 'waitlisted'>, string> & {
    waitlisted: (position: number | null) => string;
  };
  /** Short visible name of a state in the legend and the day panel. */
  stateShort: Record<DayState, string>;
  pendingAdd: string;
  pendingRemove: string;
  unavailable: string;
  loadingDay: string;
  /** A day button's label: its date and the state in words. */
  dayLabel: (date: string, state: string) => string;
  /** One activity of a day among several, inside a day's label. */
  activityState: (activity: string, state: string) => string;
  severalActivities: (count: number, list: string) => string;
  chooserTitle: (date: string) => string;
  book: string;
  cancelBooking: string;
  leaveWaitlist: string;
  undo: string;
  close: string;
  supplements: string;
  bookedSupplements: (list: string) => string;
  placesLeft: (n: number) => string;
  readOnly: string;
  pay: string;
  basket: string;
  basketEmpty: string;
  basketSummary: (additions: number, cancellations: number) => string;
  basketTotal: (amount: string) => string;
  changeAdd: string;
  changeRemove: string;
  removeFromBasket: (what: string) => string;
  validate: string;
  back: string;
  abandon: string;
  recapTitle: string;
  recapAdditions: string;
  recapCancellations: string;
  noAdditions: string;
  noCancellations: string;
  col: {
    date: string;
    child: string;
    activity: string;
    arrival: string;
    departure: string;
    unitPrice: string;
    quantity: string;
    total: string;
    result: string;
  };
  totalAdditions: string;
  totalCancellations: string;
  net: string;
  sending: string;
  outcomesTitle: string;
  outcome: Record<Exclude<LineOutcomeKind, 'waitlisted' | 'refused'>, string> & {
    waitlisted: (position: number | undefined) => string;
    refused: (reason: string) => string;
  };
  reason: Record<RefusalReason, string>;
  outcomesSummary: (counts: OutcomeCounts, list: (parts: string[]) => string) => string;
  backToCalendar: string;
  loading: string;
  loadError: string;
  retry: string;
  sendError: string;
  sessionExpired: string;
  noClient: string;
  noMembers: string;
  noActivities: string;
  unknownActivity: string;
}

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);
const frPlural = (n: number, one: string, other: string) => (n <= 1 ? one : other);

const fr: FamilyCalendarStrings = {
  child: 'Enfant',
  activity: 'Activité',
  allActivities: 'Toutes les activités',
  price: (unitPrice, quantity, total) =>
    quantity === 1
      ? `Tarif : ${unitPrice} par jour`
      : `Tarif : ${quantity} × ${unitPrice}, soit ${total} par jour`,
  times: (start, end) => `de ${start} à ${end}`,
  previousMonth: 'Mois précédent',
  nextMonth: 'Mois suivant',
  legend: 'Code couleur',
  state: {
    closed: 'non ouvert à la réservation',
    open: 'ouvert à la réservation',
    booked: 'réservé, modifiable',
    locked: 'réservé, plus modifiable',
    waitlist: "complet, liste d'attente ouverte",
    full: "complet, liste d'attente complète",
    waitlisted: (position) =>
      position === null ? "en liste d'attente" : `en liste d'attente, position ${position}`,
  },
  stateShort: {
    closed: 'Fermé',
    open: 'Ouvert',
    booked: 'Réservé',
    locked: 'Réservé, non modifiable',
    waitlist: "Complet, liste d'attente possible",
    full: 'Complet',
    waitlisted: "En liste d'attente",
  },
  pendingAdd: 'réservation demandée',
  pendingRemove: 'annulation demandée',
  unavailable: 'indisponible',
  loadingDay: 'chargement',
  dayLabel: (date, state) => `${date}, ${state}`,
  activityState: (activity, state) => `${activity} : ${state}`,
  severalActivities: (count, list) => `${count} activités. ${list}`,
  chooserTitle: (date) => `Activités du ${date}`,
  book: 'Réserver',
  cancelBooking: 'Annuler la réservation',
  leaveWaitlist: "Quitter la liste d'attente",
  undo: 'Annuler la demande',
  close: 'Fermer',
  supplements: 'Suppléments',
  bookedSupplements: (list) => `Suppléments réservés : ${list}`,
  placesLeft: (n) => frPlural(n, `${n} place restante`, `${n} places restantes`),
  readOnly:
    'Votre compte est débiteur : vous pouvez consulter le calendrier, mais pas envoyer de demande avant de régler le solde.',
  pay: 'Payer',
  basket: 'Vos demandes',
  basketEmpty: 'Aucune demande : choisissez des jours dans le calendrier.',
  basketSummary: (additions, cancellations) =>
    `${frPlural(additions, `${additions} réservation`, `${additions} réservations`)}, ${frPlural(cancellations, `${cancellations} annulation`, `${cancellations} annulations`)}`,
  basketTotal: (amount) => `Coût estimé : ${amount}`,
  changeAdd: 'réservation',
  changeRemove: 'annulation',
  removeFromBasket: (what) => `Retirer ${what}`,
  validate: 'Valider',
  back: 'Retour',
  abandon: 'Abandonner',
  recapTitle: 'Récapitulatif de vos demandes',
  recapAdditions: 'Récapitulatif des réservations',
  recapCancellations: 'Récapitulatif des annulations',
  noAdditions: 'Aucune nouvelle réservation.',
  noCancellations: 'Aucune annulation.',
  col: {
    date: 'Date',
    child: 'Enfant',
    activity: 'Activité',
    arrival: 'Arrivée',
    departure: 'Départ',
    unitPrice: 'Prix',
    quantity: 'Qté',
    total: 'Total',
    result: 'Résultat',
  },
  totalAdditions: 'Total des réservations',
  totalCancellations: 'Total des annulations',
  net: 'Solde de vos demandes',
  sending: 'Envoi de vos demandes…',
  outcomesTitle: 'Résultat de vos demandes',
  outcome: {
    accepted: 'Réservation acceptée',
    cancelled: 'Réservation annulée',
    waitlisted: (position) =>
      position === undefined ? "Mise en liste d'attente" : `Mise en liste d'attente, position ${position}`,
    refused: (reason) => `Refusée : ${reason}`,
  },
  reason: {
    closed: "ce jour n'est pas ouvert à la réservation",
    deadline_passed: 'le délai de modification est dépassé',
    full: "l'activité et sa liste d'attente sont complètes",
    not_eligible: "l'enfant n'a pas l'âge requis pour cette activité",
    same_day_conflict: 'une autre activité est déjà réservée ce jour-là',
    account_in_debit: 'le compte est débiteur',
    already_booked: 'ce jour est déjà réservé',
    not_booked: "il n'y a pas de réservation à annuler",
  },
  outcomesSummary: (c, list) => {
    const parts = [
      c.accepted && frPlural(c.accepted, `${c.accepted} acceptée`, `${c.accepted} acceptées`),
      c.cancelled && frPlural(c.cancelled, `${c.cancelled} annulée`, `${c.cancelled} annulées`),
      c.waitlisted && `${c.waitlisted} en liste d'attente`,
      c.refused && frPlural(c.refused, `${c.refused} refusée`, `${c.refused} refusées`),
    ].filter((p): p is string => typeof p === 'string');
    return `Demandes traitées : ${list(parts)}.`;
  },
  backToCalendar: 'Retour au calendrier',
  loading: 'Chargement du calendrier…',
  loadError: "Le calendrier n'a pas pu être chargé.",
  retry: 'Réessayer',
  sendError: "Vos demandes n'ont pas pu être envoyées. Elles sont conservées : réessayez.",
  sessionExpired: 'Votre session a expiré. Reconnectez-vous : vos demandes sont conservées.',
  noClient: "Ce calendrier n'est relié à aucun service (attribut api).",
  noMembers: "Aucun enfant n'est inscrit sur ce compte.",
  noActivities: "Aucune activité n'est proposée à cet enfant ce mois-ci.",
  unknownActivity: 'Activité inconnue',
};

const en: FamilyCalendarStrings = {
  child: 'Child',
  activity: 'Activity',
  allActivities: 'All activities',
  price: (unitPrice, quantity, total) =>
    quantity === 1 ? `Price: ${unitPrice} a day` : `Price: ${quantity} × ${unitPrice}, ${total} a day`,
  times: (start, end) => `from ${start} to ${end}`,
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  legend: 'Colour code',
  state: {
    closed: 'not open for booking',
    open: 'open for booking',
    booked: 'booked, can be changed',
    locked: 'booked, can no longer be changed',
    waitlist: 'full, waiting list open',
    full: 'full, waiting list full',
    waitlisted: (position) =>
      position === null ? 'on the waiting list' : `on the waiting list, position ${position}`,
  },
  stateShort: {
    closed: 'Closed',
    open: 'Open',
    booked: 'Booked',
    locked: 'Booked, locked',
    waitlist: 'Full, waiting list open',
    full: 'Full',
    waitlisted: 'On the waiting list',
  },
  pendingAdd: 'booking requested',
  pendingRemove: 'cancellation requested',
  unavailable: 'unavailable',
  loadingDay: 'loading',
  dayLabel: (date, state) => `${date}, ${state}`,
  activityState: (activity, state) => `${activity}: ${state}`,
  severalActivities: (count, list) => `${count} activities. ${list}`,
  chooserTitle: (date) => `Activities on ${date}`,
  book: 'Book',
  cancelBooking: 'Cancel the booking',
  leaveWaitlist: 'Leave the waiting list',
  undo: 'Undo the request',
  close: 'Close',
  supplements: 'Extras',
  bookedSupplements: (list) => `Extras booked: ${list}`,
  placesLeft: (n) => plural(n, `${n} place left`, `${n} places left`),
  readOnly:
    'Your account is in debit: you can look at the calendar, but not send requests until the balance is paid.',
  pay: 'Pay',
  basket: 'Your requests',
  basketEmpty: 'No requests yet: pick days in the calendar.',
  basketSummary: (additions, cancellations) =>
    `${plural(additions, `${additions} booking`, `${additions} bookings`)}, ${plural(cancellations, `${cancellations} cancellation`, `${cancellations} cancellations`)}`,
  basketTotal: (amount) => `Estimated cost: ${amount}`,
  changeAdd: 'booking',
  changeRemove: 'cancellation',
  removeFromBasket: (what) => `Remove ${what}`,
  validate: 'Confirm',
  back: 'Back',
  abandon: 'Discard',
  recapTitle: 'Summary of your requests',
  recapAdditions: 'New bookings',
  recapCancellations: 'Cancellations',
  noAdditions: 'No new bookings.',
  noCancellations: 'No cancellations.',
  col: {
    date: 'Date',
    child: 'Child',
    activity: 'Activity',
    arrival: 'Arrival',
    departure: 'Departure',
    unitPrice: 'Price',
    quantity: 'Qty',
    total: 'Total',
    result: 'Result',
  },
  totalAdditions: 'Total of bookings',
  totalCancellations: 'Total of cancellations',
  net: 'Net of your requests',
  sending: 'Sending your requests…',
  outcomesTitle: 'Result of your requests',
  outcome: {
    accepted: 'Booking accepted',
    cancelled: 'Booking cancelled',
    waitlisted: (position) =>
      position === undefined ? 'Put on the waiting list' : `Put on the waiting list, position ${position}`,
    refused: (reason) => `Refused: ${reason}`,
  },
  reason: {
    closed: 'this day is not open for booking',
    deadline_passed: 'the deadline for changes has passed',
    full: 'the activity and its waiting list are full',
    not_eligible: 'the child is not of the required age for this activity',
    same_day_conflict: 'another activity is already booked that day',
    account_in_debit: 'the account is in debit',
    already_booked: 'this day is already booked',
    not_booked: 'there is no booking to cancel',
  },
  outcomesSummary: (c, list) => {
    const parts = [
      c.accepted && `${c.accepted} accepted`,
      c.cancelled && `${c.cancelled} cancelled`,
      c.waitlisted && `${c.waitlisted} on the waiting list`,
      c.refused && `${c.refused} refused`,
    ].filter((p): p is string => typeof p === 'string');
    return `Requests processed: ${list(parts)}.`;
  },
  backToCalendar: 'Back to the calendar',
  loading: 'Loading the calendar…',
  loadError: 'The calendar could not be loaded.',
  retry: 'Try again',
  sendError: 'Your requests could not be sent. They are kept: try again.',
  sessionExpired: 'Your session has expired. Sign in again: your requests are kept.',
  noClient: 'This calendar is not connected to a service (api attribute).',
  noMembers: 'No child is registered on this account.',
  noActivities: 'No activity is offered to this child this month.',
  unknownActivity: 'Unknown activity',
};

/** The strings of `<family-calendar>`, French first. */
export const familyCalendarStrings: Catalogue<FamilyCalendarStrings> = { fr, en };
