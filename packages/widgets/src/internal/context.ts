import type { GuichetClient } from '@guichet/sdk/client';
import type { Lang, Session } from '@guichet/sdk/schemas';
import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { GuichetEvent } from './guichet-element.js';

/**
 * How the widgets reach the server: one sdk client and one session, shared by a
 * `<guichet-provider>` through @lit/context, or made by a lone widget from its own `api` attribute.
 *
 * For a component author the whole API is {@link GuichetClientController}:
 *
 * ```ts
 * class MyWidget extends GuichetElement {
 *   static override properties = { api: {}, account: {} };
 *   declare api: string;
 *   declare account: string;
 *   // Calls `refresh` whenever the client, the session or `account` changes.
 *   readonly guichet = new GuichetClientController(this, () => this.refresh());
 *   refresh() {
 *     const account = this.guichet.accountId(this.account);
 *     if (account) this.guichet.load((client) => client.wallets.get(account)).then(...);
 *   }
 * }
 * ```
 */

/** How the session travels: an httpOnly cookie (same-site pages) or a bearer token (cross-origin pages). */
export type SessionMode = 'cookie' | 'token';

/**
 * The sdk client (`createClient` of `@guichet/sdk/client`). Imported as a type only: the client
 * module itself is loaded on first use by {@link connectGuichet}.
 */
export type { GuichetClient };

/** What a `<guichet-provider>` gives the widgets inside it. A new object each time the session changes. */
export interface GuichetContextValue {
  client: GuichetClient;
  session: Session | null;
  /** Records a new session (after login, structure switch) or `null` (logout, expiry). */
  setSession(session: Session | null): void;
  /** How the provider keeps the session; a login form sends it. */
  mode: SessionMode;
}

/** The context key. `Symbol.for` so that two copies of the widgets on one page still meet. */
export const guichetContext = createContext<GuichetContextValue>(Symbol.for('guichet-context'));

/**
 * Fired when the server answered 401 (the session expired or was closed). A provider hears it
 * and forgets its session, so `<guichet-login>` shows its form again; a host may do the same.
 */
export class GuichetSessionExpiredEvent extends GuichetEvent<{ status: number }> {
  constructor() {
    super('guichet-session-expired', { status: 401 });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'guichet-session-expired': GuichetSessionExpiredEvent;
  }
}

/** `token` when the API lives on another origin than the page (cookies would be third-party), else `cookie`. */
export function sessionModeFor(api: string): SessionMode {
  return apiOrigin(api) === location.origin ? 'cookie' : 'token';
}

function apiOrigin(api: string): string {
  return new URL(api, location.href).origin;
}

/**
 * Where a bearer token is kept: `sessionStorage`, per API origin. It lives as long as the tab,
 * is not shared with other tabs, and never leaves the page's origin. Cookie sessions store nothing.
 */
export function tokenKey(api: string): string {
  return `guichet:token:${apiOrigin(api)}`;
}

/** Keeps (or, with `undefined`, forgets) the bearer token for `api`. Storage errors (private mode) are ignored. */
export function storeToken(api: string, token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(tokenKey(api), token);
    else sessionStorage.removeItem(tokenKey(api));
  } catch {
    // Without storage the session lasts as long as the page.
  }
}

