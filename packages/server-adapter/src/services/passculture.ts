import { formatValidFrom, instantInZone } from '@guichet/sdk/rules';
import type { CountermarkStatus, DeskCountermark } from '@guichet/sdk/schemas';
import { ProblemError, problem } from '../http/problem.js';
import type { GuichetConfig } from './context.js';
import type { CountermarkSource } from './countermarks.js';
import type { VenueRow } from './offers.js';

/**
 * The countermark source of a real cinema's desk: pass Culture's public API v1
 * (`/public/bookings/v1`, see shared/reference/passculture-public-api-v1.md), called by the server
 * with the provider's API key, which never reaches a browser. Its answers become our booking view
 * and its errors our problem codes:
 *
 * | pass Culture | Guichet |
 * |---|---|
 * | 404 `global` | `countermark_not_found` (counted by the desk's rate limit) |
 * | 403 `payment` | `countermark_reimbursed` |
 * | 410 `booking` "...validated" | `countermark_already_used` |
 * | 410 `booking` "...cancelled" | `countermark_cancelled` |
 * | 403 `booking` "Vous pourrez valider ... à partir du DD/MM/YYYY à HH:MM ..." | `countermark_too_early` with `validFrom` (read in the venue's zone) |
 * | 403 `booking` "...structure fermée" | `venue_closed` |
 * | 403 `booking` "...has not been used" | `countermark_not_used` |
 * | 403 `booking` "...cannot be cancelled anymore" | `countermark_cancellation_limit_passed` |
 * | any other 403/410 | `countermark_refused_upstream` (pass Culture's words in `detail`) |
 * | 401, 5xx, timeout, network, unreadable answer | `passculture_unavailable` |
 */

/** Where pass Culture is and the provider's key. */
export interface PassCultureConfig {
  /** Origin of pass Culture's backend (`https://backend.passculture.pro`); `/public/bookings/v1` is added. */
  apiUrl: string;
  apiKey: string;
}

/** The configured pass Culture API, from the server's config or else `PASSCULTURE_API_URL` / `PASSCULTURE_API_KEY`. */
export function passCultureConfig(config: GuichetConfig): PassCultureConfig | null {
  if (config.passCulture) return config.passCulture;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const apiUrl = env?.PASSCULTURE_API_URL;
  const apiKey = env?.PASSCULTURE_API_KEY;
  return apiUrl && apiKey ? { apiUrl, apiKey } : null;
}

/** A booking as `GET /public/bookings/v1/token/{token}` answers it (the fields we read). */
interface UpstreamBooking {
  id: number | string;
  creationDate: string;
  confirmationDate?: string | null;
  status: string;
  quantity: number;
  price: number;
  stockId: number | string;
  offerId: number | string;
  offerName: string;
  venueId: number | string;
  venueName: string;
  userFirstName?: string | null;
  userLastName?: string | null;
  userEmail?: string | null;
}

const STATUSES: Record<string, CountermarkStatus> = {
  CONFIRMED: 'confirmed',
  USED: 'used',
  CANCELLED: 'cancelled',
  REIMBURSED: 'reimbursed',
};

const TOO_EARLY = /à partir du (\d{2})\/(\d{2})\/(\d{4}) à (\d{2}):(\d{2})/;

/** pass Culture gives naive UTC date-times at times: read them as UTC. */
function instant(value: string): string {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const date = new Date(hasZone ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`Unreadable date ${value}`);
  return date.toISOString();
}

export interface PassCultureSourceOptions extends PassCultureConfig {
  /** The desk's venues that check pass Culture countermarks. */
  venues: VenueRow[];
  /** Zone of a "valid from" answer when the venue is not known (several venues): the network's. */
  timeZone: string;
  now: Date;
  /** Milliseconds one call may take. Default 10 000. */
  timeoutMs?: number;
}

/**
 * Forwards check / use / keep / cancel to pass Culture. A booking of a venue that is not one of the
 * desk's (by `passCultureVenueId`) reads as unknown; when no desk venue has that id set, the
 * provider key's own scope decides. pass Culture shows a used or cancelled booking only as an
 * error, so keeping or cancelling one cannot check its venue first: pass Culture's scope applies.
 */
export class PassCultureSource implements CountermarkSource {
  readonly #options: PassCultureSourceOptions;
  readonly #base: string;

  constructor(options: PassCultureSourceOptions) {
    this.#options = options;
    this.#base = `${options.apiUrl.replace(/\/+$/, '')}/public/bookings/v1`;
  }

  async check(token: string): Promise<DeskCountermark> {
    const booking = await this.#call('GET', `/token/${encodeURIComponent(token)}`);
    return this.#view(token, booking as UpstreamBooking);
  }

