import type { DayState } from '@guichet/sdk/schemas';
import type { Catalogue } from '../internal/localize.js';

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
  sending: string;
  loading: string;
  loadError: string;
  retry: string;
  /** The recap's code could not be fetched (offline). */
  viewError: string;
  sendError: string;
  sessionExpired: string;
  noClient: string;
  /** Shown when the page has no signed-in family (and no `account`). */
  signedOut: string;
  noMembers: string;
  noActivities: string;
  unknownActivity: string;
}

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
  sending: 'Envoi de vos demandes…',
  loading: 'Chargement du calendrier…',
  loadError: "Le calendrier n'a pas pu être chargé.",
  retry: 'Réessayer',
  viewError: 'Cette étape n’a pas pu être chargée : vérifiez votre connexion.',
  sendError: "Vos demandes n'ont pas pu être envoyées. Elles sont conservées : réessayez.",
  sessionExpired: 'Votre session a expiré. Reconnectez-vous : vos demandes sont conservées.',
  noClient: "Ce calendrier n'est relié à aucun service (attribut api).",
  signedOut: 'Connectez-vous pour voir et réserver les journées de vos enfants.',
  noMembers: "Aucun enfant n'est inscrit sur ce compte.",
  noActivities: "Aucune activité n'est proposée à cet enfant ce mois-ci.",
  unknownActivity: 'Activité inconnue',
};

/** The strings of `<family-calendar>`, French first. */
export const familyCalendarStrings: Catalogue<FamilyCalendarStrings> = {
  fr,
  en: () => import('./family-calendar.strings.en.js').then((m) => m.en),
};
