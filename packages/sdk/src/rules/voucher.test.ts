import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lot } from '../schemas/voucher.js';
import { addDaysIso } from './dates.js';
import {
  compareLotsForDebit,
  expiringWithin,
  isLotValid,
  lotExpiry,
  nearestExpiry,
  planDebit,
  reverseDebit,
  voucherBalance,
} from './voucher.js';

function lot(id: string, loadedOn: string, places: number, remaining = places): Lot {
  return { id, voucherId: 'v1', places, remaining, loadedOn, lastValidDay: lotExpiry(loadedOn) };
}

describe('lotExpiry', () => {
  it('is one year date to date, the last day being the day before', () => {
    expect(lotExpiry('2026-06-15')).toBe('2027-06-14');
    expect(lotExpiry('2026-01-01')).toBe('2026-12-31');
    expect(lotExpiry('2027-03-01')).toBe('2028-02-29');
    expect(lotExpiry('2026-12-31')).toBe('2027-12-30');
  });

  it('ends a 29 February lot on 27 February (year added first, clamped to the 28th, minus a day)', () => {
    expect(lotExpiry('2028-02-29')).toBe('2029-02-27');
  });

  it('refuses a malformed date', () => {
    expect(() => lotExpiry('2026-02-30')).toThrow(RangeError);
  });
});

describe('validity and balance', () => {
  const june = lot('june', '2026-06-15', 20, 12); // last day 2027-06-14
  const sept = lot('sept', '2026-09-01', 10); // last day 2027-08-31
  const old = lot('old', '2025-05-10', 30, 4); // last day 2026-05-09
  const empty = lot('empty', '2026-07-01', 5, 0);
  const lots = [sept, old, june, empty];

  it('keeps a lot valid through its last day', () => {
    expect(isLotValid(june, '2027-06-14')).toBe(true);
    expect(isLotValid(june, '2027-06-15')).toBe(false);
  });

  it('counts only the places of unexpired lots', () => {
    expect(voucherBalance(lots, '2026-05-09')).toBe(26);
    expect(voucherBalance(lots, '2026-05-10')).toBe(22);
    expect(voucherBalance(lots, '2027-06-15')).toBe(10);
    expect(voucherBalance(lots, '2027-09-01')).toBe(0);
    expect(voucherBalance([], '2027-01-01')).toBe(0);
    expect(() => voucherBalance(lots, '2027-1-1')).toThrow(RangeError);
  });

  it('tells the next expiry among lots still holding places', () => {
    expect(nearestExpiry(lots, '2026-05-01')).toEqual({ lastValidDay: '2026-05-09', places: 4 });
    expect(nearestExpiry(lots, '2027-01-01')).toEqual({ lastValidDay: '2027-06-14', places: 12 });
    expect(nearestExpiry(lots, '2027-09-01')).toBeNull();
    const twin = lot('twin', '2026-06-15', 3);
    expect(nearestExpiry([...lots, twin], '2027-01-01')).toEqual({ lastValidDay: '2027-06-14', places: 15 });
  });

  it('lists the lots expiring within 30 days (or another span), in debit order', () => {
    expect(expiringWithin(lots, '2027-05-15').map((l) => l.id)).toEqual(['june']);
    expect(expiringWithin(lots, '2027-05-14').map((l) => l.id)).toEqual([]);
    expect(expiringWithin(lots, '2027-05-15', 0)).toEqual([]);
    expect(expiringWithin(lots, '2027-06-14', 0).map((l) => l.id)).toEqual(['june']);
    expect(expiringWithin(lots, '2026-09-01', 365).map((l) => l.id)).toEqual(['june', 'sept']);
    expect(() => expiringWithin(lots, '2027-05-15', -1)).toThrow(RangeError);
    expect(() => expiringWithin(lots, '2027-05-15', 1.5)).toThrow(RangeError);
  });
});

describe('planDebit', () => {
  const a = lot('a', '2026-06-15', 10, 3); // expires first
  const b = lot('b', '2026-09-01', 10);
  const expired = lot('x', '2025-01-01', 10, 6);

  it('takes the lot that expires first, then the next', () => {
    const plan = planDebit([b, expired, a], 5, '2027-01-10');
    expect(plan).toEqual({
      ok: true,
      allocations: [
        { lotId: 'a', places: 3 },
        { lotId: 'b', places: 2 },
      ],
      lots: [{ ...b, remaining: 8 }, expired, { ...a, remaining: 0 }],
    });
  });

  it('breaks ties on the expiry by the older load, then the id', () => {
    const sameDay = { ...lot('c', '2026-06-15', 10), loadedOn: '2026-06-01' };
    const sameAll = lot('0', '2026-06-15', 10);
    expect([a, sameDay, sameAll].sort(compareLotsForDebit).map((l) => l.id)).toEqual(['c', '0', 'a']);
  });

  it('takes exactly what is left, down to zero', () => {
    const plan = planDebit([a, b], 13, '2027-01-10');
    expect(plan.ok && plan.lots.map((l) => l.remaining)).toEqual([0, 0]);
  });

  it('fails as a whole when fewer places are valid, saying how many', () => {
    expect(planDebit([a, b, expired], 14, '2027-01-10')).toEqual({
      ok: false,
      reason: 'insufficient_places',
      available: 13,
    });
    expect(planDebit([], 1, '2027-01-10')).toEqual({
      ok: false,
      reason: 'insufficient_places',
      available: 0,
    });
    expect(planDebit([lot('e', '2026-06-15', 5, 0)], 1, '2027-01-10')).toEqual({
      ok: false,
      reason: 'insufficient_places',
      available: 0,
    });
  });

  it('says when the only places left have expired', () => {
    expect(planDebit([expired, lot('e', '2026-06-15', 5, 0)], 2, '2027-01-10')).toEqual({
      ok: false,
      reason: 'only_expired_places',
    });
  });

  it('refuses a number of places that is not a positive integer', () => {
    for (const places of [0, -1, 1.5, Number.NaN]) {
      expect(() => planDebit([a, b], places, '2027-01-10')).toThrow(RangeError);
    }
  });

  it('does not change the lots it is given', () => {
    const lots = [a, b];
    const copy = structuredClone(lots);
    planDebit(lots, 5, '2027-01-10');
    expect(lots).toEqual(copy);
  });
});

