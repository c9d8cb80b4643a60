import ky, { isHTTPError } from 'ky';
import * as z from 'zod/mini';
import { type Api, api, type Endpoint, type EndpointName } from '../schemas/api.js';
import type { Lang, Page } from '../schemas/common.js';
import { type Problem, ProblemSchema } from '../schemas/problem.js';
import {
  GuichetHttpError,
  GuichetNetworkError,
  GuichetTimeoutError,
  GuichetValidationError,
  isGuichetError,
} from './errors.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /**
   * Where the Guichet server is: its origin, plus the path it is mounted under if any
   * (`https://guichet.ville.fr`, `https://www.ville.fr/guichet`). `/api/v1` is added unless the
   * URL already ends with it. Empty (the default) means the page's own origin, in a browser.
   */
  baseUrl?: string;
  /** A session or API key token, sent as `Authorization: Bearer`. See also `setToken`. */
  token?: string | null;
  /**
   * Whether the browser sends the session cookie: `same-origin` (fetch's default), `include`
   * for a page on another origin that signs in with a cookie, `omit` never.
   */
  credentials?: 'include' | 'same-origin' | 'omit';
  /** A `fetch` to use instead of the global one (any standard fetch, a Hono app's `fetch`...). */
  fetch?: (request: Request, init?: RequestInit) => Response | Promise<Response>;
  /** Milliseconds a call may take, retries and the answer's body included. Default 10 000. */
  timeout?: number;
  /** How many times a retriable call is retried (see {@link createClient}). Default 2. */
  retries?: number;
  /** Language of the errors' `message`. Default `fr`. */
  lang?: Lang;
  /**
   * Called (not awaited) with the error when the server answers 401 to a call that needs a
   * session (`unauthenticated`, `session_expired`): the place to send people to sign in.
   * A wrong password at `auth.login` does not call it.
   */
  onUnauthorized?: (error: GuichetHttpError) => void;
}

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call; it then rejects with the signal's reason (an `AbortError` by default). */
  signal?: AbortSignal;
  /** Milliseconds this call may take, retries included; overrides the client's `timeout`. */
  timeout?: number;
  /**
   * The `Idempotency-Key` of this logical call, for endpoints that accept one (those that book,
   * pay or create). One is made for you when absent; pass your own to resend a call safely
   * after a crash or a reload. Ignored by endpoints that are not idempotent.
   */
  idempotencyKey?: string;
}

type Empty = Record<never, never>;
type In<S> = z.input<NonNullable<S>>;
// An endpoint without a part has `ZodMiniType` there, whose input is `unknown`.
type Part<K extends string, S> =
  unknown extends In<S> ? Empty : Empty extends In<S> ? { [P in K]?: In<S> } : { [P in K]: In<S> };

/** What `client.call(name, input)` takes for an endpoint: its `params`, `query` and `body`. */
export type EndpointInput<N extends EndpointName> = Part<'params', Api[N]['params']> &
  Part<'query', Api[N]['query']> &
  Part<'body', Api[N]['body']>;

/** What an endpoint answers, parsed; `undefined` for the endpoints that answer nothing. */
export type EndpointOutput<N extends EndpointName> =
  unknown extends z.output<NonNullable<Api[N]['response']>>
    ? undefined
    : z.output<NonNullable<Api[N]['response']>>;

type CallArgs<N extends EndpointName> =
  Empty extends EndpointInput<N>
    ? [input?: EndpointInput<N>, options?: CallOptions]
    : [input: EndpointInput<N>, options?: CallOptions];

type Body<N extends EndpointName> = In<Api[N]['body']>;
type Query<N extends EndpointName> = In<Api[N]['query']>;

/**
 * A cursor-paged list. `for await` goes through every item, fetching the next page only when
 * needed; `pages()` goes page by page; `first()` fetches the first page alone. Each use starts
 * again from the first page.
 * @example
 * for await (const reservation of client.reservations.list(accountId, { status: 'waitlisted' })) {
 *   console.log(reservation.date, reservation.waitPosition);
 * }
 */
