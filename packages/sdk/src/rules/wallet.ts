import type { Cents, Id, Instant, IsoDate } from '../schemas/common.js';
import type { ReservationStatus } from '../schemas/reservation.js';
import type { Wallet, WalletEstimate } from '../schemas/wallet.js';
import { parseIsoDate } from './dates.js';
import { assertCents, multiplyCents, sumCents } from './money.js';

/**
 * Wallets (porte-monnaie) and what a family owes on them: the seeds' "Soldes et paiements" table.
 * Estimated cost until D = price of the accepted reservations not yet charged, dated on or before D.
 * New balance = balance - estimated cost. Amount due = max(0, -new balance).
 */

/** What the estimate needs of a reservation (a `Reservation` fits, plus the price of its supplements). */
export interface CostedReservation {
  walletId: Id;
  date: IsoDate;
  status: ReservationStatus;
  chargedAt: Instant | null;
  unitPrice: Cents;
  quantity: number;
  /** Price of the supplements booked on that day (piscine, sortie), if any. */
  supplementsTotal?: Cents | undefined;
}

/** The line under the seeds' table: "Votre crédit / Montant des réservations / Solde estimé". */
export interface WalletTotals {
  /** Sum of the balances ("Votre crédit"). */
  credit: Cents;
  /** Sum of the estimated costs ("Montant des réservations"). */
  reservations: Cents;
  /** Sum of the new balances ("Solde estimé"). */
  estimatedBalance: Cents;
  /** Sum of each wallet's amount due ("TOTAL Paiement"). */
  amountDue: Cents;
}

/**
 * Balance of a wallet: the sum of its ledger (consumptions negative, payments positive).
 * @example balanceOf([{ amount: 9000 }, { amount: -1035 }]) // 7965
 */
export function balanceOf(entries: readonly { amount: Cents }[]): Cents {
  return sumCents(entries.map((e) => e.amount));
}

/**
 * Price of one reservation: unit price × quantity, plus its supplements.
 * @example reservationCost({ walletId: 'w1', date: '2026-04-22', status: 'accepted', chargedAt: null,
 *   unitPrice: 665, quantity: 2 }) // 1330
 */
export function reservationCost(reservation: CostedReservation): Cents {
  return sumCents([
    multiplyCents(reservation.unitPrice, reservation.quantity),
    reservation.supplementsTotal ?? 0,
  ]);
}

/**
 * Whether a reservation counts in the estimate until `until`: accepted, not yet charged, dated on
 * or before `until`. Waiting, cancelled and refused reservations cost nothing.
 * @example isPendingCharge({ walletId: 'w1', date: '2026-04-22', status: 'accepted', chargedAt: null,
 *   unitPrice: 475, quantity: 1 }, '2026-04-30') // true
 */
export function isPendingCharge(reservation: CostedReservation, until: IsoDate): boolean {
  // Plain dates compare as strings.
  return reservation.status === 'accepted' && reservation.chargedAt === null && reservation.date <= until;
}

/**
 * A wallet seen until a date: its estimated cost, new balance and amount due. Reservations of other
 * wallets are ignored, so a caller may pass all of an account's reservations.
 * @example
 * // Seed 004: balance -46,05 €, 33,25 € of reservations to come.
 * estimateWallet({ id: 'w1', accountId: 'a1', kindId: 'k1', name: 'CDC PE2M - APS ET CLSH', balance: -4605 },
 *   [{ walletId: 'w1', date: '2026-04-22', status: 'accepted', chargedAt: null, unitPrice: 3325, quantity: 1 }],
 *   '2026-04-30')
 * // { wallet, until: '2026-04-30', estimatedCost: 3325, newBalance: -7930, amountDue: 7930 }
 */
export function estimateWallet(
  wallet: Wallet,
  reservations: readonly CostedReservation[],
  until: IsoDate,
): WalletEstimate {
  parseIsoDate(until); // throws on a malformed date, which would compare wrongly
  const estimatedCost = sumCents(
    reservations.filter((r) => r.walletId === wallet.id && isPendingCharge(r, until)).map(reservationCost),
  );
  const newBalance = assertCents(wallet.balance, 'balance') - estimatedCost;
  // `|| 0` keeps 0 rather than -0 when the wallet is exactly at zero.
  return { wallet, until, estimatedCost, newBalance, amountDue: Math.max(0, -newBalance) || 0 };
}

/**
 * Every wallet of an account seen until a date, with the totals shown under the table.
 * The amount due is summed wallet by wallet: a credit on one wallet does not pay another.
 * @example
 * const { estimates, totals } = estimateWallets(wallets, reservations, '2026-04-30');
 * totals // { credit: -4605, reservations: 3325, estimatedBalance: -7930, amountDue: 7930 }
 */
export function estimateWallets(
  wallets: readonly Wallet[],
  reservations: readonly CostedReservation[],
  until: IsoDate,
): { estimates: WalletEstimate[]; totals: WalletTotals } {
  const estimates = wallets.map((w) => estimateWallet(w, reservations, until));
  return {
    estimates,
    totals: {
      credit: sumCents(estimates.map((e) => e.wallet.balance)),
      reservations: sumCents(estimates.map((e) => e.estimatedCost)),
      estimatedBalance: sumCents(estimates.map((e) => e.newBalance)),
      amountDue: sumCents(estimates.map((e) => e.amountDue)),
    },
  };
}

/**
 * The amounts a payment form starts with: each wallet's amount due ("Montant à créditer").
 * @example defaultPaymentSplit([estimate]) // { w1: 7930 }
 */
export function defaultPaymentSplit(estimates: readonly WalletEstimate[]): Record<Id, Cents> {
  return Object.fromEntries(estimates.map((e) => [e.wallet.id, e.amountDue]));
}

/** One wallet credited by a payment. */
export interface PaymentLine {
  walletId: Id;
  amount: Cents;
}

/** Why a payment split is refused. */
export type PaymentSplitRefusal = 'unknown_wallet' | 'negative_amount' | 'nothing_to_pay';

export type PaymentSplitResult =
  | { ok: true; total: Cents; lines: PaymentLine[] }
  | { ok: false; reason: PaymentSplitRefusal; walletId?: Id };

/**
 * Checks the amounts a family chose to pay, wallet by wallet. A family may pay more than it owes
 * (its wallet stays in credit) or less, but no amount may be negative, every wallet must be one of
 * the estimates, and the total must be above zero. Lines of 0 are dropped. Throws a `RangeError`
 * on an amount that is not an integer number of cents.
 * @example validatePaymentSplit([estimate], { w1: 8000 }) // { ok: true, total: 8000, lines: [{ walletId: 'w1', amount: 8000 }] }
 * @example validatePaymentSplit([estimate], { w1: 0 }) // { ok: false, reason: 'nothing_to_pay' }
 */
export function validatePaymentSplit(
  estimates: readonly WalletEstimate[],
  amounts: Readonly<Record<Id, Cents>>,
): PaymentSplitResult {
  const known = new Set(estimates.map((e) => e.wallet.id));
  const lines: PaymentLine[] = [];
  for (const [walletId, amount] of Object.entries(amounts)) {
    assertCents(amount);
    if (!known.has(walletId)) return { ok: false, reason: 'unknown_wallet', walletId };
    if (amount < 0) return { ok: false, reason: 'negative_amount', walletId };
    if (amount > 0) lines.push({ walletId, amount });
  }
  const total = sumCents(lines.map((l) => l.amount));
  if (total === 0) return { ok: false, reason: 'nothing_to_pay' };
  return { ok: true, total, lines };
}
