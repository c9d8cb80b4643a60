import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Wallet } from '../schemas/wallet.js';
import { WalletEstimateSchema } from '../schemas/wallet.js';
import { addDaysIso } from './dates.js';
import {
  balanceOf,
  type CostedReservation,
  defaultPaymentSplit,
  estimateWallet,
  estimateWallets,
  isPendingCharge,
  reservationCost,
  validatePaymentSplit,
} from './wallet.js';

const perisco: Wallet = {
  id: 'w-peri',
  accountId: 'a1',
  kindId: 'k-peri',
  name: 'CDC PE2M - APS ET CLSH',
  balance: -4605,
};
const resto: Wallet = {
  id: 'w-resto',
  accountId: 'a1',
  kindId: 'k-resto',
  name: 'RESTAURATION',
  balance: 1200,
};

function booking(over: Partial<CostedReservation> = {}): CostedReservation {
  return {
    walletId: perisco.id,
    date: '2026-04-22',
    status: 'accepted',
    chargedAt: null,
    unitPrice: 475,
    quantity: 1,
    ...over,
  };
}

// 33,25 € of days to come on the périscolaire wallet, as in seed 004.
const seedBookings = [
  booking({ date: '2026-04-20', unitPrice: 665, quantity: 2 }), // 13,30
  booking({ date: '2026-04-21', unitPrice: 1485 }), // 14,85
  booking({ date: '2026-04-22', unitPrice: 475 }), // 4,75 -> 32,90
  booking({ date: '2026-04-22', unitPrice: 0, supplementsTotal: 35 }), // 0,35 -> 33,25
];

describe('reservationCost and isPendingCharge', () => {
  it('is unit price × quantity plus supplements', () => {
    expect(reservationCost(booking({ unitPrice: 665, quantity: 2 }))).toBe(1330);
    expect(reservationCost(booking({ unitPrice: 665, quantity: 2, supplementsTotal: 500 }))).toBe(1830);
    expect(() => reservationCost(booking({ unitPrice: 6.65 }))).toThrow(RangeError);
  });

  it('counts accepted, uncharged days up to the date included', () => {
    expect(isPendingCharge(booking({ date: '2026-04-30' }), '2026-04-30')).toBe(true);
    expect(isPendingCharge(booking({ date: '2026-05-01' }), '2026-04-30')).toBe(false);
    expect(isPendingCharge(booking({ chargedAt: '2026-04-23T02:00:00Z' }), '2026-04-30')).toBe(false);
    for (const status of ['waitlisted', 'cancelled', 'refused'] as const) {
      expect(isPendingCharge(booking({ status }), '2026-04-30')).toBe(false);
    }
  });
});

describe('estimateWallet', () => {
  it('reproduces seed 004 with exact cents: -46,05 - 33,25 = -79,30, 79,30 due', () => {
    const estimate = estimateWallet(perisco, seedBookings, '2026-04-30');
    expect(estimate).toEqual({
      wallet: perisco,
      until: '2026-04-30',
      estimatedCost: 3325,
      newBalance: -7930,
      // The seed shows 79,00 (and a new balance of 0,00): the old system rounded. We do not.
      amountDue: 7930,
    });
    expect(WalletEstimateSchema.parse(estimate)).toEqual(estimate);
  });

  it('depends on the "until" date', () => {
    expect(estimateWallet(perisco, seedBookings, '2026-04-20').estimatedCost).toBe(1330);
    expect(estimateWallet(perisco, seedBookings, '2026-04-19')).toMatchObject({
      estimatedCost: 0,
      newBalance: -4605,
      amountDue: 4605,
    });
  });

  it('ignores other wallets, charged, waiting and cancelled reservations', () => {
    const others = [
      booking({ walletId: resto.id, unitPrice: 9999 }),
      booking({ chargedAt: '2026-04-23T02:00:00Z', unitPrice: 9999 }),
      booking({ status: 'waitlisted', unitPrice: 9999 }),
      booking({ status: 'cancelled', unitPrice: 9999 }),
    ];
    expect(estimateWallet(perisco, [...seedBookings, ...others], '2026-04-30').estimatedCost).toBe(3325);
  });

  it('owes nothing while in credit, and never -0', () => {
    const e = estimateWallet(resto, [booking({ walletId: resto.id, unitPrice: 1200 })], '2026-04-30');
    expect(e).toMatchObject({ estimatedCost: 1200, newBalance: 0 });
    expect(Object.is(e.amountDue, 0)).toBe(true);
    expect(estimateWallet(resto, [], '2026-04-30').amountDue).toBe(0);
  });

  it('refuses a malformed date and a float balance', () => {
    expect(() => estimateWallet(perisco, [], '2026-02-30')).toThrow(RangeError);
    expect(() => estimateWallet(perisco, [], '30/04/2026')).toThrow(RangeError);
    expect(() => estimateWallet({ ...perisco, balance: -46.05 }, [], '2026-04-30')).toThrow(RangeError);
  });
});

