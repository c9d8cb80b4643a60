import type { Session } from '@guichet/sdk/schemas';
import { ContextProvider } from '@lit/context';
import { html, type PropertyValues } from 'lit';
import {
  connectGuichet,
  type GuichetClient,
  type GuichetContextValue,
  guichetContext,
  type SessionMode,
  sessionModeFor,
  storeToken,
} from '../internal/context.js';
import { GuichetElement } from '../internal/guichet-element.js';
import { styles } from './guichet-provider.styles.js';

/**
 * Shares one sdk client and one session with every Guichet widget inside it.
 *
 * On connection it makes the client for `api` and restores the session (`GET /auth/session`).
 * Same-origin API: the session is the server's httpOnly cookie. Cross-origin API: the server's
 * bearer token is kept in `sessionStorage` (per API origin, for the tab's lifetime) because
 * third-party cookies are blocked; see docs/components/guichet-provider.md.
 *
 * @summary One client and session for the widgets inside.
 * @slot - The widgets (and anything else).
 * @attr api - Base URL of the Guichet server (`https://guichet.example.fr`).
 * @attr mode - `cookie`, `token`, or empty to choose by origin.
 * @attr lang - `fr` (default) or `en`; widgets inside inherit it.
 * @event guichet-session-expired - Heard from the widgets inside: the session is forgotten.
 */
export class GuichetProvider extends GuichetElement {
  static override styles = styles;
  static override properties = {
    api: {},
    mode: {},
    client: { attribute: false },
    session: { attribute: false },
  };

  /** Base URL of the Guichet server. */
  declare api: string;

  /** `cookie`, `token`, or empty (default): `token` when `api` is on another origin than the page. */
  declare mode: SessionMode | '';

  /**
   * The client to share. Made from `api` unless a host sets its own (for instance one with a
   * custom `fetch`). Setting it skips the session restore; set `session` too.
   */
  declare client: GuichetClient | undefined;

  /** The signed-in user, or `null`. Set by logins inside, restored on connection, or set by the host. */
  declare session: Session | null;

  /** Resolves once the session restore finished (or was not needed). */
  get ready(): Promise<void> {
    return this.#ready;
  }

  #ready: Promise<void> = Promise.resolve();
  /** `api|mode` of the client this provider made; `undefined` while none (or the host's own). */
  #made: string | undefined;
  readonly #provider = new ContextProvider(this, { context: guichetContext });

  constructor() {
    super();
    this.api = '';
    this.mode = '';
    this.session = null;
    this.addEventListener('guichet-session-expired', () => this.setSession(null));
  }

  get #sessionMode(): SessionMode {
    return this.mode || (this.api ? sessionModeFor(this.api) : 'cookie');
  }

  /** Records the session (token mode: keeps its bearer token) and tells the widgets inside. */
  setSession(session: Session | null): void {
    if (this.#sessionMode === 'token' && this.api) {
      if (session?.token) {
        storeToken(this.api, session.token);
        this.client?.setToken(session.token);
      } else if (!session) {
        storeToken(this.api, undefined);
        this.client?.setToken(undefined);
      }
    }
    this.session = session;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const hostClient = this.client !== undefined && this.#made === undefined;
    const key = `${this.api}|${this.#sessionMode}`;
    if (this.api && !hostClient && this.#made !== key) this.#connect(key);
    if (changed.has('client') || changed.has('session') || changed.has('mode')) this.#publish();
  }

  #connect(key: string): void {
    this.#made = key;
    const api = this.api;
    const mode = this.#sessionMode;
    this.#ready = connectGuichet(api, { lang: this.language, mode }).then(({ client, session }) => {
      if (this.#made !== key) return;
      // Both at once: the widgets never see a client without its session (a "signed out" flash).
      this.client = client;
      this.session = session;
    });
  }

  #publish(): void {
    const client = this.client;
    if (!client) return;
    const value: GuichetContextValue = {
      client,
      session: this.session,
      mode: this.#sessionMode,
      setSession: (session) => this.setSession(session),
    };
    this.#provider.setValue(value);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