describe('reverseDebit', () => {
  const a = lot('a', '2026-06-15', 10, 3);
  const b = lot('b', '2026-09-01', 10);

  it('gives the places back to the same lots', () => {
    const plan = planDebit([a, b], 5, '2027-01-10');
    if (!plan.ok) throw new Error('expected a plan');
    expect(reverseDebit(plan.lots, plan.allocations)).toEqual([a, b]);
  });

  it('refuses an unknown lot, too many places, or a bad allocation', () => {
    expect(() => reverseDebit([a], [{ lotId: 'zz', places: 1 }])).toThrow(/Unknown lot/);
    expect(() => reverseDebit([a], [{ lotId: 'a', places: 8 }])).toThrow(RangeError);
    expect(() => reverseDebit([a], [{ lotId: 'a', places: 0 }])).toThrow(RangeError);
  });
});

describe('voucher properties', () => {
  const base = '2026-01-01';
  const lotsArb = fc
    .array(
      fc
        .record({
          offset: fc.nat({ max: 800 }),
          places: fc.integer({ min: 1, max: 40 }),
          used: fc.nat({ max: 15 }),
        })
        .map(({ offset, places, used }) => ({ loadedOn: addDaysIso(base, offset), places, used })),
      { maxLength: 10 },
    )
    .map((specs) => specs.map((s, i) => lot(`L${i}`, s.loadedOn, s.places, Math.max(0, s.places - s.used))));
  const todayArb = fc.nat({ max: 1000 }).map((d) => addDaysIso(base, d));
  // Small and large debits, so that plans succeed on one lot, on several, and fail for both reasons.
  const placesArb = fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 120 }));
  const runs = { numRuns: 500 };
  const sum = (lots: readonly Lot[]) => lots.reduce((n, l) => n + l.remaining, 0);

  it('never makes a lot negative and conserves places', () => {
    fc.assert(
      fc.property(lotsArb, placesArb, todayArb, (lots, places, today) => {
        const plan = planDebit(lots, places, today);
        if (!plan.ok) return;
        for (const l of plan.lots) expect(l.remaining).toBeGreaterThanOrEqual(0);
        expect(sum(lots)).toBe(sum(plan.lots) + places);
        expect(plan.allocations.reduce((n, x) => n + x.places, 0)).toBe(places);
        expect(voucherBalance(plan.lots, today)).toBe(voucherBalance(lots, today) - places);
        // Only valid lots are touched.
        for (const x of plan.allocations) {
          expect(isLotValid(lots.find((l) => l.id === x.lotId)!, today)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('takes the earliest-expiring places first', () => {
    fc.assert(
      fc.property(lotsArb, placesArb, todayArb, (lots, places, today) => {
        const plan = planDebit(lots, places, today);
        if (!plan.ok) return;
        const after = new Map(plan.lots.map((l) => [l.id, l]));
        const touched = new Set(plan.allocations.map((x) => x.lotId));
        const usable = lots.filter((l) => l.remaining > 0 && isLotValid(l, today)).sort(compareLotsForDebit);
        // Allocations follow the debit order, and every usable lot ahead of a touched one is emptied.
        expect(plan.allocations.map((x) => x.lotId)).toEqual(
          usable.filter((l) => touched.has(l.id)).map((l) => l.id),
        );
        const lastTouched = usable.findLastIndex((l) => touched.has(l.id));
        usable.slice(0, lastTouched).forEach((l) => {
          expect(after.get(l.id)!.remaining).toBe(0);
        });
        usable.slice(lastTouched + 1).forEach((l) => {
          expect(after.get(l.id)!.remaining).toBe(l.remaining);
        });
      }),
      runs,
    );
  });

  it('a failed debit changes nothing and explains itself', () => {
    fc.assert(
      fc.property(lotsArb, placesArb, todayArb, (lots, places, today) => {
        const copy = structuredClone(lots);
        const plan = planDebit(lots, places, today);
        expect(lots).toEqual(copy);
        const balance = voucherBalance(lots, today);
        if (plan.ok) {
          expect(balance).toBeGreaterThanOrEqual(places);
        } else if (plan.reason === 'insufficient_places') {
          expect(plan.available).toBe(balance);
          expect(balance).toBeLessThan(places);
        } else {
          expect(balance).toBe(0);
          expect(sum(lots)).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  it('reverseDebit undoes planDebit', () => {
    fc.assert(
      fc.property(lotsArb, placesArb, todayArb, (lots, places, today) => {
        const plan = planDebit(lots, places, today);
        if (plan.ok) expect(reverseDebit(plan.lots, plan.allocations)).toEqual(lots);
      }),
      runs,
    );
  });

  it('the day after the last valid day is the same date one year later (28 February for 29 February)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 365 * 40 }), (offset) => {
        const loadedOn = addDaysIso('2000-01-01', offset);
        const next = addDaysIso(lotExpiry(loadedOn), 1);
        const monthDay = loadedOn.slice(5) === '02-29' ? '02-28' : loadedOn.slice(5);
        expect(next).toBe(`${Number(loadedOn.slice(0, 4)) + 1}-${monthDay}`);
      }),
      runs,
    );
  });
});