describe('estimateWallets', () => {
  it('gives the totals line: credit, reservations, estimated balance, amount due', () => {
    const { estimates, totals } = estimateWallets(
      [perisco, resto],
      [...seedBookings, booking({ walletId: resto.id, unitPrice: 450 })],
      '2026-04-30',
    );
    expect(estimates.map((e) => e.wallet.id)).toEqual([perisco.id, resto.id]);
    expect(totals).toEqual({
      credit: -3405,
      reservations: 3775,
      estimatedBalance: -7180,
      // Per wallet: the 7,50 left on RESTAURATION does not pay the périscolaire.
      amountDue: 7930,
    });
  });

  it('shows zeros for empty wallets, as in the seeds', () => {
    const empty = [
      { ...resto, balance: 0 },
      { ...perisco, balance: 0 },
    ];
    expect(estimateWallets(empty, [], '2026-04-30').totals).toEqual({
      credit: 0,
      reservations: 0,
      estimatedBalance: 0,
      amountDue: 0,
    });
  });
});

describe('payments', () => {
  const estimates = estimateWallets([perisco, resto], seedBookings, '2026-04-30').estimates;

  it('starts the form with each amount due', () => {
    expect(defaultPaymentSplit(estimates)).toEqual({ [perisco.id]: 7930, [resto.id]: 0 });
  });

  it('accepts the amount due, more, or less, and drops zero lines', () => {
    expect(validatePaymentSplit(estimates, defaultPaymentSplit(estimates))).toEqual({
      ok: true,
      total: 7930,
      lines: [{ walletId: perisco.id, amount: 7930 }],
    });
    expect(validatePaymentSplit(estimates, { [perisco.id]: 10000, [resto.id]: 2000 })).toMatchObject({
      ok: true,
      total: 12000,
    });
    expect(validatePaymentSplit(estimates, { [perisco.id]: 1000 })).toMatchObject({ ok: true, total: 1000 });
  });

  it('refuses a negative amount, an unknown wallet, or nothing at all', () => {
    expect(validatePaymentSplit(estimates, { [perisco.id]: 8000, [resto.id]: -1 })).toEqual({
      ok: false,
      reason: 'negative_amount',
      walletId: resto.id,
    });
    expect(validatePaymentSplit(estimates, { other: 100 })).toEqual({
      ok: false,
      reason: 'unknown_wallet',
      walletId: 'other',
    });
    expect(validatePaymentSplit(estimates, {})).toEqual({ ok: false, reason: 'nothing_to_pay' });
    expect(validatePaymentSplit(estimates, { [perisco.id]: 0 })).toEqual({
      ok: false,
      reason: 'nothing_to_pay',
    });
  });

  it('throws on an amount that is not cents', () => {
    expect(() => validatePaymentSplit(estimates, { [perisco.id]: 79.3 })).toThrow(RangeError);
  });
});

describe('balanceOf', () => {
  it('sums the ledger', () => {
    expect(balanceOf([])).toBe(0);
    expect(balanceOf([{ amount: 9000 }, { amount: 5000 }, { amount: -18605 }])).toBe(-4605);
    expect(() => balanceOf([{ amount: 0.1 }])).toThrow(RangeError);
  });
});

describe('wallet properties', () => {
  const base = '2026-04-01';
  const reservation = fc.record({
    walletId: fc.constantFrom('w1', 'w2'),
    date: fc.nat({ max: 60 }).map((d) => addDaysIso(base, d)),
    status: fc.constantFrom('accepted', 'waitlisted', 'cancelled', 'refused'),
    chargedAt: fc.constantFrom(null, '2026-04-02T02:00:00Z'),
    unitPrice: fc.nat({ max: 5000 }),
    quantity: fc.integer({ min: 1, max: 3 }),
    supplementsTotal: fc.option(fc.nat({ max: 2000 }), { nil: undefined }),
  });
  const wallet = fc.record({
    id: fc.constant('w1'),
    accountId: fc.constant('a1'),
    kindId: fc.constant('k-peri'),
    name: fc.constant('PERISCOLAIRE'),
    balance: fc.integer({ min: -100_000, max: 100_000 }),
  });
  const until = fc.nat({ max: 70 }).map((d) => addDaysIso(base, d));

  it('amountDue >= 0, newBalance + estimatedCost = balance, amountDue = max(0, -newBalance)', () => {
    fc.assert(
      fc.property(wallet, fc.array(reservation), until, (w, rs, d) => {
        const e = estimateWallet(w, rs, d);
        expect(e.amountDue).toBeGreaterThanOrEqual(0);
        expect(e.estimatedCost).toBeGreaterThanOrEqual(0);
        expect(e.newBalance + e.estimatedCost).toBe(w.balance);
        expect(e.amountDue).toBe(Math.max(0, -e.newBalance));
        // Paying the amount due leaves the wallet at zero or above.
        expect(e.newBalance + e.amountDue).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('a later date never costs less', () => {
    fc.assert(
      fc.property(wallet, fc.array(reservation), until, until, (w, rs, d1, d2) => {
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(estimateWallet(w, rs, late).estimatedCost).toBeGreaterThanOrEqual(
          estimateWallet(w, rs, early).estimatedCost,
        );
      }),
    );
  });
});
