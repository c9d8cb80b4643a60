import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  COUNTERMARK_ALPHABET,
  type CountermarkBooking,
  CountermarkBookingSchema,
  CountermarkTokenSchema,
  type Stock,
} from '../schemas/countermark.js';
import {
  autoUseDueAt,
  canBook,
  canCancel,
  cancellationLimit,
  canKeep,
  canValidate,
  checkTokenFormat,
  formatValidFrom,
  generateToken,
  isAutoUseDue,
  normaliseToken,
  type RandomBytes,
  reimbursedAmount,
  reimbursementPeriod,
  reimbursementRate,
  remainingPlaces,
} from './countermark.js';
import { daysOfMonth } from './dates.js';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

// Bookings as the desk sees them: Saturday 18 April 2026, 20:30 in Paris (18:30 UTC).
function booking(overrides: Partial<CountermarkBooking> = {}): CountermarkBooking {
  return {
    id: 'b1',
    token: 'K7QX2M',
    status: 'confirmed',
    offerId: 'o1',
    offerName: 'Le Voyage dans la Lune',
    stockId: 's1',
    venueId: 'v1',
    venueName: 'Cinéma Le Rex',
    beginsAt: '2026-04-18T18:30:00Z',
    quantity: 1,
    price: 800,
    beneficiary: { firstName: 'Lina', lastName: 'Martin', email: 'lina@example.org' },
    createdAt: '2026-04-13T10:00:00Z',
    cancellationLimit: '2026-04-15T10:00:00Z',
    usedAt: null,
    cancelledAt: null,
    reimbursedAt: null,
    ...overrides,
  };
}

// A random source that plays `bytes` again and again.
function cycling(bytes: readonly number[]): RandomBytes {
  let i = 0;
  return (out) => {
    for (let k = 0; k < out.length; k++) out[k] = bytes[i++ % bytes.length]!;
  };
}

describe('generateToken', () => {
  it('draws 6 symbols of the alphabet from crypto.getRandomValues by default', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    try {
      const token = generateToken();
      expect(CountermarkTokenSchema.safeParse(token).success).toBe(true);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('maps bytes below 240 to symbols, each symbol from exactly 8 byte values', () => {
    expect(generateToken((b) => b.fill(0))).toBe('AAAAAA');
    expect(generateToken((b) => b.fill(29))).toBe('777777');
    expect(generateToken((b) => b.fill(30))).toBe('AAAAAA');
    expect(generateToken(cycling([0, 1, 2, 3, 4, 5]))).toBe('ABCDEF');
    const counts = new Map<string, number>();
    for (let byte = 0; byte < 240; byte++) {
      const first = generateToken(cycling([byte, 0]))[0]!;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe([...COUNTERMARK_ALPHABET].sort().join(''));
    expect(new Set(counts.values())).toEqual(new Set([8]));
  });

  it('draws bytes from 240 on again instead of folding them (no modulo bias)', () => {
    for (let byte = 240; byte < 256; byte++) {
      expect(generateToken(cycling([byte, 1]))).toBe('BBBBBB');
    }
    // 16 rejected bytes fill a whole draw: the token comes from the next one.
    expect(generateToken(cycling([...Array.from({ length: 16 }, (_, i) => 240 + i), 2, 3]))).toBe('CDCDCD');
  });

  it('throws rather than loop forever on a source that only gives rejected bytes', () => {
    expect(() => generateToken((b) => b.fill(255))).toThrow(/no usable bytes/);
  });

  it('property: generated tokens always pass the format check unchanged', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 })
          .filter((a) => a.some((b) => b < 240)),
        (bytes) => {
          const token = generateToken(cycling(bytes));
          expect(checkTokenFormat(token)).toEqual({ ok: true, token });
          expect(normaliseToken(token)).toBe(token);
        },
      ),
    );
    for (let i = 0; i < 200; i++) expect(checkTokenFormat(generateToken()).ok).toBe(true);
  });
});

