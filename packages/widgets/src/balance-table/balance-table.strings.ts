import type { Catalogue } from '../internal/localize.js';

export interface BalanceTableStrings {
  caption: string;
  until: string;
  wallet: string;
  balance: string;
  estimatedCost: string;
  newBalance: string;
  amountToPay: string;
  totals: string;
  credit: string;
  reservations: string;
  estimatedBalance: string;
  pay: string;
  payCaption: string;
  payHelp: string;
  amountFor: (wallet: string) => string;
  totalPayment: string;
  email: string;
  payCard: string;
  cancel: string;
  amountInvalid: string;
  amountBelowDue: (minimum: string) => string;
  nothingToPay: string;
  emailInvalid: string;
  started: (total: string) => string;
  loading: string;
  empty: string;
  failed: string;
  retry: string;
  /** The payment form's code could not be fetched (offline). */
  formFailed: string;
  signedOut: string;
}

export const balanceStrings: Catalogue<BalanceTableStrings> = {
  fr: {
    caption: 'Soldes et paiements',
    until: 'Calculez vos réservations jusqu’au',
    wallet: 'Porte-monnaie',
    balance: 'Solde',
    estimatedCost: 'Coût estimé',
    newBalance: 'Nouveau solde',
    amountToPay: 'Montant à payer',
    totals: 'Totaux',
    credit: 'Votre crédit',
    reservations: 'Montant des réservations',
    estimatedBalance: 'Solde estimé',
    pay: 'Payer',
    payCaption: 'Paiement',
    payHelp:
      'Le montant à payer est ce que vous devez ; vous pouvez l’augmenter pour que votre compte reste créditeur.',
    amountFor: (wallet) => `Montant à payer, ${wallet}`,
    totalPayment: 'TOTAL Paiement',
    email: 'Email',
    payCard: 'Paiement CB',
    cancel: 'Annuler',
    amountInvalid: 'Montant invalide : saisissez par exemple 79,00.',
    amountBelowDue: (minimum) => `Le montant ne peut pas être inférieur à ${minimum}.`,
    nothingToPay: 'Saisissez un montant à payer.',
    emailInvalid: 'Saisissez une adresse mail valide : la confirmation du paiement y sera envoyée.',
    started: (total) => `Paiement de ${total} en préparation.`,
    loading: 'Chargement des soldes…',
    empty: 'Aucun porte-monnaie pour ce compte.',
    failed: 'Les soldes n’ont pas pu être chargés.',
    retry: 'Réessayer',
    formFailed: 'Le formulaire de paiement n’a pas pu être chargé : vérifiez votre connexion.',
    signedOut: 'Connectez-vous pour voir vos soldes.',
  },
  en: () => import('./balance-table.strings.en.js').then((m) => m.en),
};