  async use(token: string): Promise<DeskCountermark> {
    const view = await this.check(token);
    await this.#call('PATCH', `/use/token/${encodeURIComponent(token)}`);
    return { ...view, status: 'used', usedAt: this.#options.now.toISOString() };
  }

  async keep(token: string): Promise<DeskCountermark> {
    await this.#precheck(token);
    await this.#call('PATCH', `/keep/token/${encodeURIComponent(token)}`);
    return this.check(token);
  }

  async cancel(token: string): Promise<void> {
    await this.#precheck(token);
    await this.#call('PATCH', `/cancel/token/${encodeURIComponent(token)}`);
  }

  /** Checks the venue when pass Culture shows the booking; unknown stays unknown. */
  async #precheck(token: string): Promise<void> {
    try {
      await this.check(token);
    } catch (err) {
      if (err instanceof ProblemError && err.code === 'countermark_not_found') throw err;
      if (err instanceof ProblemError && err.code === 'passculture_unavailable') throw err;
      // Used, cancelled, reimbursed, too early: the action itself gives the right answer.
    }
  }

  #venueOf(upstreamVenueId: string): VenueRow | null | undefined {
    const venues = this.#options.venues;
    const mapped = venues.filter((v) => v.passculture_venue_id);
    if (mapped.length === 0) return venues.length === 1 ? venues[0] : null;
    return mapped.find((v) => v.passculture_venue_id === upstreamVenueId);
  }

  #view(token: string, b: UpstreamBooking): DeskCountermark {
    const venue = this.#venueOf(String(b.venueId));
    if (venue === undefined) throw problem('countermark_not_found');
    const status = STATUSES[String(b.status).toUpperCase()];
    if (!status) throw unavailable(`unknown status ${b.status}`);
    try {
      return {
        source: 'passculture',
        id: String(b.id),
        token,
        status,
        offerId: String(b.offerId),
        offerName: b.offerName,
        stockId: String(b.stockId),
        venueId: venue?.id ?? `pc-${b.venueId}`,
        venueName: b.venueName,
        beginsAt: null,
        quantity: b.quantity,
        // pass Culture's `price` is the price of one place (its booking `amount`).
        price: Math.round(b.price) * b.quantity,
        beneficiary: {
          firstName: b.userFirstName || '-',
          lastName: b.userLastName || '-',
          email: b.userEmail ?? null,
        },
        createdAt: instant(b.creationDate),
        cancellationLimit: instant(b.confirmationDate ?? b.creationDate),
        usedAt: null,
        cancelledAt: null,
        reimbursedAt: null,
      };
    } catch (err) {
      throw unavailable((err as Error).message);
    }
  }

  async #call(method: 'GET' | 'PATCH', path: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.#base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.#options.apiKey}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
        redirect: 'error',
      });
    } catch (err) {
      throw unavailable((err as Error).message);
    }
    const text = await res.text().catch(() => '');
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      if (res.ok) throw unavailable('the answer is not JSON');
    }
    if (res.ok) return body;
    throw this.#problem(res.status, body);
  }

  #problem(status: number, body: unknown): ProblemError {
    if (status === 404) return problem('countermark_not_found');
    if (status === 401) return unavailable('the API key was refused (401)');
    if (status !== 403 && status !== 410) return unavailable(`status ${status}`);
    const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const messages = (key: string) => [fields[key]].flat().filter((m): m is string => typeof m === 'string');
    if (messages('payment').length) return problem('countermark_reimbursed');
    const text = [...messages('booking'), ...messages('global')].join(' ');
    const early = TOO_EARLY.exec(text);
    if (early) {
      const [, day, month, year, hour, minute] = early;
      const zone =
        this.#options.venues.length === 1 ? this.#options.venues[0]!.time_zone : this.#options.timeZone;
      const validFrom = instantInZone(`${year}-${month}-${day}`, `${hour}:${minute}`, zone);
      return new ProblemError(
        'countermark_too_early',
        { validFrom: validFrom.toISOString() },
        { fr: formatValidFrom(validFrom, zone, 'fr'), en: formatValidFrom(validFrom, zone, 'en') },
      );
    }
    if (/structure fermée/i.test(text)) return problem('venue_closed');
    if (/has not been used/i.test(text)) return problem('countermark_not_used');
    if (/cannot be cancelled anymore/i.test(text)) return problem('countermark_cancellation_limit_passed');
    if (/cancelled/i.test(text)) return problem('countermark_cancelled');
    if (/validated/i.test(text)) return problem('countermark_already_used');
    return problem('countermark_refused_upstream', { detail: text.slice(0, 500) || `status ${status}` });
  }
}

function unavailable(why: string): ProblemError {
  console.warn(`[guichet] pass Culture: ${why}`);
  return problem('passculture_unavailable');
}