describe('normaliseToken', () => {
  it('trims, removes spaces and dashes, upper-cases', () => {
    expect(normaliseToken(' abc-12 3 ')).toBe('ABC123');
    expect(normaliseToken('\tk7q\u00a0x2m\n')).toBe('K7QX2M');
    expect(normaliseToken('K7Q–X2M')).toBe('K7QX2M');
    expect(normaliseToken('k7q‐x2m')).toBe('K7QX2M');
    expect(normaliseToken('')).toBe('');
  });

  it('reads the token of a pass Culture QR payload, prefix in any case', () => {
    expect(normaliseToken('PASSCULTURE:v3;TOKEN:abc123')).toBe('ABC123');
    expect(normaliseToken('passculture:V3;token:k7qx2m')).toBe('K7QX2M');
    expect(normaliseToken('  PassCulture:v3;TOKEN: k7qx2m ')).toBe('K7QX2M');
    expect(normaliseToken('PASSCULTURE:v2;EAN13:9782070612758;TOKEN:k7qx2m')).toBe('K7QX2M');
    expect(normaliseToken('PASSCULTURE:v3;TOKEN:k7qx2m;EXTRA:1')).toBe('K7QX2M');
  });

  it('gives an empty token for a payload without one, and leaves other text as typed', () => {
    expect(normaliseToken('PASSCULTURE:v3;')).toBe('');
    expect(normaliseToken('PASSCULTURE:v3;EAN13:9782070612758')).toBe('');
    expect(normaliseToken('token:abc123')).toBe('TOKEN:ABC123');
  });

  it('reads a payload nested in a payload down to its token', () => {
    expect(normaliseToken('PASSCULTURE:v3;TOKEN:PASSCULTURE:v3')).toBe('');
  });

  it('property: normalising twice changes nothing', () => {
    const payload = fc
      .tuple(fc.constantFrom('PASSCULTURE:v3;', 'passculture:v2;EAN13:123;', 'PassCulture:'), fc.string())
      .map(([prefix, rest]) => `${prefix}TOKEN:${rest}`);
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string(), payload);
    fc.assert(
      fc.property(text, (input) => {
        const once = normaliseToken(input);
        expect(normaliseToken(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('checkTokenFormat', () => {
  it('says empty for nothing typed', () => {
    for (const input of ['', '   ', ' - - ', 'PASSCULTURE:v3;']) {
      expect(checkTokenFormat(input)).toEqual({ ok: false, reason: 'empty' });
    }
  });

  it('says symbols for a character outside the 30 symbols, whatever the length', () => {
    for (const input of [
      'ABCDE0',
      'ABCDEO',
      'ABCDE1',
      'ABCDEI',
      'ABCDE8',
      'ABCDE9',
      'AB0',
      'ABC.DEF',
      'ÉCRAN2',
    ]) {
      expect(checkTokenFormat(input)).toEqual({ ok: false, reason: 'symbols' });
    }
  });

  it('says length for symbols that are not 6', () => {
    expect(checkTokenFormat('k7qx2')).toEqual({ ok: false, reason: 'length' });
    expect(checkTokenFormat('K7QX2MA')).toEqual({ ok: false, reason: 'length' });
  });

  it('accepts typed or scanned tokens, normalised', () => {
    expect(checkTokenFormat(' k7q-x2m ')).toEqual({ ok: true, token: 'K7QX2M' });
    expect(checkTokenFormat('PASSCULTURE:v3;TOKEN:k7qx2m')).toEqual({ ok: true, token: 'K7QX2M' });
  });

  it('property: accepted exactly when the normalised text is a valid token', () => {
    const nearToken = fc.string({ unit: fc.constantFrom(...`${COUNTERMARK_ALPHABET}abc01 -`), maxLength: 9 });
    fc.assert(
      fc.property(fc.oneof(nearToken, fc.string()), (input) => {
        const check = checkTokenFormat(input);
        const valid = CountermarkTokenSchema.safeParse(normaliseToken(input)).success;
        expect(check.ok).toBe(valid);
        if (check.ok) expect(check.token).toBe(normaliseToken(input));
      }),
      { numRuns: 500 },
    );
  });
});

describe('cancellationLimit', () => {
  it('booked on Monday for an event on Saturday: 48 hours after booking', () => {
    expect(cancellationLimit(at('2026-04-13T10:00:00Z'), at('2026-04-18T18:30:00Z'))).toEqual(
      at('2026-04-15T10:00:00Z'),
    );
  });

  it('booked 10 hours before the event: at once', () => {
    expect(cancellationLimit(at('2026-04-18T08:30:00Z'), at('2026-04-18T18:30:00Z'))).toEqual(
      at('2026-04-18T08:30:00Z'),
    );
  });

  it('event 3 days ahead: 48 hours before the event, earlier than 48 hours after booking', () => {
    const c = at('2026-04-15T18:30:00Z');
    const e = new Date(c.getTime() + 72 * HOUR);
    expect(cancellationLimit(c, e)).toEqual(new Date(e.getTime() - 48 * HOUR));
    expect(cancellationLimit(c, e)).toEqual(at('2026-04-16T18:30:00Z'));
  });

  it('at the boundaries: 96 hours and 48 hours ahead', () => {
    const c = at('2026-04-14T18:30:00Z');
    expect(cancellationLimit(c, new Date(c.getTime() + 96 * HOUR))).toEqual(
      new Date(c.getTime() + 48 * HOUR),
    );
    expect(cancellationLimit(c, new Date(c.getTime() + 48 * HOUR))).toEqual(c);
  });

  it('refuses invalid dates', () => {
    expect(() => cancellationLimit(new Date(Number.NaN), at('2026-04-18T18:30:00Z'))).toThrow(RangeError);
    expect(() => cancellationLimit(at('2026-04-18T18:30:00Z'), new Date(Number.NaN))).toThrow(RangeError);
  });

  it('property: the limit lies between C and max(C, E - 48h), and never after C + 48h', () => {
    const instant = fc.date({
      min: at('2000-01-01T00:00:00Z'),
      max: at('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, instant, (c, e) => {
        const limit = cancellationLimit(c, e).getTime();
        expect(limit).toBeGreaterThanOrEqual(c.getTime());
        expect(limit).toBeLessThanOrEqual(Math.max(c.getTime(), e.getTime() - 48 * HOUR));
        expect(limit).toBeLessThanOrEqual(c.getTime() + 48 * HOUR);
      }),
    );
  });
});

describe('canValidate', () => {
  const before = at('2026-04-14T10:00:00Z');
  const after = at('2026-04-16T10:00:00Z');

  it('the fixture is a valid booking', () => {
    expect(CountermarkBookingSchema.safeParse(booking()).success).toBe(true);
  });

  it('refuses reimbursed first, even a booking also cancelled or used', () => {
    expect(
      canValidate(booking({ status: 'reimbursed', reimbursedAt: '2026-05-01T08:00:00Z' }), after),
    ).toEqual({
      ok: false,
      reason: 'reimbursed',
    });
    expect(canValidate(booking({ status: 'reimbursed' }), before)).toEqual({
      ok: false,
      reason: 'reimbursed',
    });
    const cancelledAndReimbursed = booking({
      status: 'cancelled',
      cancelledAt: '2026-04-20T08:00:00Z',
      reimbursedAt: '2026-05-01T08:00:00Z',
    });
    expect(canValidate(cancelledAndReimbursed, after)).toEqual({ ok: false, reason: 'reimbursed' });
    expect(canValidate(booking({ status: 'used', reimbursedAt: '2026-05-01T08:00:00Z' }), after)).toEqual({
      ok: false,
      reason: 'reimbursed',
    });
  });

  it('then already used, even before the limit', () => {
    expect(canValidate(booking({ status: 'used', usedAt: '2026-04-16T09:00:00Z' }), before)).toEqual({
      ok: false,
      reason: 'already_used',
    });
  });

  it('then cancelled, even before the limit', () => {
    expect(
      canValidate(booking({ status: 'cancelled', cancelledAt: '2026-04-14T09:00:00Z' }), before),
    ).toEqual({
      ok: false,
      reason: 'cancelled',
    });
  });

  it('then too early before the cancellation limit, saying from when', () => {
    expect(canValidate(booking(), before)).toEqual({
      ok: false,
      reason: 'too_early',
      validFrom: at('2026-04-15T10:00:00Z'),
    });
    expect(canValidate(booking(), new Date(at('2026-04-15T10:00:00Z').getTime() - 1)).ok).toBe(false);
  });

  it('allows a confirmed booking from the limit on', () => {
    expect(canValidate(booking(), at('2026-04-15T10:00:00Z'))).toEqual({ ok: true });
    expect(canValidate(booking(), after)).toEqual({ ok: true });
  });

  it('tells the desk the exact date and time in the venue zone', () => {
    const createdAt = at('2026-04-17T18:30:00Z');
    const limit = cancellationLimit(createdAt, at('2026-04-25T18:30:00Z'));
    const b = booking({ createdAt: createdAt.toISOString(), cancellationLimit: limit.toISOString() });
    const result = canValidate(b, at('2026-04-18T12:00:00Z'));
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'too_early') throw new Error('expected too_early');
    expect(formatValidFrom(result.validFrom)).toBe(
      'Vous pourrez valider cette contremarque à partir du 19/04/2026 à 20:30, une fois le délai d’annulation passé.',
    );
  });

  it('refuses an invalid clock', () => {
    expect(() => canValidate(booking(), new Date(Number.NaN))).toThrow(RangeError);
  });

  it('property: a confirmed booking is valid exactly from its limit on', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100 * HOUR, max: 100 * HOUR }), (offset) => {
        const limit = at('2026-04-15T10:00:00Z').getTime();
        expect(canValidate(booking(), new Date(limit + offset)).ok).toBe(offset >= 0);
      }),
    );
  });
});

describe('canKeep', () => {
  it('refuses reimbursed first, even a booking also cancelled', () => {
    expect(canKeep(booking({ status: 'reimbursed' }))).toEqual({ ok: false, reason: 'reimbursed' });
    expect(canKeep(booking({ status: 'used', reimbursedAt: '2026-05-01T08:00:00Z' }))).toEqual({
      ok: false,
      reason: 'reimbursed',
    });
    expect(canKeep(booking({ status: 'cancelled', reimbursedAt: '2026-05-01T08:00:00Z' }))).toEqual({
      ok: false,
      reason: 'reimbursed',
    });
  });

  it('then cancelled, then not used', () => {
    expect(canKeep(booking({ status: 'cancelled' }))).toEqual({ ok: false, reason: 'cancelled' });
    expect(canKeep(booking({ status: 'confirmed' }))).toEqual({ ok: false, reason: 'not_used' });
  });

  it('undoes the validation of a used booking', () => {
    expect(canKeep(booking({ status: 'used', usedAt: '2026-04-18T18:00:00Z' }))).toEqual({ ok: true });
  });
});

describe('canCancel', () => {
  const beforeLimit = at('2026-04-14T10:00:00Z');
  const atLimit = at('2026-04-15T10:00:00Z');
  const afterEvent = at('2026-04-19T10:00:00Z');

  it('refuses reimbursed, then already used, then cancelled, for anyone', () => {
    for (const by of ['beneficiary', 'venue'] as const) {
      expect(canCancel(booking({ status: 'reimbursed' }), beforeLimit, by)).toEqual({
        ok: false,
        reason: 'reimbursed',
      });
      expect(
        canCancel(booking({ status: 'cancelled', reimbursedAt: '2026-05-01T08:00:00Z' }), beforeLimit, by),
      ).toEqual({ ok: false, reason: 'reimbursed' });
      expect(canCancel(booking({ status: 'used' }), beforeLimit, by)).toEqual({
        ok: false,
        reason: 'already_used',
      });
      expect(canCancel(booking({ status: 'cancelled' }), afterEvent, by)).toEqual({
        ok: false,
        reason: 'cancelled',
      });
    }
  });

  it('lets the beneficiary cancel only before the cancellation limit', () => {
    expect(canCancel(booking(), beforeLimit, 'beneficiary')).toEqual({ ok: true });
    expect(canCancel(booking(), new Date(atLimit.getTime() - 1), 'beneficiary')).toEqual({ ok: true });
    expect(canCancel(booking(), atLimit, 'beneficiary')).toEqual({
      ok: false,
      reason: 'cancellation_limit_passed',
    });
    expect(canCancel(booking(), afterEvent, 'beneficiary')).toEqual({
      ok: false,
      reason: 'cancellation_limit_passed',
    });
  });

  it('lets the venue cancel at any time before use', () => {
    expect(canCancel(booking(), beforeLimit, 'venue')).toEqual({ ok: true });
    expect(canCancel(booking(), afterEvent, 'venue')).toEqual({ ok: true });
  });

  it('property: beneficiary and validation never both allowed for a confirmed booking', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100 * HOUR, max: 100 * HOUR }), (offset) => {
        const now = new Date(atLimit.getTime() + offset);
        expect(canCancel(booking(), now, 'beneficiary').ok).toBe(!canValidate(booking(), now).ok);
      }),
    );
  });
});

