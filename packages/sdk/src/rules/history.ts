import type { Member } from '../schemas/account.js';
import type { Activity } from '../schemas/activity.js';
import type { Cents, IsoMonth } from '../schemas/common.js';
import type { Reservation } from '../schemas/reservation.js';
import type { Consumption, HistoryMonth, Payment, Wallet } from '../schemas/wallet.js';
import { monthOf } from './dates.js';
import { multiplyCents, sumCents } from './money.js';

/**
 * A family's history by month: the consumptions charged (historique des consommations) and the
 * payments received (historique des règlements), each with its total.
 */

/** A consumption before it is stored (the store gives it its id). */
export type ConsumptionLine = Omit<Consumption, 'id'>;

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

// Code-point order for dates and ids: the same on every machine, whatever its locale.
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Total of consumption lines.
 * @example consumptionsTotal([{ ...line, total: 1035 }, { ...line, total: 475 }]) // 1510
 */
export function consumptionsTotal(consumptions: readonly Pick<Consumption, 'total'>[]): Cents {
  return sumCents(consumptions.map((c) => c.total));
}

/**
 * Total of payments.
 * @example paymentsTotal([{ ...payment, amount: 9000 }, { ...payment, amount: 5000 }]) // 14000
 */
export function paymentsTotal(payments: readonly Pick<Payment, 'amount'>[]): Cents {
  return sumCents(payments.map((p) => p.amount));
}

/**
 * Both totals of a month, as `HistoryMonth.totals`.
 * @example monthTotals(consumptions, payments) // { consumptions: 18605, payments: 14000 }
 */
export function monthTotals(
  consumptions: readonly Pick<Consumption, 'total'>[],
  payments: readonly Pick<Payment, 'amount'>[] = [],
): HistoryMonth['totals'] {
  return { consumptions: consumptionsTotal(consumptions), payments: paymentsTotal(payments) };
}

/**
 * Orders consumption lines by date, then member name (French collation), then activity, then id,
 * so that the same history always prints the same way.
 * @example [...lines].sort(compareConsumptions)
 */
export function compareConsumptions(a: Consumption, b: Consumption): number {
  return (
    byCodePoint(a.date, b.date) ||
    collator.compare(a.memberName, b.memberName) ||
    collator.compare(a.activityName, b.activityName) ||
    byCodePoint(a.id, b.id)
  );
}

/**
 * Orders payments by the day received, then the time recorded, then id.
 * @example [...payments].sort(comparePayments)
 */
export function comparePayments(a: Payment, b: Payment): number {
  return (
    byCodePoint(a.receivedOn, b.receivedOn) ||
    Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
    byCodePoint(a.id, b.id)
  );
}

/**
 * One month of history: the consumptions dated in `month` and the payments received in it, sorted,
 * with their totals. Lines of other months are left out, so a caller may pass a wider list.
 * Throws a `RangeError` if `month` is not `YYYY-MM`.
 * @example
 * historyMonth('2012-03', consumptions, payments)
 * // { month: '2012-03', consumptions: [...13 lines], payments: [...], totals: { consumptions: 18605, payments: 5000 } }
 */
export function historyMonth(
  month: IsoMonth,
  consumptions: readonly Consumption[],
  payments: readonly Payment[],
): HistoryMonth {
  // A regex, not IsoMonthSchema: rules stay free of zod, which widgets would otherwise pay for.
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`Not a month: ${month}`);
  const lines = consumptions.filter((c) => monthOf(c.date) === month).sort(compareConsumptions);
  const paid = payments.filter((p) => monthOf(p.receivedOn) === month).sort(comparePayments);
  return { month, consumptions: lines, payments: paid, totals: monthTotals(lines, paid) };
}

/**
 * How a member is named in the history: surname in capitals, then first name ("DUPONT Antoine").
 * @example memberDisplayName({ firstName: 'Antoine', lastName: 'Dupont' }) // 'DUPONT Antoine'
 */
export function memberDisplayName(member: Pick<Member, 'firstName' | 'lastName'>): string {
  return `${member.lastName.toLocaleUpperCase('fr')} ${member.firstName}`;
}

/**
 * The consumption line that charging a reservation writes: the reservation's unit price and
 * quantity (the price when booked, not today's), the member's name, the activity's name, and the
 * account's wallet of the kind the activity bills.
 * Throws a `RangeError` if the reservation is not accepted, or if the member, activity or wallet
 * is not the reservation's. Supplements are not included: a reservation carries their ids, not their prices.
 * @example
 * consumptionFor(reservation, antoine, alsh36Journee, periscolaire)
 * // { walletId: 'w-peri', date: '2012-03-22', memberId, memberName: 'DUPONT Antoine', activityId,
 * //   activityName: 'CDC - ALSH 3-6 Journée', unitPrice: 665, quantity: 2, total: 1330, reservationId }
 */
export function consumptionFor(
  reservation: Reservation,
  member: Member,
  activity: Pick<Activity, 'id' | 'name' | 'walletKindId'>,
  wallet: Pick<Wallet, 'id' | 'accountId' | 'kindId'>,
): ConsumptionLine {
  if (reservation.status !== 'accepted') {
    throw new RangeError(
      `Only an accepted reservation is charged, ${reservation.id} is ${reservation.status}`,
    );
  }
  if (reservation.memberId !== member.id || reservation.activityId !== activity.id) {
    throw new RangeError(
      `Reservation ${reservation.id} is not for member ${member.id} at activity ${activity.id}`,
    );
  }
  if (wallet.accountId !== reservation.accountId || wallet.kindId !== activity.walletKindId) {
    throw new RangeError(`Wallet ${wallet.id} is not the one activity ${activity.id} bills for this account`);
  }
  return {
    walletId: wallet.id,
    date: reservation.date,
    memberId: member.id,
    memberName: memberDisplayName(member),
    activityId: activity.id,
    activityName: activity.name,
    unitPrice: reservation.unitPrice,
    quantity: reservation.quantity,
    total: multiplyCents(reservation.unitPrice, reservation.quantity),
    reservationId: reservation.id,
  };
}