export interface Paginated<T> extends AsyncIterable<T> {
  pages(): AsyncIterableIterator<Page<T>>;
  first(): Promise<Page<T>>;
}

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];
/** Statuses whose `Retry-After` is honoured. */
const RETRY_AFTER_STATUS = [429, 503];
const MAX_TIMEOUT = 2_147_483_647;

/**
 * A typed client of a Guichet server's `/api/v1`, in browsers and in Node 20 (it uses only
 * `fetch`, `AbortController`, `Intl` and `crypto.getRandomValues`).
 *
 * Every method is `client.resource.verb(id?, params?, options?)`: the account (or item) id first
 * when the path has one, then an object of the rest, then {@link CallOptions}. Inputs are checked
 * against the contract before anything is sent and answers are parsed with the schemas the
 * server uses; failures throw the {@link GuichetError} family.
 *
 * Retries (`retries`, default 2, with backoff, honouring `Retry-After`) on 408, 429, 500, 502,
 * 503, 504 and network failures happen only for GET and for the POSTs that carry an
 * `Idempotency-Key` (the same key on every attempt of one call). Other calls are sent once.
 *
 * Sessions: in a browser on the same site, sign in with `mode: 'cookie'` (the default) and the
 * httpOnly cookie does the rest; on another origin or in Node, sign in with `mode: 'token'`:
 * the client keeps the token and sends it as `Authorization: Bearer` (or pass `token`).
 *
 * @example
 * import { createClient, isGuichetError } from '@guichet/sdk/client';
 *
 * const client = createClient({ baseUrl: 'https://guichet.ville.fr' });
 * await client.auth.login({ login: 'dupont', password: 'dupont-demo', mode: 'token' });
 * const { memberships } = await client.auth.session();
 * const accountId = memberships[0]!.accountId!;
 * const home = await client.accounts.get(accountId);
 * const month = await client.calendar.month(accountId, { memberId: home.account.members[0]!.id, month: '2026-04' });
 */