function storedToken(api: string): string | undefined {
  try {
    return sessionStorage.getItem(tokenKey(api)) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes an sdk client for `api` and, unless `session` is given, restores the page's session with it
 * (`connect.ts`). Both load on first use, so a widget given its data (or under a provider) never
 * downloads them.
 */
export async function connectGuichet(
  api: string,
  options: { lang: Lang; mode?: SessionMode | undefined; session?: Session | null | undefined },
): Promise<{ client: GuichetClient; mode: SessionMode; session: Session | null }> {
  const mode = options.mode ?? sessionModeFor(api);
  const { connect } = await import('./connect.js');
  const { client, session } = await connect({
    api,
    lang: options.lang,
    mode,
    token: mode === 'token' ? storedToken(api) : undefined,
    session: options.session,
    forgetToken: () => storeToken(api, undefined),
  });
  return { client, mode, session };
}

/** The account a session works on: the family account of its current structure. */
export function sessionAccountId(session: Session | null): string | undefined {
  if (!session) return undefined;
  return session.memberships.find((m) => m.structureId === session.currentStructureId && m.accountId)
    ?.accountId;
}

/** The first venue of the session's current structure (a cashier's desk). */
export function sessionVenueId(session: Session | null): string | undefined {
  return session?.memberships.find((m) => m.structureId === session.currentStructureId && m.venueIds?.length)
    ?.venueIds?.[0];
}

/** Whether `error` is an HTTP 401 answer (any copy of the sdk's `GuichetHttpError`). */
export function isUnauthorized(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 401;
}

/**
 * The words for an error in `lang`: the server's problem message (every sdk error carries
 * `messages.fr` and `messages.en`), else `fallback`.
 */
export function errorMessage(error: unknown, lang: Lang, fallback: string): string {
  const messages = (error as { messages?: Partial<Record<Lang, unknown>> } | null)?.messages;
  const text = messages?.[lang];
  return typeof text === 'string' && text ? text : fallback;
}

/** Where a load stands. `expired`: the server answered 401. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error' | 'expired';

/** What the controller needs of its element: a Lit host with `api` (and `account`), a language, events. */
export type ClientHost = ReactiveControllerHost &
  HTMLElement & { api: string; account?: string; readonly language: Lang };

/**
 * Gives an element its client and session, and runs its loads.
 *
 * - Under a `<guichet-provider>`: the provider's client and session (kept up to date).
 * - Alone: a client made from the element's `api` attribute (bearer token from `sessionStorage`
 *   in token mode) and the session the server knows for the page (one request for the lone
 *   elements connected together, {@link connectGuichet}), then the one a login made. A
 *   `guichet-login` or `guichet-logout` anywhere on the page makes it start again, so lone widgets
 *   follow a lone `<guichet-login>`.
 *
 * `onChange` runs whenever the client or the session changes, when the element's `account` changes
 * (after its first value), and on the page events of `reloadOn` (another element booked): reload there.
 * `load(job)` runs a request, tracks `status`/`error` (re-rendering the host), drops answers that
 * a newer load overtook, and on a 401 sets `status` to `expired` and fires `guichet-session-expired`.
 */
export class GuichetClientController implements ReactiveController {
  /** Where the element's last load stands. */
  status: LoadStatus = 'idle';
  /** The error of the last load, when `status` is `error`. */
  error: unknown = undefined;

  readonly #host: ClientHost;
  readonly #onChange: () => void;
  readonly #consumer: ContextConsumer<typeof guichetContext, ClientHost>;
  readonly #reloadOn: readonly string[];
  #own: { api: string; client: GuichetClient; mode: SessionMode } | undefined;
  #ownSession: Session | null = null;
  #loads = 0;
  /** The host's `account` at its last update. */
  #account: string | undefined;

  constructor(
    host: ClientHost,
    onChange: () => void = () => {},
    options: { reloadOn?: readonly (keyof GlobalEventHandlersEventMap)[] } = {},
  ) {
    this.#host = host;
    this.#onChange = onChange;
    this.#reloadOn = options.reloadOn ?? [];
    this.#consumer = new ContextConsumer(host, {
      context: guichetContext,
      subscribe: true,
      callback: () => this.#onChange(),
    });
    host.addController(this);
  }

  /** The client to call, once known (`undefined` without provider and `api`, or while it loads). */
  get client(): GuichetClient | undefined {
    return this.#consumer.value?.client ?? this.#own?.client;
  }

  /** The signed-in user, as far as this element knows. */
  get session(): Session | null {
    return this.#consumer.value ? this.#consumer.value.session : this.#ownSession;
  }

  /** How the session is kept (for a login request). */
  get mode(): SessionMode {
    return this.#consumer.value?.mode ?? this.#own?.mode ?? sessionModeFor(this.#host.api || '/');
  }

  /** Whether a provider serves this element. */
  get provided(): boolean {
    return this.#consumer.value !== undefined;
  }

  /** `explicit` (an `account` attribute) or else the account of the session's current structure. */
  accountId(explicit?: string): string | undefined {
    return explicit || sessionAccountId(this.session);
  }

  /** Records a session: the provider's when there is one, else this element's own (and its token). */
  setSession(session: Session | null): void {
    const context = this.#consumer.value;
    if (context) {
      context.setSession(session);
      return;
    }
    this.#ownSession = session;
    if (this.#own) {
      if (this.#own.mode === 'token') {
        storeToken(this.#own.api, session ? session.token : undefined);
        if (session?.token || !session) this.#own.client.setToken(session?.token);
      }
    }
    this.#host.requestUpdate();
  }

  /** Runs `job` with the client; see the class notes. Resolves to `undefined` when it did not complete. */
  async load<T>(job: (client: GuichetClient) => Promise<T>): Promise<T | undefined> {
    const client = this.client;
    if (!client) return undefined;
    const id = ++this.#loads;
    this.status = 'loading';
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      const value = await job(client);
      if (id !== this.#loads) return undefined;
      this.status = 'ready';
      return value;
    } catch (error) {
      if (id !== this.#loads) return undefined;
      this.fail(error);
      return undefined;
    } finally {
      if (id === this.#loads) this.#host.requestUpdate();
    }
  }

  /**
   * Records a failed request made outside `load` (a form's submit): a 401 expires the session
   * and fires `guichet-session-expired`; anything else becomes `error`.
   */
  fail(error: unknown): void {
    if (isUnauthorized(error)) {
      this.status = 'expired';
      this.error = error;
      if (!this.#consumer.value) this.#ownSession = null;
      this.#host.dispatchEvent(new GuichetSessionExpiredEvent());
    } else {
      this.status = 'error';
      this.error = error;
    }
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    window.addEventListener('guichet-login', this.#restart);
    window.addEventListener('guichet-logout', this.#restart);
    for (const type of this.#reloadOn) document.addEventListener(type, this.#reload);
    // A provider element upgraded after its children missed their context requests: ask again.
    if (!customElements.get('guichet-provider') && closestAcrossShadow(this.#host, 'guichet-provider')) {
      customElements.whenDefined('guichet-provider').then(() => {
        if (this.#host.isConnected && !this.#consumer.value) this.#consumer.hostConnected();
      });
    }
  }

  hostDisconnected(): void {
    window.removeEventListener('guichet-login', this.#restart);
    window.removeEventListener('guichet-logout', this.#restart);
    for (const type of this.#reloadOn) document.removeEventListener(type, this.#reload);
  }

  hostUpdated(): void {
    const account = this.#host.account;
    if (this.#account !== undefined && account !== this.#account) this.#onChange();
    this.#account = account;
  }

  #reload = (): void => this.#onChange();

  hostUpdate(): void {
    // Lone element: (re)make the client when `api` is set or changes.
    const api = this.#host.api;
    if (this.#consumer.value || !api || this.#own?.api === api || this.#pending === api) return;
    this.#makeOwnClient(api);
  }

  #pending: string | undefined;

  /** Makes the client for `api`, then restores the page's session unless `session` is known. */
  #makeOwnClient(api: string, session?: Session | null): void {
    this.#pending = api;
    connectGuichet(api, { lang: this.#host.language, session }).then(
      (own) => {
        if (this.#pending !== api) return;
        this.#pending = undefined;
        if (this.#consumer.value) return;
        this.#own = { api, client: own.client, mode: own.mode };
        this.#ownSession = own.session;
        this.#host.requestUpdate();
        this.#onChange();
      },
      (error: unknown) => {
        this.#pending = undefined;
        this.fail(error);
      },
    );
  }

  // A lone element follows logins and logouts of the page (the token is read again).
  #restart = (event: Event): void => {
    if (this.#consumer.value || !this.#own || event.composedPath()[0] === this.#host) return;
    const api = this.#own.api;
    this.#own = undefined;
    this.#ownSession =
      event.type === 'guichet-login'
        ? ((event as GuichetEvent<{ session: Session }>).detail.session ?? null)
        : null;
    this.#makeOwnClient(api, this.#ownSession);
  };
}

function closestAcrossShadow(el: Element, selector: string): Element | null {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest(selector);
    if (found) return found;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}