describe('formatValidFrom', () => {
  it('writes the reference message in French, in Paris time (summer)', () => {
    expect(formatValidFrom(at('2026-04-19T18:30:00Z'))).toBe(
      'Vous pourrez valider cette contremarque à partir du 19/04/2026 à 20:30, une fois le délai d’annulation passé.',
    );
  });

  it('writes English too', () => {
    expect(formatValidFrom(at('2026-04-19T18:30:00Z'), 'Europe/Paris', 'en')).toBe(
      'You will be able to validate this countermark from 19/04/2026 at 20:30, once the cancellation period is over.',
    );
  });

  it('follows winter time, midnight and overseas zones', () => {
    expect(formatValidFrom(at('2026-01-10T19:30:00Z'))).toContain('10/01/2026 à 20:30');
    expect(formatValidFrom(at('2026-04-19T22:00:00Z'))).toContain('20/04/2026 à 00:00');
    expect(formatValidFrom(at('2026-04-19T18:30:00Z'), 'Indian/Reunion')).toContain('19/04/2026 à 22:30');
    expect(formatValidFrom(at('2026-04-20T01:30:00Z'), 'America/Cayenne', 'en')).toContain(
      '19/04/2026 at 22:30',
    );
  });

  it('refuses an unknown zone or an invalid date', () => {
    expect(() => formatValidFrom(at('2026-04-19T18:30:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => formatValidFrom(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('auto-use', () => {
  const event = at('2026-04-18T18:30:00Z');

  it('is due 48 hours after the event by default, or after the configured delay', () => {
    expect(autoUseDueAt(event)).toEqual(at('2026-04-20T18:30:00Z'));
    expect(autoUseDueAt(event, 72)).toEqual(at('2026-04-21T18:30:00Z'));
    expect(autoUseDueAt(event, 0)).toEqual(event);
  });

  it('refuses a negative or infinite delay', () => {
    expect(() => autoUseDueAt(event, -1)).toThrow(RangeError);
    expect(() => autoUseDueAt(event, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => autoUseDueAt(event, Number.NaN)).toThrow(RangeError);
  });

  it('applies to confirmed bookings only, from the due time on', () => {
    expect(isAutoUseDue(booking(), at('2026-04-20T18:29:59Z'))).toBe(false);
    expect(isAutoUseDue(booking(), at('2026-04-20T18:30:00Z'))).toBe(true);
    expect(isAutoUseDue(booking(), at('2026-04-20T18:30:00Z'), 72)).toBe(false);
    expect(isAutoUseDue(booking(), at('2026-04-21T18:30:00Z'), 72)).toBe(true);
    for (const status of ['used', 'cancelled', 'reimbursed'] as const) {
      expect(isAutoUseDue(booking({ status }), at('2026-05-30T00:00:00Z'))).toBe(false);
    }
  });
});

describe('places and duo', () => {
  const now = at('2026-04-13T10:00:00Z');
  type BookableStock = Pick<Stock, 'beginsAt' | 'bookingLimit' | 'quantity' | 'booked' | 'active'>;
  const stock = (overrides: Partial<BookableStock> = {}): BookableStock => ({
    beginsAt: '2026-04-18T18:30:00Z',
    bookingLimit: null,
    quantity: 100,
    booked: 0,
    active: true,
    ...overrides,
  });

  it('remaining places = quantity - booked, never below 0', () => {
    expect(remainingPlaces({ quantity: 100, booked: 98 })).toBe(2);
    expect(remainingPlaces({ quantity: 100, booked: 100 })).toBe(0);
    expect(remainingPlaces({ quantity: 90, booked: 95 })).toBe(0);
  });

  it('books 1 place, or 2 on a duo offer', () => {
    expect(canBook(stock(), 1, false, now, false)).toEqual({ ok: true });
    expect(canBook(stock(), 1, true, now, false)).toEqual({ ok: true });
    expect(canBook(stock(), 2, true, now, false)).toEqual({ ok: true });
    expect(canBook(stock({ booked: 98 }), 2, true, now, false)).toEqual({ ok: true });
  });

  it('refuses in order: already booked, not duo, inactive, past, booking limit, full', () => {
    const worst = stock({
      active: false,
      beginsAt: '2026-04-01T18:30:00Z',
      bookingLimit: '2026-04-01T00:00:00Z',
      booked: 100,
    });
    expect(canBook(worst, 2, false, now, true)).toEqual({ ok: false, reason: 'already_booked' });
    expect(canBook(worst, 2, false, now, false)).toEqual({ ok: false, reason: 'not_duo' });
    expect(canBook(worst, 2, true, now, false)).toEqual({ ok: false, reason: 'stock_inactive' });
    expect(canBook({ ...worst, active: true }, 2, true, now, false)).toEqual({
      ok: false,
      reason: 'stock_past',
    });
    expect(
      canBook({ ...worst, active: true, beginsAt: '2026-04-18T18:30:00Z' }, 2, true, now, false),
    ).toEqual({
      ok: false,
      reason: 'booking_limit_passed',
    });
    expect(canBook(stock({ booked: 100 }), 1, false, now, false)).toEqual({
      ok: false,
      reason: 'stock_full',
    });
  });

  it('the session is past from its start on', () => {
    expect(canBook(stock(), 1, false, at('2026-04-18T18:29:59Z'), false)).toEqual({ ok: true });
    expect(canBook(stock(), 1, false, at('2026-04-18T18:30:00Z'), false)).toEqual({
      ok: false,
      reason: 'stock_past',
    });
  });

  it('the booking limit is the last instant to book', () => {
    const s = stock({ bookingLimit: '2026-04-17T22:00:00Z' });
    expect(canBook(s, 1, false, at('2026-04-17T22:00:00Z'), false)).toEqual({ ok: true });
    expect(canBook(s, 1, false, at('2026-04-17T22:00:01Z'), false)).toEqual({
      ok: false,
      reason: 'booking_limit_passed',
    });
  });

  it('a duo needs two places left', () => {
    expect(canBook(stock({ booked: 99 }), 2, true, now, false)).toEqual({ ok: false, reason: 'stock_full' });
    expect(canBook(stock({ booked: 99 }), 1, true, now, false)).toEqual({ ok: true });
  });

  it('throws on a quantity other than 1 or 2', () => {
    expect(() => canBook(stock(), 3 as 1, true, now, false)).toThrow(RangeError);
    expect(() => canBook(stock(), 0 as 1, true, now, false)).toThrow(RangeError);
  });
});

describe('reimbursementPeriod', () => {
  it('splits each month on the 15th', () => {
    expect(reimbursementPeriod('2026-04-01')).toEqual({ start: '2026-04-01', end: '2026-04-15' });
    expect(reimbursementPeriod('2026-04-15')).toEqual({ start: '2026-04-01', end: '2026-04-15' });
    expect(reimbursementPeriod('2026-04-16')).toEqual({ start: '2026-04-16', end: '2026-04-30' });
    expect(reimbursementPeriod('2026-12-31')).toEqual({ start: '2026-12-16', end: '2026-12-31' });
    expect(reimbursementPeriod('2026-02-20')).toEqual({ start: '2026-02-16', end: '2026-02-28' });
    expect(reimbursementPeriod('2028-02-16')).toEqual({ start: '2028-02-16', end: '2028-02-29' });
  });

  it('refuses an impossible date', () => {
    expect(() => reimbursementPeriod('2026-02-30')).toThrow(RangeError);
  });

  it('property: the periods cover every day of a month exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }), (year, m) => {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const days = daysOfMonth(month);
        const periods = new Map(days.map((d) => [d, reimbursementPeriod(d)]));
        const distinct = [...new Set([...periods.values()].map((p) => `${p.start}/${p.end}`))];
        expect(distinct).toEqual([`${month}-01/${month}-15`, `${month}-16/${days.at(-1)}`]);
        // Each day lies in its own period and in no other.
        for (const [day, period] of periods) {
          const containing = distinct.filter((p) => {
            const [start, end] = p.split('/') as [string, string];
            return start <= day && day <= end;
          });
          expect(containing).toEqual([`${period.start}/${period.end}`]);
        }
      }),
    );
  });
});

describe('reimbursementRate', () => {
  it('gives the tier of the yearly revenue, bounds in the tier below', () => {
    expect(reimbursementRate(0)).toBe(10_000);
    expect(reimbursementRate(20_000_00)).toBe(10_000);
    expect(reimbursementRate(20_000_01)).toBe(9_500);
    expect(reimbursementRate(40_000_00)).toBe(9_500);
    expect(reimbursementRate(40_000_01)).toBe(9_200);
    expect(reimbursementRate(150_000_00)).toBe(9_200);
    expect(reimbursementRate(150_000_01)).toBe(9_000);
    expect(reimbursementRate(10_000_000_00)).toBe(9_000);
  });

  it('refuses a negative or non-integer revenue', () => {
    expect(() => reimbursementRate(-1)).toThrow(RangeError);
    expect(() => reimbursementRate(1.5)).toThrow(RangeError);
  });

  it('property: the rate never rises with revenue', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(reimbursementRate(high)).toBeLessThanOrEqual(reimbursementRate(low));
      }),
    );
  });
});

