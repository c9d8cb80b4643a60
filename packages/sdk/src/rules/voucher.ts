import { addDays } from 'date-fns/addDays';
import { addYears } from 'date-fns/addYears';
import type { IsoDate } from '../schemas/common.js';
import type { Allocation, DebitRefusal, Lot } from '../schemas/voucher.js';
import { addDaysIso, parseIsoDate, toIsoDate } from './dates.js';

/**
 * Cartoonettes: prepaid cinema places in lots. Each lot is valid one year date to date, with no
 * carry-over; a debit takes the places that expire first and succeeds whole or not at all.
 * Plain dates compare as strings (ISO order is date order).
 */

// Code-point order: the same on every machine, whatever its locale.
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function assertPlaces(places: number, what: string): void {
  if (!Number.isSafeInteger(places) || places < 1) {
    throw new RangeError(`${what} must be a positive whole number of places, got ${places}`);
  }
}

/**
 * Last valid day of a lot loaded on `loadedOn`: one year later, minus one day ("un an de date à date").
 * The year is added first, as date-fns does, so a lot loaded on 29 February ends on 27 February of
 * the next year (29 Feb + 1 year = 28 Feb, minus a day): one day short rather than one day long.
 * @example lotExpiry('2026-06-15') // '2027-06-14'
 * @example lotExpiry('2028-02-29') // '2029-02-27'
 */
export function lotExpiry(loadedOn: IsoDate): IsoDate {
  return toIsoDate(addDays(addYears(parseIsoDate(loadedOn), 1), -1));
}

/**
 * Whether a lot can still be used on `today` (its last valid day included). Says nothing of its
 * remaining places.
 * @example isLotValid({ ...lot, lastValidDay: '2027-06-14' }, '2027-06-14') // true
 * @example isLotValid({ ...lot, lastValidDay: '2027-06-14' }, '2027-06-15') // false
 */
export function isLotValid(lot: Pick<Lot, 'lastValidDay'>, today: IsoDate): boolean {
  return today <= lot.lastValidDay;
}

/**
 * The order in which a debit takes lots: the one that expires first, then the older load, then id.
 * @example [...lots].sort(compareLotsForDebit)
 */
export function compareLotsForDebit(a: Lot, b: Lot): number {
  return (
    byCodePoint(a.lastValidDay, b.lastValidDay) ||
    byCodePoint(a.loadedOn, b.loadedOn) ||
    byCodePoint(a.id, b.id)
  );
}

// Lots that still hold usable places on `today`, in debit order.
function usableLots(lots: readonly Lot[], today: IsoDate): Lot[] {
  parseIsoDate(today); // a malformed date would compare wrongly
  return lots.filter((l) => l.remaining > 0 && isLotValid(l, today)).sort(compareLotsForDebit);
}

const placesIn = (lots: readonly Lot[]): number => lots.reduce((n, l) => n + l.remaining, 0);

/**
 * Places a voucher holds on `today`: the remaining places of its unexpired lots.
 * @example voucherBalance([{ ...lot, remaining: 12, lastValidDay: '2027-06-14' }], '2027-01-01') // 12
 */
export function voucherBalance(lots: readonly Lot[], today: IsoDate): number {
  return placesIn(usableLots(lots, today));
}

/**
 * The next day places will expire, and how many, among lots still holding places; null if none.
 * @example nearestExpiry(lots, '2027-01-01') // { lastValidDay: '2027-06-14', places: 12 }
 */
export function nearestExpiry(
  lots: readonly Lot[],
  today: IsoDate,
): { lastValidDay: IsoDate; places: number } | null {
  const first = usableLots(lots, today)[0];
  if (!first) return null;
  const sameDay = lots.filter((l) => l.remaining > 0 && l.lastValidDay === first.lastValidDay);
  return { lastValidDay: first.lastValidDay, places: placesIn(sameDay) };
}

/**
 * Lots holding places that expire within `days` days of `today` (that day included), in debit order:
 * what a referent should use soon.
 * @example expiringWithin(lots, '2027-06-01') // lots whose last valid day is 2027-06-01..2027-07-01
 */
