import type { Session } from '@guichet/sdk/schemas';
import { html, nothing } from 'lit';
import { errorMessage, GuichetClientController } from '../internal/context.js';
import { GuichetElement, GuichetEvent } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { loginStrings } from './guichet-login.strings.js';
import { styles } from './guichet-login.styles.js';

/** A session as hosts see it: without the bearer token. */
export type PublicSession = Omit<Session, 'token'>;

/** The user signed in (or switched structure) with this form. */
export class GuichetLoginEvent extends GuichetEvent<{ session: PublicSession }> {
  constructor(session: Session) {
    super('guichet-login', { session: withoutToken(session) });
  }
}

/** The user signed out with this element. */
export class GuichetLogoutEvent extends GuichetEvent<Record<string, never>> {
  constructor() {
    super('guichet-logout', {});
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'guichet-login': GuichetLoginEvent;
    'guichet-logout': GuichetLogoutEvent;
  }
}

function withoutToken(session: Session): PublicSession {
  const { token: _token, ...rest } = session;
  return rest;
}

type View = 'login' | 'forgot';

/**
 * Sign in, sign out, recover a forgotten password, and switch structure when the user has
 * several. Under a `<guichet-provider>` it signs the provider's session in and out; alone it
 * uses its own `api`.
 *
 * @summary Login form, logout, forgotten password and structure switch.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-login - {GuichetLoginEvent} The user signed in, or switched structure (`detail.session`, no token).
 * @event guichet-logout - {GuichetLogoutEvent} The user signed out.
 * @event guichet-session-expired - The server answered 401 to a switch.
 * @csspart form - The login and forgotten-password forms.
 * @csspart field - A label and its input.
 * @csspart input - The text inputs.
 * @csspart submit - The main button of a form.
 * @csspart error - An error message.
 * @csspart message - The "mail sent" message.
 * @csspart account - The signed-in bar (name, structure, switch, logout).
 * @csspart logout - The sign-out button.
 * @cssproperty --guichet-accent - Buttons and focus ring.
 * @cssproperty --guichet-radius - Corner radius.
 * @cssproperty --guichet-danger - Error text.
 */