describe('reimbursedAmount', () => {
  it('pays the whole price while the year stays within 20,000 €', () => {
    expect(reimbursedAmount(800, 1_000_00)).toBe(800);
    // 19,992 € + 8 € = 20,000.00 € exactly: still 100 %.
    expect(reimbursedAmount(800, 19_992_00)).toBe(800);
  });

  it('applies the rate of the revenue including the booking to its whole price', () => {
    // 19,999 € + 8 € = 20,007 €: 95 % of the whole 8 €, not only of the 7 € above 20,000 €.
    expect(reimbursedAmount(800, 19_999_00)).toBe(760);
    expect(reimbursedAmount(800, 39_992_00)).toBe(760);
    expect(reimbursedAmount(800, 39_993_00)).toBe(736);
    expect(reimbursedAmount(800, 149_992_00)).toBe(736);
    expect(reimbursedAmount(800, 149_993_00)).toBe(720);
  });

  it('rounds to the cent half up', () => {
    expect(reimbursedAmount(10, 30_000_00)).toBe(10); // 9.5 -> 10
    expect(reimbursedAmount(5, 200_000_00)).toBe(5); // 4.5 -> 5 (banker's rounding would say 4)
    expect(reimbursedAmount(1, 100_000_00)).toBe(1); // 0.92 -> 1
    expect(reimbursedAmount(699, 100_000_00)).toBe(643); // 643.08 -> 643
    expect(reimbursedAmount(0, 200_000_00)).toBe(0);
  });

  it('stays exact for large prices', () => {
    expect(reimbursedAmount(100_000_000_00, 0)).toBe(90_000_000_00);
    expect(reimbursedAmount(Number.MAX_SAFE_INTEGER - 1, 0)).toBe(8106479329266891);
  });

  it('refuses negative or non-integer amounts, and a revenue too large to be exact', () => {
    expect(() => reimbursedAmount(-1, 0)).toThrow(RangeError);
    expect(() => reimbursedAmount(8.5, 0)).toThrow(RangeError);
    expect(() => reimbursedAmount(800, -1)).toThrow(RangeError);
    expect(() => reimbursedAmount(800, Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
  });

  it('property: between 90 % and 100 % of the price, and what the rate says to the cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_00 }),
        fc.integer({ min: 0, max: 300_000_00 }),
        (price, before) => {
          const amount = reimbursedAmount(price, before);
          expect(amount).toBeLessThanOrEqual(price);
          expect(amount).toBeGreaterThanOrEqual(Math.floor((price * 9_000) / 10_000));
          expect(Math.abs(amount - (price * reimbursementRate(before + price)) / 10_000)).toBeLessThanOrEqual(
            0.5,
          );
        },
      ),
    );
  });
});