export function expiringWithin(lots: readonly Lot[], today: IsoDate, days = 30): Lot[] {
  if (!Number.isSafeInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number >= 0, got ${days}`);
  const limit = addDaysIso(today, days);
  return usableLots(lots, today).filter((l) => l.lastValidDay <= limit);
}

/** What a debit would do: the places taken from each lot and the lots after it, or why it cannot. */
export type DebitPlan =
  | { ok: true; allocations: Allocation[]; lots: Lot[] }
  | { ok: false; reason: Extract<DebitRefusal, 'insufficient_places'>; available: number }
  | { ok: false; reason: Extract<DebitRefusal, 'only_expired_places'> };

/**
 * Plans a debit of `places` on `today`, taking the lots that expire first. All or nothing: if fewer
 * than `places` are valid, nothing is taken and the reason says why — `only_expired_places` when
 * every place left has expired, `insufficient_places` with the number available otherwise.
 * Input lots are not changed; `lots` in the result are the same lots, in the same order, updated.
 * Throws a `RangeError` if `places` is not a positive integer.
 * @example
 * planDebit([{ id: 'a', voucherId: 'v', places: 10, remaining: 3, loadedOn: '2026-06-15', lastValidDay: '2027-06-14' },
 *   { id: 'b', voucherId: 'v', places: 10, remaining: 10, loadedOn: '2026-09-01', lastValidDay: '2027-08-31' }],
 *   5, '2027-01-10')
 * // { ok: true, allocations: [{ lotId: 'a', places: 3 }, { lotId: 'b', places: 2 }], lots: [...remaining 0 and 8] }
 */
export function planDebit(lots: readonly Lot[], places: number, today: IsoDate): DebitPlan {
  assertPlaces(places, 'A debit');
  const usable = usableLots(lots, today);
  const available = placesIn(usable);
  if (available < places) {
    // Nothing valid is left, yet some lot still holds places: they have all expired.
    if (available === 0 && lots.some((l) => l.remaining > 0)) {
      return { ok: false, reason: 'only_expired_places' };
    }
    return { ok: false, reason: 'insufficient_places', available };
  }
  const allocations: Allocation[] = [];
  let left = places;
  for (const lot of usable) {
    if (left === 0) break;
    const taken = Math.min(lot.remaining, left);
    allocations.push({ lotId: lot.id, places: taken });
    left -= taken;
  }
  return { ok: true, allocations, lots: applyAllocations(lots, allocations, -1) };
}

/**
 * Gives the places of a debit back to the lots they came from (a cashier's mistake, a cancelled
 * session). A lot that has expired since stays expired: the places come back but cannot be used.
 * Throws a `RangeError` on an unknown lot or if a lot would hold more than it was loaded with.
 * @example reverseDebit(plan.lots, plan.allocations) // the lots as they were before the debit
 */
export function reverseDebit(lots: readonly Lot[], allocations: readonly Allocation[]): Lot[] {
  return applyAllocations(lots, allocations, 1);
}

function applyAllocations(lots: readonly Lot[], allocations: readonly Allocation[], sign: 1 | -1): Lot[] {
  const delta = new Map<string, number>();
  for (const a of allocations) {
    assertPlaces(a.places, 'An allocation');
    delta.set(a.lotId, (delta.get(a.lotId) ?? 0) + a.places);
  }
  const known = new Set(lots.map((l) => l.id));
  for (const lotId of delta.keys()) {
    if (!known.has(lotId)) throw new RangeError(`Unknown lot ${lotId}`);
  }
  return lots.map((lot) => {
    const change = delta.get(lot.id);
    if (change === undefined) return lot;
    const remaining = lot.remaining + sign * change;
    if (remaining < 0 || remaining > lot.places) {
      throw new RangeError(`Lot ${lot.id} would hold ${remaining} of its ${lot.places} places`);
    }
    return { ...lot, remaining };
  });
}
