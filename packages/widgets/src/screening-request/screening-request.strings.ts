import type { ScreeningPayment, ScreeningStatus } from '@guichet/sdk/schemas';
import type { Catalogue } from '../internal/localize.js';
import { countOf } from '../voucher-card/format.js';

export interface ScreeningRequestStrings {
  formTitle: string;
  venue: string;
  chooseVenue: string;
  session: string;
  sessionHint: string;
  date: string;
  time: string;
  children: string;
  adults: string;
  payment: string;
  payments: Record<ScreeningPayment, string>;
  note: string;
  send: string;
  sending: string;
  sent: (date: string) => string;
  required: string;
  datePast: string;
  childrenInvalid: string;
  adultsInvalid: string;
  retryNetwork: string;
  listCaption: string;
  when: string;
  film: string;
  group: string;
  groupOf: (children: number, adults: number) => string;
  status: string;
  statuses: Record<ScreeningStatus, string>;
  answer: string;
  noRequests: string;
  incomingCaption: string;
  centre: string;
  noIncoming: string;
  message: string;
  messageFor: (centre: string) => string;
  confirm: string;
  decline: string;
  decided: (centre: string, status: string) => string;
  todayCaption: (date: string) => string;
  noGroupsToday: string;
  loading: string;
  failed: string;
  retry: string;
  signedOut: string;
}

export const screeningRequestStrings: Catalogue<ScreeningRequestStrings> = {
  fr: {
    formTitle: 'Demander une séance pour un groupe',
    venue: 'Cinéma',
    chooseVenue: 'Choisissez un cinéma',
    session: 'Film ou séance',
    sessionHint: 'Le titre du film, et la séance si vous la connaissez.',
    date: 'Date',
    time: 'Heure (facultatif)',
    children: 'Enfants',
    adults: 'Accompagnateurs',
    payment: 'Règlement',
    payments: { voucher: 'Avec la cartoonette', on_site: 'Sur place, par carte bancaire' },
    note: 'Message au cinéma (facultatif)',
    send: 'Envoyer la demande',
    sending: 'Envoi…',
    sent: (date) => `Demande envoyée pour le ${date}. Le cinéma vous répondra ici.`,
    required: 'Ce champ est obligatoire.',
    datePast: 'Choisissez une date à venir.',
    childrenInvalid: 'Indiquez entre 1 et 500 enfants.',
    adultsInvalid: 'Indiquez entre 0 et 200 accompagnateurs.',
    retryNetwork: 'Le serveur n’a pas répondu. Renvoyez la demande : elle ne sera enregistrée qu’une fois.',
    listCaption: 'Vos demandes de séance',
    when: 'Date',
    film: 'Film',
    group: 'Groupe',
    groupOf: (children, adults) =>
      `${countOf('fr', children, 'enfant', 'enfants')}, ${countOf('fr', adults, 'adulte', 'adultes')}`,
    status: 'État',
    statuses: { requested: 'En attente', confirmed: 'Confirmée', declined: 'Refusée' },
    answer: 'Réponse du cinéma',
    noRequests: 'Aucune demande de séance pour l’instant.',
    incomingCaption: 'Demandes à traiter',
    centre: 'Centre',
    noIncoming: 'Aucune demande en attente.',
    message: 'Message',
    messageFor: (centre) => `Message au centre ${centre}`,
    confirm: 'Confirmer',
    decline: 'Refuser',
    decided: (centre, status) => `Demande de ${centre} : ${status}.`,
    todayCaption: (date) => `Groupes confirmés du ${date}`,
    noGroupsToday: 'Aucun groupe confirmé aujourd’hui.',
    loading: 'Chargement des demandes…',
    failed: 'Les demandes n’ont pas pu être chargées.',
    retry: 'Réessayer',
    signedOut: 'Connectez-vous pour voir les demandes de séance.',
  },
  en: () => import('./screening-request.strings.en.js').then((m) => m.en),
};
