import type { LineOutcomeKind, RefusalReason } from '@guichet/sdk/schemas';
import type { Catalogue } from '../internal/localize.js';

/** French agrees `0` and `1` with the singular. */
const frPlural = (n: number, one: string, other: string) => (n <= 1 ? one : other);

/** Counts of a booking result, for the sentence the live region reads. */
export interface OutcomeCounts {
  accepted: number;
  waitlisted: number;
  cancelled: number;
  refused: number;
}

/** The words of the recap and of the outcomes of a basket (`recap.ts`, loaded with them). */
export interface RecapStrings {
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
  outcomesTitle: string;
  outcome: Record<Exclude<LineOutcomeKind, 'waitlisted' | 'refused'>, string> & {
    waitlisted: (position: number | undefined) => string;
    refused: (reason: string) => string;
  };
  reason: Record<RefusalReason, string>;
  outcomesSummary: (counts: OutcomeCounts, list: (parts: string[]) => string) => string;
  backToCalendar: string;
}

/** The strings of the recap and outcome views of `<family-calendar>`, French first. */
export const recapStrings: Catalogue<RecapStrings> = {
  fr: {
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
  },
  en: () => import('./recap.strings.en.js').then((m) => m.en),
};
