import type { VoucherOrder } from '@guichet/sdk/schemas';
import type { Catalogue } from '../internal/localize.js';
import { countOf } from '../voucher-card/format.js';

export interface VoucherBalanceStrings {
  heading: string;
  placesLeft: (n: number) => string;
  expiringSoon: (places: number, date: string) => string;
  updated: (n: number) => string;
  lotsCaption: string;
  loadedOn: string;
  loaded: string;
  remaining: string;
  lastValidDay: string;
  lotState: string;
  lotExpired: string;
  lotSoon: string;
  lotValid: string;
  lotEmpty: string;
  noLots: string;
  debitsCaption: string;
  date: string;
  cinema: string;
  places: string;
  reversal: (reason: string) => string;
  noDebits: string;
  ordersCaption: string;
  orderedOn: string;
  firstSession: string;
  status: string;
  reference: string;
  orderStatus: Record<VoucherOrder['status'], string>;
  noOrders: string;
  loading: string;
  refreshing: string;
  failed: string;
  retry: string;
  signedOut: string;
}

export const voucherBalanceStrings: Catalogue<VoucherBalanceStrings> = {
  fr: {
    heading: 'Solde de la cartoonette',
    placesLeft: (n) => countOf('fr', n, 'place restante', 'places restantes'),
    expiringSoon: (places, date) =>
      `Attention : ${countOf('fr', places, 'place expire', 'places expirent')} d’ici 30 jours (dès le ${date}). Utilisez-les en premier.`,
    updated: (n) => `Solde mis à jour : ${countOf('fr', n, 'place restante', 'places restantes')}.`,
    lotsCaption: 'Places par chargement',
    loadedOn: 'Chargé le',
    loaded: 'Places chargées',
    remaining: 'Restantes',
    lastValidDay: 'Valables jusqu’au',
    lotState: 'État',
    lotExpired: 'Expiré',
    lotSoon: 'Expire bientôt',
    lotValid: 'Valable',
    lotEmpty: 'Épuisé',
    noLots: 'Aucune place chargée pour l’instant.',
    debitsCaption: 'Places utilisées',
    date: 'Date',
    cinema: 'Cinéma',
    places: 'Places',
    reversal: (reason) => `Annulation du débit : ${reason}`,
    noDebits: 'Aucune place utilisée pour l’instant.',
    ordersCaption: 'Commandes',
    orderedOn: 'Commandée le',
    firstSession: 'Première séance',
    status: 'État',
    reference: 'Bon administratif',
    orderStatus: { requested: 'Demandée', paid: 'Réglée', loaded: 'Chargée', cancelled: 'Annulée' },
    noOrders: 'Aucune commande.',
    loading: 'Chargement du solde…',
    refreshing: 'Mise à jour…',
    failed: 'Le solde n’a pas pu être chargé.',
    retry: 'Réessayer',
    signedOut: 'Connectez-vous pour voir le solde de votre cartoonette.',
  },
  en: () => import('./voucher-balance.strings.en.js').then((m) => m.en),
};