export function createClient(options: ClientOptions = {}) {
  const lang: Lang = options.lang ?? 'fr';
  const retries = options.retries ?? 2;
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError('`retries` must be an integer >= 0');
  const defaultTimeout = checkTimeout(options.timeout ?? 10_000);
  const root = (options.baseUrl ?? '').replace(/\/+$/, '');
  const prefix = root.endsWith('/api/v1') ? root : `${root}/api/v1`;
  let token = options.token ?? null;
  const userFetch = options.fetch;
  const http = ky.create({
    timeout: false, // the client keeps its own deadline over the whole call
    throwHttpErrors: true,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(userFetch ? { fetch: (input, init) => Promise.resolve(userFetch(input as Request, init)) } : {}),
  });

  async function request<N extends EndpointName>(
    name: N,
    input: EndpointInput<N> | undefined,
    callOptions: CallOptions = {},
  ): Promise<EndpointOutput<N>> {
    const endpoint: Endpoint = api[name];
    const given = (input ?? {}) as { params?: unknown; query?: unknown; body?: unknown };
    const params = checkInput(name, endpoint.params, given.params) as Record<string, unknown> | undefined;
    const query = checkInput(name, endpoint.query, given.query ?? {}) as Record<string, unknown> | undefined;
    const body = checkInput(name, endpoint.body, given.body);

    const path = endpoint.path.replace(/\{(\w+)\}/g, (_: string, key: string) =>
      encodeURIComponent(String(params?.[key])),
    );
    const searchParams = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined) searchParams.set(key, String(value));

    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': lang,
    };
    // Public endpoints (login, password reset) go without it: a stale token must not stop a login.
    const isPublic = endpoint.roles.includes('public');
    if (token && !isPublic) headers.Authorization = `Bearer ${token}`;
    // One key per logical call, made before the first attempt: every retry carries the same.
    const key = endpoint.idempotent ? (callOptions.idempotencyKey ?? newIdempotencyKey()) : undefined;
    if (key !== undefined) headers['Idempotency-Key'] = key;
    const retriable = endpoint.method === 'GET' || (endpoint.method === 'POST' && key !== undefined);

    const { signal: userSignal } = callOptions;
    userSignal?.throwIfAborted();
    const timeout = checkTimeout(callOptions.timeout ?? defaultTimeout);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeout);
    const signal = userSignal ? AbortSignal.any([userSignal, deadline.signal]) : deadline.signal;

    try {
      const response = await http(`${prefix}${path}`, {
        method: endpoint.method,
        headers,
        signal,
        ...(body !== undefined ? { json: body } : {}),
        ...(searchParams.toString() ? { searchParams } : {}),
        retry: {
          limit: retriable ? retries : 0,
          methods: [endpoint.method.toLowerCase()],
          statusCodes: RETRY_STATUS,
          afterStatusCodes: RETRY_AFTER_STATUS,
        },
      });
      const text = await response.text();
      const output = parseOutput(name, endpoint, text) as EndpointOutput<N>;
      afterSuccess(name, output);
      return output;
    } catch (error) {
      if (isGuichetError(error)) throw error;
      if (userSignal?.aborted) throw userSignal.reason;
      if (deadline.signal.aborted) throw new GuichetTimeoutError(timeout, { lang, cause: error });
      if (isHTTPError(error)) {
        const text = await error.response.text().catch(() => '');
        if (userSignal?.aborted) throw userSignal.reason;
        if (deadline.signal.aborted) throw new GuichetTimeoutError(timeout, { lang, cause: error });
        const failure = problemOf(error.response, text);
        const { onUnauthorized } = options;
        // In a microtask: a throwing callback is reported, and the caller still gets the 401.
        if (failure.status === 401 && !isPublic && onUnauthorized)
          queueMicrotask(() => onUnauthorized(failure));
        throw failure;
      }
      throw new GuichetNetworkError({ lang, cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  function checkInput(name: EndpointName, schema: z.ZodMiniType | undefined, value: unknown) {
    if (!schema) return undefined;
    const result = z.safeParse(schema, value);
    if (!result.success) throw new GuichetValidationError('request', name, result.error.issues, { lang });
    return result.data;
  }

  function parseOutput(name: EndpointName, endpoint: Endpoint, text: string): unknown {
    if (!endpoint.response) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      const issue = {
        code: 'custom',
        path: [],
        message: 'The answer is not JSON',
        input: text.slice(0, 200),
      };
      throw new GuichetValidationError('response', name, [issue as z.core.$ZodIssue], { lang, cause });
    }
    const result = z.safeParse(endpoint.response, json);
    if (!result.success) throw new GuichetValidationError('response', name, result.error.issues, { lang });
    return result.data;
  }

  /** The error for an error answer: its problem, or one described from the status. */
  function problemOf(response: Response, text: string): GuichetHttpError {
    const requestId = response.headers.get('X-Request-Id') ?? undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // Not a problem document (a proxy's HTML page): described from the status below.
    }
    const parsed = z.safeParse(ProblemSchema, json);
    if (parsed.success) return new GuichetHttpError(parsed.data, { lang, requestId });
    const status = response.status;
    const problem: Problem = {
      type: 'about:blank',
      title: response.statusText || `HTTP ${status}`,
      status,
      code: 'http_error',
      messages: {
        fr: `Le serveur a répondu par une erreur (${status}).`,
        en: `The server answered with an error (${status}).`,
      },
    };
    return new GuichetHttpError(problem, { lang, requestId });
  }

  function afterSuccess(name: EndpointName, output: unknown) {
    if (name === 'login') {
      const session = output as EndpointOutput<'login'>;
      if (session.token) token = session.token;
    } else if (name === 'logout') token = null;
  }

  /**
   * Calls any endpoint of the contract by name, typed by it: the methods below are one line
   * over this, and a new endpoint is callable here as soon as it is in the contract.
   * @example
   * const view = await client.call('account', { params: { accountId } }, { timeout: 5_000 });
   */
  function call<N extends EndpointName>(name: N, ...[input, callOptions]: CallArgs<N>) {
    return request(name, input, callOptions);
  }

  function paginate<N extends 'reservations' | 'adminAccounts' | 'adminVoucherOrders' | 'adminVouchers', T>(
    fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
    name: N,
  ): Paginated<T> {
    async function* pages(): AsyncGenerator<Page<T>, void, undefined> {
      let cursor: string | undefined;
      for (;;) {
        const page = await fetchPage(cursor);
        yield page;
        if (page.next === undefined) return;
        if (page.next === cursor) {
          const issue = { code: 'custom', path: ['next'], message: 'The cursor did not move', input: cursor };
          throw new GuichetValidationError('response', name, [issue as z.core.$ZodIssue], { lang });
        }
        cursor = page.next;
      }
    }
    return {
      pages,
      first: () => fetchPage(undefined),
      async *[Symbol.asyncIterator]() {
        for await (const page of pages()) yield* page.items;
      },
    };
  }

  return {
    call,

    /**
     * Sets (or, with `null`, forgets) the bearer token sent with every call. `auth.login` with
     * `mode: 'token'` sets it and `auth.logout` forgets it.
     * @example client.setToken(localStorage.getItem('guichet-token'));
     */
    setToken(value: string | null | undefined): void {
      token = value || null;
    },

    /** The bearer token the client sends, if any. */
    get token(): string | null {
      return token;
    },

    /** Signing in and out, the session, password recovery. */
    auth: {
      /**
       * Signs in. With `mode: 'token'` the answer carries a bearer token, which the client keeps;
       * otherwise the server sets an httpOnly cookie (same-site pages).
       * @example
       * const session = await client.auth.login({ login: 'dupont', password: 'dupont-demo', mode: 'token' });
       */
      login: (body: Body<'login'>, options?: CallOptions) => call('login', { body }, options),
      /** Signs out and forgets the token. */
      logout: (options?: CallOptions) => call('logout', {}, options),
      /** Who is signed in, with their structures and roles. */
      session: (options?: CallOptions) => call('session', {}, options),
      /** Moves the session to another structure of the user. */
      switchStructure: (body: Body<'switchStructure'>, options?: CallOptions) =>
        call('switchStructure', { body }, options),
      /** Mails a single-use reset link; answers the same whether or not the login exists. */
      requestPasswordReset: (body: Body<'requestPasswordReset'>, options?: CallOptions) =>
        call('requestPasswordReset', { body }, options),
      /** Sets a new password with the token of a reset link. */
      resetPassword: (body: Body<'resetPassword'>, options?: CallOptions) =>
        call('resetPassword', { body }, options),
    },

    /** The signed-in user. */
    profile: {
      get: (options?: CallOptions) => call('profile', {}, options),
      /** Changes the email. */
      update: (body: Body<'updateProfile'>, options?: CallOptions) =>
        call('updateProfile', { body }, options),
      /** Changes the password; the user's other sessions are closed. */
      changePassword: (body: Body<'changePassword'>, options?: CallOptions) =>
        call('changePassword', { body }, options),
    },

    /** A family's account. */
    accounts: {
      /** The account with its members, wallets, the structure and its notices. */
      get: (accountId: string, options?: CallOptions) => call('account', { params: { accountId } }, options),
    },

    /** A member's calendar. */
    calendar: {
      /**
       * A member's month, for one activity or all: the state of each day.
       * @example
       * const { days } = await client.calendar.month(accountId, { memberId, month: '2026-04' });
       */
      month: (
        accountId: string,
        { memberId, ...query }: { memberId: string } & Query<'calendar'>,
        options?: CallOptions,
      ) => call('calendar', { params: { accountId, memberId }, query }, options),
    },

    /** Booking requests: a basket of adds and removes. */
    bookings: {
      /**
       * Sends a basket; each line gets its outcome (accepted, waitlisted, cancelled, refused).
       * Idempotent: retried safely under one `Idempotency-Key` (pass `idempotencyKey` to keep
       * it across reloads).
       * @example
       * const { lines } = await client.bookings.submit(accountId, {
       *   changes: [{ op: 'add', memberId, activityId, date: '2026-04-20' }],
       * });
       */
      submit: (accountId: string, body: Omit<Body<'book'>, 'dryRun'>, options?: CallOptions) =>
        call('book', { params: { accountId }, body: { ...body, dryRun: false } }, options),
      /** The recap of a basket (what it will do and cost) without booking anything. */
      preview: (accountId: string, body: Omit<Body<'book'>, 'dryRun'>, options?: CallOptions) =>
        call('book', { params: { accountId }, body: { ...body, dryRun: true } }, options),
    },

    /** The reservations of an account (suivi). */
    reservations: {
      /**
       * Reservations by period, status and member, every page.
       * @example
       * const all = await Array.fromAsync(client.reservations.list(accountId, { from: '2026-04-01' }));
       */
      list: (accountId: string, query: Omit<Query<'reservations'>, 'cursor'> = {}, options?: CallOptions) =>
        paginate(
          (cursor) =>
            call(
              'reservations',
              { params: { accountId }, query: { ...query, ...(cursor ? { cursor } : {}) } },
              options,
            ),
          'reservations',
        ),
    },

    /** Wallets (porte-monnaie). */
    wallets: {
      /** Balances and the estimated cost of reservations until `until` (default: the server's choice). */
      get: (accountId: string, query: Query<'wallets'> = {}, options?: CallOptions) =>
        call('wallets', { params: { accountId }, query }, options),
    },

    /** Consumption and payment history. */
    history: {
      /**
       * A month's consumptions and payments.
       * @example const { consumptions, payments } = await client.history.month(accountId, '2026-03');
       */
      month: (accountId: string, month: string, options?: CallOptions) =>
        call('history', { params: { accountId }, query: { month } }, options),
    },

    /** Cartoonettes: a centre's page and orders (referent), the desk's look-up and debit (cashier). */
    vouchers: {
      /**
       * A centre's cartoonette: the voucher and its QR payload, places left per lot with their
       * expiry, debits and orders.
       * @example const { placesLeft, nearestExpiry } = await client.vouchers.get(accountId);
       */
      get: (accountId: string, options?: CallOptions) =>
        call('accountVoucher', { params: { accountId } }, options),
      /** Orders places, at least 14 days before the first session (`order_too_late` otherwise). */
      order: (accountId: string, body: Body<'orderVoucherPlaces'>, options?: CallOptions) =>
        call('orderVoucherPlaces', { params: { accountId }, body }, options),
      /** Reads a scanned QR payload or a typed number at a venue's desk (`forged_code`, `unknown_voucher`). */
      lookup: (body: Body<'deskVoucherLookup'>, options?: CallOptions) =>
        call('deskVoucherLookup', { body }, options),
      /**
       * Debits places at a venue, all or nothing. Idempotent: retried under one `Idempotency-Key`;
       * pass `idempotencyKey` to resend the same debit after a reload.
       * @example
       * const { debit, voucher } = await client.vouchers.debit({ venueId, code: scanned, places: 12 });
       */
      debit: (body: Body<'deskVoucherDebit'>, options?: CallOptions) =>
        call('deskVoucherDebit', { body }, options),
    },

    /** Group screenings asked for by leisure centres and answered by the cinema. */
    screenings: {
      /** A centre asks for a session (paid by cartoonette, or on site by card). */
      request: (accountId: string, body: Body<'requestScreening'>, options?: CallOptions) =>
        call('requestScreening', { params: { accountId }, body }, options),
      /** A centre's requests. */
      list: (accountId: string, options?: CallOptions) =>
        call('accountScreenings', { params: { accountId } }, options),
      /** Requests of the venues the caller (admin, cashier) handles. */
      listForStaff: (query: Query<'screeningRequests'> = {}, options?: CallOptions) =>
        call('screeningRequests', { query }, options),
      /** Confirms or declines a request with a message to the centre. */
      decide: (id: string, body: Body<'decideScreening'>, options?: CallOptions) =>
        call('decideScreening', { params: { id }, body }, options),
      /** The confirmed groups of a day at a venue, for its desk. */
      groupsOfDay: (venueId: string, date: string, options?: CallOptions) =>
        call('deskGroups', { params: { venueId }, query: { date } }, options),
    },

    /** Endpoints for the staff of a structure (role `admin`). */
    admin: {
      activities: {
        list: (options?: CallOptions) => call('adminActivities', {}, options),
        create: (body: Body<'createActivity'>, options?: CallOptions) =>
          call('createActivity', { body }, options),
        /** Changes an activity; new prices apply to new bookings only. */
        update: (id: string, body: Body<'updateActivity'>, options?: CallOptions) =>
          call('updateActivity', { params: { id }, body }, options),
      },
      slots: {
        /** Days of an activity in a period, with their counts. */
        list: (query: Query<'adminSlots'>, options?: CallOptions) => call('adminSlots', { query }, options),
        /** Creates or updates a period's days of an activity at once (a school holiday). */
        createBulk: (body: Body<'createSlots'>, options?: CallOptions) =>
          call('createSlots', { body }, options),
      },
      accounts: {
        /** Family accounts of the structure, every page; `q` searches. */
        list: (query: Omit<Query<'adminAccounts'>, 'cursor'> = {}, options?: CallOptions) =>
          paginate(
            (cursor) =>
              call('adminAccounts', { query: { ...query, ...(cursor ? { cursor } : {}) } }, options),
            'adminAccounts',
          ),
        /** Creates a family account, and its login when `login` and `password` are given. */
        create: (body: Body<'createAccount'>, options?: CallOptions) =>
          call('createAccount', { body }, options),
      },
      members: {
        /** Adds a member (a child) to an account. */
        create: (accountId: string, body: Body<'createMember'>, options?: CallOptions) =>
          call('createMember', { params: { accountId }, body }, options),
      },
      payments: {
        /** Records a cheque, cash or transfer payment, credited to a wallet. */
        record: (body: Body<'recordPayment'>, options?: CallOptions) =>
          call('recordPayment', { body }, options),
      },
      notices: {
        /** Publishes a notice to the structure's families. */
        create: (body: Body<'createNotice'>, options?: CallOptions) =>
          call('createNotice', { body }, options),
      },
      apiKeys: {
        /** Creates an API key for an integrator; `key` is in this answer only. */
        create: (body: Body<'createApiKey'>, options?: CallOptions) =>
          call('createApiKey', { body }, options),
      },
      vouchers: {
        /** Vouchers of the network by number, every page; `q` searches the number or the holder. */
        list: (query: Omit<Query<'adminVouchers'>, 'cursor'> = {}, options?: CallOptions) =>
          paginate(
            (cursor) =>
              call('adminVouchers', { query: { ...query, ...(cursor ? { cursor } : {}) } }, options),
            'adminVouchers',
          ),
        /** Blocks (`blocked`) or unblocks (`active`) a voucher. */
        setStatus: (id: string, status: Body<'setVoucherStatus'>['status'], options?: CallOptions) =>
          call('setVoucherStatus', { params: { id }, body: { status } }, options),
        /** Gives back the places of a debit with a compensating entry; once per debit. */
        reverseDebit: (debitId: string, reason: string, options?: CallOptions) =>
          call('reverseVoucherDebit', { params: { id: debitId }, body: { reason } }, options),
      },
      voucherOrders: {
        /** Orders of places, newest first, every page. */
        list: (query: Omit<Query<'adminVoucherOrders'>, 'cursor'> = {}, options?: CallOptions) =>
          paginate(
            (cursor) =>
              call('adminVoucherOrders', { query: { ...query, ...(cursor ? { cursor } : {}) } }, options),
            'adminVoucherOrders',
          ),
        /** Marks an order paid by administrative order: its places are loaded (the first load creates the voucher). */
        markPaid: (id: string, paymentReference: string, options?: CallOptions) =>
          call('markVoucherOrderPaid', { params: { id }, body: { paymentReference } }, options),
      },
    },
    /** Venues of a cinema network: address (an itinerant cinema's differs), zone, countermark source. */
    venues: {
      /** The network's venues; a cashier gets their own. */
      list: (options?: CallOptions) => call('venues', {}, options),
      create: (body: Body<'createVenue'>, options?: CallOptions) => call('createVenue', { body }, options),
      /** Changes a venue; `countermarkSource: 'passculture'` sends its desk's checks to pass Culture. */
      update: (id: string, body: Body<'updateVenue'>, options?: CallOptions) =>
        call('updateVenue', { params: { id }, body }, options),
    },

    /** Offers of a cinema network and their sessions (role `admin`, or the network's API key). */
    offers: {
      list: (query: Query<'offers'> = {}, options?: CallOptions) => call('offers', { query }, options),
      /**
       * Creates an offer: a screening, film event, open-air cinema or festival; `isDuo` allows 2 places.
       * @example
       * const offer = await client.offers.create({ venueId, name: 'Le Voyage de Chihiro', category: 'screening', isDuo: true });
       */
      create: (body: Body<'createOffer'>, options?: CallOptions) => call('createOffer', { body }, options),
      update: (id: string, body: Body<'updateOffer'>, options?: CallOptions) =>
        call('updateOffer', { params: { id }, body }, options),
      /** Activates or deactivates an offer: its sessions can no longer be booked while inactive. */
      setActive: (id: string, active: boolean, options?: CallOptions) =>
        call('updateOffer', { params: { id }, body: { active } }, options),
      /** Imports a JSON or CSV programme (docs/showtimes-import.md); importing it again changes nothing. */
      import: (body: Body<'importShowtimes'>, options?: CallOptions) =>
        call('importShowtimes', { body }, options),
      /** Sessions (stocks): date-time, price of a place, quantity, booking limit. */
      stocks: {
        list: (offerId: string, options?: CallOptions) =>
          call('offerStocks', { params: { id: offerId } }, options),
        create: (offerId: string, body: Body<'createStock'>, options?: CallOptions) =>
          call('createStock', { params: { id: offerId }, body }, options),
        /** Changes a session; `active: false` deactivates it; the quantity never goes below what is booked. */
        update: (stockId: string, body: Body<'updateStock'>, options?: CallOptions) =>
          call('updateStock', { params: { id: stockId }, body }, options),
      },
    },

    /**
     * Countermarks: bookings made for beneficiaries by the network's ticketing site (API key or
     * `admin`), and the desk's check, validation, undo and cancellation (cashier). Refusals are
     * `GuichetHttpError`s: `countermark_not_found`, `countermark_reimbursed`,
     * `countermark_already_used`, `countermark_cancelled`, `countermark_too_early` (its message
     * gives the date and time; `problem.validFrom`), `rate_limited`...
     */
    countermarks: {
      /**
       * Books a session for a beneficiary (1 place, or 2 on a duo offer); the answer holds the token.
       * @example
       * const { token } = await client.countermarks.book({
       *   stockId, quantity: 2, beneficiary: { firstName: 'Inès', lastName: 'MOREAU', email: 'ines@example.fr' },
       * });
       */
      book: (body: Body<'bookCountermark'>, options?: CallOptions) =>
        call('bookCountermark', { body }, options),
      list: (query: Query<'countermarkBookings'> = {}, options?: CallOptions) =>
        call('countermarkBookings', { query }, options),
      get: (bookingId: string, options?: CallOptions) =>
        call('countermarkBooking', { params: { id: bookingId } }, options),
      /** Cancels for the beneficiary (before the cancellation limit) or for the venue (before use). */
      cancelBooking: (bookingId: string, by: Body<'cancelCountermarkBooking'>['by'], options?: CallOptions) =>
        call('cancelCountermarkBooking', { params: { id: bookingId }, body: { by } }, options),
      /**
       * Checks a typed or scanned token at the desk: the booking when it may be validated now.
       * @example
       * const booking = await client.countermarks.check('k7qx-2m');
       */
      check: (token: string, query: Query<'deskCountermark'> = {}, options?: CallOptions) =>
        call('deskCountermark', { params: { token }, query }, options),
      /** Validates ("uses") a countermark. */
      use: (token: string, query: Query<'deskUseCountermark'> = {}, options?: CallOptions) =>
        call('deskUseCountermark', { params: { token }, query }, options),
      /** Undoes a validation, until the booking is reimbursed. */
      keep: (token: string, query: Query<'deskKeepCountermark'> = {}, options?: CallOptions) =>
        call('deskKeepCountermark', { params: { token }, query }, options),
      /** Cancels the booking for the venue, at any time before use. */
      cancel: (token: string, query: Query<'deskCancelCountermark'> = {}, options?: CallOptions) =>
        call('deskCancelCountermark', { params: { token }, query }, options),
      /** Half-monthly reimbursement statements of the venues, newest first. */
      statements: (query: Query<'reimbursementStatements'> = {}, options?: CallOptions) =>
        call('reimbursementStatements', { query }, options),
    },

    /** Card payments of a family account. */
    payments: {
      /**
       * Starts a card payment of amounts per wallet; send the browser to `redirectUrl`. The wallets
       * are credited when the provider confirms, once. Idempotent under one `Idempotency-Key`.
       * @example
       * const { redirectUrl } = await client.payments.start(accountId, {
       *   amounts: { [walletId]: 7900 }, email: 'jean-paul.dupont@example.fr', returnUrl: location.href,
       * });
       * location.assign(redirectUrl);
       */
      start: (accountId: string, body: Body<'startPayment'>, options?: CallOptions) =>
        call('startPayment', { params: { accountId }, body }, options),
      /** A card payment and its status (`pending`, `paid`, `refused`, `abandoned`). */
      get: (accountId: string, paymentId: string, options?: CallOptions) =>
        call('paymentStatus', { params: { accountId, paymentId } }, options),
    },

    /** The private iCalendar feed of a family's reservations, for phones. */
    feeds: {
      /** Whether the account has a feed (its address is not shown again). */
      get: (accountId: string, options?: CallOptions) =>
        call('calendarFeed', { params: { accountId } }, options),
      /** Creates the feed or gives it a new address; `url` is in this answer only, the old one stops working. */
      rotate: (accountId: string, options?: CallOptions) =>
        call('rotateCalendarFeed', { params: { accountId } }, options),
      /** Revokes the feed. */
      revoke: (accountId: string, options?: CallOptions) =>
        call('revokeCalendarFeed', { params: { accountId } }, options),
    },
  };
}

/** A client made by {@link createClient}. */
export type GuichetClient = ReturnType<typeof createClient>;

function checkTimeout(timeout: number): number {
  if (!(timeout > 0 && timeout <= MAX_TIMEOUT))
    throw new RangeError(`\`timeout\` must be 1 to ${MAX_TIMEOUT} ms`);
  return timeout;
}

/** A random UUID v4; `crypto.randomUUID` is missing on pages not served over HTTPS. */
function newIdempotencyKey(): string {
  const cryptoApi = globalThis.crypto;
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  const b = cryptoApi.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
