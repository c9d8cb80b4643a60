import type { PaymentMode } from '@guichet/sdk/schemas';
import type { Catalogue } from '../internal/localize.js';

export interface HistoryTableStrings {
  views: string;
  consumptions: string;
  payments: string;
  captionConsumptions: (month: string) => string;
  captionPayments: (month: string) => string;
  previous: string;
  next: string;
  date: string;
  member: string;
  activity: string;
  price: string;
  quantity: string;
  total: string;
  receivedOn: string;
  mode: string;
  piece: string;
  payer: string;
  bank: string;
  amount: string;
  totalRow: string;
  modes: Record<PaymentMode, string>;
  print: string;
  emptyConsumptions: (month: string) => string;
  emptyPayments: (month: string) => string;
  loading: string;
  failed: string;
  retry: string;
  signedOut: string;
}

export const historyStrings: Catalogue<HistoryTableStrings> = {
  fr: {
    views: 'Historique affiché',
    consumptions: 'Consommations',
    payments: 'Règlements',
    captionConsumptions: (month) => `Historique des consommations, ${month}`,
    captionPayments: (month) => `Historique des règlements, ${month}`,
    previous: 'Mois précédent',
    next: 'Mois suivant',
    date: 'Date',
    member: 'Consommateur',
    activity: 'Activité',
    price: 'Prix',
    quantity: 'Qté',
    total: 'Total',
    receivedOn: 'Date reçu',
    mode: 'Mode de règlement',
    piece: 'N° pièce',
    payer: 'Nom payeur',
    bank: 'Nom banque',
    amount: 'Montant',
    totalRow: 'TOTAL',
    modes: { CH: 'Chèque', ESP: 'Espèces', CB: 'Carte bancaire', VIR: 'Virement' },
    print: 'Imprimer',
    emptyConsumptions: (month) => `Aucune consommation en ${month}.`,
    emptyPayments: (month) => `Aucun règlement en ${month}.`,
    loading: 'Chargement de l’historique…',
    failed: 'L’historique n’a pas pu être chargé.',
    retry: 'Réessayer',
    signedOut: 'Connectez-vous pour voir votre historique.',
  },
  en: () => import('./history-table.strings.en.js').then((m) => m.en),
};