export class GuichetLogin extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = loginStrings;
  static override properties = {
    api: {},
    view: { state: true },
    busy: { state: true },
    formError: { state: true },
    fieldErrors: { state: true },
    sent: { state: true },
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;

  declare view: View;
  declare busy: boolean;
  declare formError: string;
  declare fieldErrors: { login?: string; password?: string };
  declare sent: boolean;

  constructor() {
    super();
    this.api = '';
    this.view = 'login';
    this.busy = false;
    this.formError = '';
    this.fieldErrors = {};
    this.sent = false;
  }

  // Alone, the controller restores the page's session; under a provider, the provider does.
  readonly #guichet = new GuichetClientController(this);

  /** The signed-in user, as this element knows it. */
  get session(): Session | null {
    return this.#guichet.session;
  }

  protected override render() {
    const session = this.session;
    if (session) return this.#renderAccount(session);
    return this.view === 'forgot' ? this.#renderForgot() : this.#renderLogin();
  }

  #renderLogin() {
    const t = strings(loginStrings, this.language);
    const e = this.fieldErrors;
    return html`
      <form part="form" aria-label=${t.form} novalidate @submit=${this.#onLogin}>
        ${this.#loginField('login', t.login, e.login)}
        <div class="field" part="field">
          <label for="password">${t.password}</label>
          <input
            id="password"
            part="input"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid=${e.password ? 'true' : 'false'}
            aria-describedby=${e.password ? 'password-error' : nothing}
          />
          ${
            e.password
              ? html`<span id="password-error" class="field-error" part="error">${e.password}</span>`
              : nothing
          }
        </div>
        <div role="alert" class="error" part="error">${this.formError}</div>
        <div class="actions">
          <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>
            ${this.busy ? t.submitting : t.submit}
          </button>
          <button class="link" type="button" @click=${() => this.#show('forgot')}>${t.forgot}</button>
        </div>
      </form>
    `;
  }

  #renderForgot() {
    const t = strings(loginStrings, this.language);
    const e = this.fieldErrors;
    return html`
      <form part="form" aria-label=${t.forgotForm} novalidate @submit=${this.#onForgot}>
        <p>${t.forgotHelp}</p>
        ${this.#loginField('forgot-login', t.login, e.login)}
        <div role="status" part="message">${this.sent ? t.sent : ''}</div>
        <div role="alert" class="error" part="error">${this.formError}</div>
        <div class="actions">
          <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>${t.send}</button>
          <button class="link" type="button" @click=${() => this.#show('login')}>${t.back}</button>
        </div>
      </form>
    `;
  }

  #renderAccount(session: Session) {
    const t = strings(loginStrings, this.language);
    const structures = [...new Map(session.memberships.map((m) => [m.structureId, m.structureName]))];
    const current = structures.find(([id]) => id === session.currentStructureId)?.[1];
    return html`
      <div class="account" part="account">
        <span class="user">${t.signedInAs(session.user.displayName)}</span>
        ${
          structures.length > 1
            ? html`<form novalidate aria-label=${t.switchTo} @submit=${this.#onSwitch}>
              <div class="field" part="field">
                <label for="structure">${t.structure}</label>
                <select id="structure" name="structure" part="input">
                  ${structures.map(
                    ([id, name]) =>
                      html`<option value=${id} ?selected=${id === session.currentStructureId}>${name}</option>`,
                  )}
                </select>
              </div>
              <button type="submit" ?disabled=${this.busy}>${t.switchButton}</button>
            </form>`
            : current
              ? html`<span part="structure">${current}</span>`
              : nothing
        }
        <button part="logout" type="button" ?disabled=${this.busy} @click=${this.#onLogout}>${t.logout}</button>
        <div role="alert" class="error" part="error">${this.formError}</div>
      </div>
    `;
  }

  #show(view: View): void {
    this.view = view;
    this.formError = '';
    this.fieldErrors = {};
    this.sent = false;
    this.updateComplete.then(() => this.#focus(view === 'forgot' ? '#forgot-login' : '#login'));
  }

  // Where focus goes once the view it belongs to is rendered (a provider's session arrives a frame later).
  #focusNext = '';

  protected override updated(): void {
    if (this.#focusNext && this.renderRoot.querySelector(this.#focusNext)) {
      this.#focus(this.#focusNext);
      this.#focusNext = '';
    }
  }

  #focus(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #input(id: string): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!;
  }

  /** The login field of the sign-in and forgotten-password forms, with its error. */
  #loginField(id: string, label: string, error: string | undefined) {
    return html`<div class="field" part="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        part="input"
        name="username"
        autocomplete="username"
        autocapitalize="none"
        spellcheck="false"
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
      />
      ${error ? html`<span id=${`${id}-error`} class="field-error" part="error">${error}</span>` : nothing}
    </div>`;
  }

  async #onLogin(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = strings(loginStrings, this.language);
    const login = this.#input('login').value.trim();
    const password = this.#input('password').value;
    this.fieldErrors = {
      ...(login ? {} : { login: t.loginRequired }),
      ...(password ? {} : { password: t.passwordRequired }),
    };
    this.formError = '';
    if (!login || !password) {
      await this.updateComplete;
      this.#focus(login ? '#password' : '#login');
      return;
    }
    const client = this.#guichet.client;
    if (!client) {
      this.formError = t.noServer;
      return;
    }
    this.busy = true;
    try {
      const session = await client.auth.login({ login, password, mode: this.#guichet.mode });
      this.#guichet.setSession(session);
      this.emit(new GuichetLoginEvent(session));
      this.#focusNext = '[part~="logout"]';
    } catch (error) {
      this.formError = errorMessage(error, this.language, t.failed);
      this.#input('password').value = '';
    } finally {
      this.busy = false;
    }
  }

  async #onForgot(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = strings(loginStrings, this.language);
    const login = this.#input('forgot-login').value.trim();
    this.fieldErrors = login ? {} : { login: t.loginRequired };
    this.formError = '';
    this.sent = false;
    if (!login) return;
    const client = this.#guichet.client;
    if (!client) {
      this.formError = t.noServer;
      return;
    }
    this.busy = true;
    try {
      await client.auth.requestPasswordReset({ login, lang: this.language });
      this.sent = true;
    } catch (error) {
      this.formError = errorMessage(error, this.language, t.failed);
    } finally {
      this.busy = false;
    }
  }

  async #onSwitch(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = strings(loginStrings, this.language);
    const structureId = this.renderRoot.querySelector<HTMLSelectElement>('#structure')!.value;
    const client = this.#guichet.client;
    if (!client || structureId === this.session?.currentStructureId) return;
    this.busy = true;
    this.formError = '';
    try {
      const session = await client.auth.switchStructure({ structureId });
      // The switch answers the session without a new token: keep the one we have.
      const token = session.token ?? this.session?.token;
      const next = token ? { ...session, token } : session;
      this.#guichet.setSession(next);
      this.emit(new GuichetLoginEvent(next));
    } catch (error) {
      this.#guichet.fail(error);
      this.formError = errorMessage(error, this.language, t.failed);
    } finally {
      this.busy = false;
    }
  }

  async #onLogout(): Promise<void> {
    const client = this.#guichet.client;
    this.busy = true;
    try {
      await client?.auth.logout();
    } catch {
      // Signed out here whatever the server says (it may already have closed the session).
    } finally {
      this.busy = false;
    }
    this.#guichet.setSession(null);
    this.view = 'login';
    this.emit(new GuichetLogoutEvent());
    this.#focusNext = '#login';
  }
}
