import {
  COUNTERMARK_LENGTH,
  canCancel,
  canKeep,
  canValidate,
  checkTokenFormat,
  foreignSymbols,
  formatMoney,
  formatValidFrom,
  normaliseToken,
  type TokenFormatProblem,
} from '@guichet/sdk/rules';
import type { DeskCountermark } from '@guichet/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import {
  errorMessage,
  GuichetClientController,
  isUnauthorized,
  sessionVenueId,
} from '../internal/context.js';
import { GuichetElement, GuichetEvent } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { formatInstant } from '../voucher-card/format.js';
import type { CameraScanner } from '../voucher-scanner/camera.js';
import { type CountermarkReason, countermarkCheckerStrings } from './countermark-checker.strings.js';
import { styles } from './countermark-checker.styles.js';

type Detail = { token: string; booking: DeskCountermark };

/** The cashier checked a countermark and the server found its booking. */
export class GuichetCountermarkCheckedEvent extends GuichetEvent<Detail> {
  constructor(detail: Detail) {
    super('guichet-countermark-checked', detail);
  }
}

/** The cashier validated a countermark (the beneficiary came). */
export class GuichetCountermarkValidatedEvent extends GuichetEvent<Detail> {
  constructor(detail: Detail) {
    super('guichet-countermark-validated', detail);
  }
}

/** The cashier undid a validation ("keep"). */
export class GuichetCountermarkKeptEvent extends GuichetEvent<Detail> {
  constructor(detail: Detail) {
    super('guichet-countermark-kept', detail);
  }
}

/** The cashier cancelled the booking. */
export class GuichetCountermarkCancelledEvent extends GuichetEvent<Detail> {
  constructor(detail: Detail) {
    super('guichet-countermark-cancelled', detail);
  }
}

/** The server refused a check or an action; `code` is its problem code. */
export class GuichetCountermarkRefusedEvent extends GuichetEvent<{
  token: string;
  code: string;
  message: string;
}> {
  constructor(detail: { token: string; code: string; message: string }) {
    super('guichet-countermark-refused', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'guichet-countermark-checked': GuichetCountermarkCheckedEvent;
    'guichet-countermark-validated': GuichetCountermarkValidatedEvent;
    'guichet-countermark-kept': GuichetCountermarkKeptEvent;
    'guichet-countermark-cancelled': GuichetCountermarkCancelledEvent;
    'guichet-countermark-refused': GuichetCountermarkRefusedEvent;
  }
}

/** What the desk can tell of a typed token before sending it. */
export type TokenCheck =
  | { ok: true; token: string }
  | { ok: false; reason: TokenFormatProblem; token: string };

const PASS_CULTURE_TOKEN = /^[A-Z0-9]{6}$/;
const NOT_FOUND = new Set(['not_found', 'countermark_not_found', 'unknown_countermark']);
const REASONS = new Set<string>([
  'reimbursed',
  'already_used',
  'cancelled',
  'too_early',
  'not_used',
  'cancellation_limit_passed',
]);

/**
 * Checks a typed or scanned token: Guichet's 30 symbols with `checkTokenFormat`, or, for a pass
 * Culture venue or QR payload (`PASSCULTURE:v3;TOKEN:...`), 6 letters or digits.
 */
export function checkToken(input: string, passCulture = false): TokenCheck {
  const token = normaliseToken(input);
  const pass = passCulture || /^\s*passculture:/i.test(input);
  const check = checkTokenFormat(input);
  if (check.ok) return { ok: true, token: check.token };
  if (pass && check.reason !== 'empty' && /^[A-Z0-9]*$/.test(token)) {
    return PASS_CULTURE_TOKEN.test(token) ? { ok: true, token } : { ok: false, reason: 'length', token };
  }
  return { ok: false, reason: check.reason, token };
}

/**
 * The desk's countermark check: type the 6 characters (case, spaces and dashes forgiven; the
 * format is checked before anything is sent and what is wrong is said) or scan the QR code,
 * including pass Culture's `PASSCULTURE:v3;TOKEN:...`; see the booking (offer, session, places,
 * price, beneficiary); Valider, Annuler la validation and Annuler la réservation as the rules
 * allow, with the exact "valid from" date and time when it is too early and the reason when
 * refused. Works for Guichet's own bookings and pass Culture's alike (the server forwards).
 *
 * Form-associated: inside a `<form>` it submits `name` = the normalised token, and is invalid
 * (`patternMismatch`, or `valueMissing` when `required`) while the format is wrong.
 *
 * @summary Countermark check at the desk: type or scan, see the booking, validate, keep, cancel.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr venue - The desk's venue id; default: the cashier's first venue (absent: all their venues).
 * @attr source - `passculture` to accept pass Culture's wider tokens (letters and digits) when typed.
 * @attr name - The form field name.
 * @attr required - The form is invalid while no token is typed.
 * @attr now - The current instant (ISO 8601) for the rules; default: the device's clock (set it in tests).
 * @attr time-zone - The venue's time zone for dates (default Europe/Paris).
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-countermark-checked - {GuichetCountermarkCheckedEvent} A booking was found.
 * @event guichet-countermark-validated - {GuichetCountermarkValidatedEvent} The countermark was validated.
 * @event guichet-countermark-kept - {GuichetCountermarkKeptEvent} The validation was undone.
 * @event guichet-countermark-cancelled - {GuichetCountermarkCancelledEvent} The booking was cancelled.
 * @event guichet-countermark-refused - {GuichetCountermarkRefusedEvent} The server refused a check or an action.
 * @event guichet-session-expired - The server answered 401.
 * @csspart form - The token form.
 * @csspart token - The token input.
 * @csspart check - The "Vérifier" button.
 * @csspart scan - The "Scanner" button.
 * @csspart video - The camera image.
 * @csspart booking - The booking found.
 * @csspart valid-from - The "valid from" notice.
 * @csspart reason - Why an action is not possible now.
 * @csspart refusal - The server's refusal.
 * @csspart validate - The "Valider" button.
 * @csspart keep - The "Annuler la validation" button.
 * @csspart cancel - The "Annuler la réservation" button.
 * @csspart done - What the last action did.
 * @cssproperty --guichet-success - Validated.
 * @cssproperty --guichet-danger - Refusals and format errors.
 * @cssproperty --guichet-warning - The "valid from" notice.
 * @cssproperty --guichet-accent - Buttons and focus ring.
 */
export class CountermarkChecker extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = countermarkCheckerStrings;
  static override properties = {
    api: {},
    venue: {},
    source: {},
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    now: {},
    timeZone: { attribute: 'time-zone' },
    booking: { attribute: false },
    text: { state: true },
    showFormat: { state: true },
    busy: { state: true },
    refusal: { state: true },
    done: { state: true },
    confirming: { state: true },
    camera: { state: true },
    cameraError: { state: true },
  };
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = {
    ...GuichetElement.shadowRootOptions,
    delegatesFocus: true,
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;
  /** The desk's venue id. */
  declare venue: string;
  /** `passculture`: accept pass Culture's tokens (6 letters or digits). */
  declare source: 'guichet' | 'passculture';
  /** The form field name. */
  declare name: string;
  /** Whether a token is required for the form to be valid. */
  declare required: boolean;
  /** The current instant for the rules (ISO 8601); empty: the device's clock. */
  declare now: string;
  /** The venue's time zone. */
  declare timeZone: string;
  /** The booking shown (set by a check, or by a host). */
  declare booking: DeskCountermark | null;

  /** What is typed in the field. */
  declare text: string;
  declare showFormat: boolean;
  declare busy: '' | 'check' | 'use' | 'keep' | 'cancel';
  declare refusal: { code: string; message: string } | null;
  declare done: string;
  declare confirming: boolean;
  declare camera: boolean;
  declare cameraError: string;

  readonly #internals: ElementInternals;
  readonly #guichet = new GuichetClientController(this);
  // The camera code loads with the first scan: most checks are typed.
  #camera: CameraScanner | undefined;

  constructor() {
    super();
    this.api = '';
    this.venue = '';
    this.source = 'guichet';
    this.name = '';
    this.required = false;
    this.now = '';
    this.timeZone = 'Europe/Paris';
    this.booking = null;
    this.text = '';
    this.showFormat = false;
    this.busy = '';
    this.refusal = null;
    this.done = '';
    this.confirming = false;
    this.camera = false;
    this.cameraError = '';
    this.#internals = this.attachInternals();
  }

  /** The normalised token (what the form submits). Setting it types it. */
  get value(): string {
    return normaliseToken(this.text);
  }
  set value(value: string) {
    this.text = value ?? '';
  }

  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }
  get validity(): ValidityState {
    return this.#internals.validity;
  }
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }
  reportValidity(): boolean {
    this.showFormat = true;
    return this.#internals.reportValidity();
  }

  formResetCallback(): void {
    this.text = '';
    this.showFormat = false;
    this.booking = null;
    this.refusal = null;
    this.done = '';
  }

  formStateRestoreCallback(state: string | null): void {
    this.text = state ?? '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#camera?.stop();
  }

  get #now(): Date {
    return this.now ? new Date(this.now) : new Date();
  }

  get #passCulture(): boolean {
    return this.source === 'passculture' || this.booking?.source === 'passculture';
  }

  /** What is wrong with the typed token, in words, or `''`. */
  #formatMessage(check: TokenCheck): string {
    if (check.ok) return '';
    const t = strings(countermarkCheckerStrings, this.language);
    if (check.reason === 'empty') return t.empty;
    if (check.reason === 'length') return t.length(check.token.length);
    const bad = (
      this.#passCulture
        ? [...new Set([...check.token].filter((c) => !/[A-Z0-9]/.test(c)))]
        : foreignSymbols(check.token)
    ).join(', ');
    return this.#passCulture ? t.symbolsPassCulture(bad) : t.symbols(bad);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('text') || changed.has('required') || changed.has('source') || changed.has('lang')) {
      const check = checkToken(this.text, this.#passCulture);
      this.#internals.setFormValue(this.value, this.text);
      const input = this.renderRoot.querySelector<HTMLInputElement>('#token') ?? undefined;
      if (check.ok || (check.reason === 'empty' && !this.required)) this.#internals.setValidity({});
      else if (check.reason === 'empty')
        this.#internals.setValidity({ valueMissing: true }, this.#formatMessage(check), input);
      else this.#internals.setValidity({ patternMismatch: true }, this.#formatMessage(check), input);
    }
  }

  /** Checks what is typed (or `input`): the format first, then the server. */
  async check(input: string = this.text): Promise<void> {
    this.text = input;
    const result = checkToken(input, this.#passCulture);
    this.showFormat = true;
    this.refusal = null;
    this.done = '';
    this.confirming = false;
    if (!result.ok) {
      this.booking = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#token')?.focus();
      return;
    }
    const token = result.token;
    const booking = await this.#send('check', token, (client, query) =>
      client.call('deskCountermark', { params: { token }, query }),
    );
    if (booking) {
      this.booking = booking;
      this.emit(new GuichetCountermarkCheckedEvent({ token, booking }));
    }
  }

  async #act(action: 'use' | 'keep' | 'cancel'): Promise<void> {
    const booking = this.booking;
    if (!booking || this.busy) return;
    const t = strings(countermarkCheckerStrings, this.language);
    const token = booking.token;
    this.refusal = null;
    this.done = '';
    this.confirming = false;
    if (action === 'cancel') {
      const ok = await this.#send('cancel', token, async (client, query) => {
        await client.call('deskCancelCountermark', { params: { token }, query });
        return true;
      });
      if (!ok) return;
      const cancelled: DeskCountermark = {
        ...booking,
        status: 'cancelled',
        cancelledAt: this.#now.toISOString(),
      };
      this.booking = cancelled;
      this.done = t.cancelled;
      this.emit(new GuichetCountermarkCancelledEvent({ token, booking: cancelled }));
      return;
    }
    const updated = await this.#send(action, token, (client, query) =>
      client.call(action === 'use' ? 'deskUseCountermark' : 'deskKeepCountermark', {
        params: { token },
        query,
      }),
    );
    if (!updated) return;
    this.booking = updated;
    if (action === 'use') {
      this.done = t.validated;
      this.emit(new GuichetCountermarkValidatedEvent({ token, booking: updated }));
    } else {
      this.done = t.kept;
      this.emit(new GuichetCountermarkKeptEvent({ token, booking: updated }));
    }
  }

  async #send<T>(
    busy: 'check' | 'use' | 'keep' | 'cancel',
    token: string,
    job: (client: NonNullable<GuichetClientController['client']>, query: { venueId?: string }) => Promise<T>,
  ): Promise<T | undefined> {
    const t = strings(countermarkCheckerStrings, this.language);
    const client = this.#guichet.client;
    if (!client) {
      this.refusal = { code: 'no_client', message: t.noVenue };
      return undefined;
    }
    const venueId = this.venue || sessionVenueId(this.#guichet.session);
    this.busy = busy;
    try {
      return await job(client, venueId ? { venueId } : {});
    } catch (error) {
      if (isUnauthorized(error)) this.#guichet.fail(error);
      const refusal = this.#refusalOf(error);
      if (busy === 'check') this.booking = refusal.booking ?? null;
      else if (refusal.booking) this.booking = refusal.booking;
      this.refusal = { code: refusal.code, message: refusal.message };
      this.emit(new GuichetCountermarkRefusedEvent({ token, code: refusal.code, message: refusal.message }));
      return undefined;
    } finally {
      this.busy = '';
    }
  }

  #refusalOf(error: unknown): { code: string; message: string; booking?: DeskCountermark } {
    const t = strings(countermarkCheckerStrings, this.language);
    // The server prefixes its desk codes (`countermark_too_early`); the rules' reasons do not.
    const code = String((error as { code?: unknown } | null)?.code ?? 'error').replace(/^countermark_/, '');
    const problem = ((error as { problem?: Record<string, unknown> } | null)?.problem ?? {}) as Record<
      string,
      unknown
    >;
    const booking = (problem.booking as DeskCountermark | undefined) ?? undefined;
    const extra = booking ? { booking } : {};
    if (code === 'too_early' && typeof problem.validFrom === 'string') {
      return {
        code,
        message: formatValidFrom(new Date(problem.validFrom), this.timeZone, this.language),
        ...extra,
      };
    }
    if (code === 'too_early')
      return { code, message: errorMessage(error, this.language, t.reasons.too_early), ...extra };
    if (REASONS.has(code)) return { code, message: t.reasons[code as CountermarkReason], ...extra };
    if (NOT_FOUND.has(code)) return { code, message: t.reasons.not_found, ...extra };
    return { code, message: errorMessage(error, this.language, t.failed), ...extra };
  }

  async #toggleCamera(): Promise<void> {
    const t = strings(countermarkCheckerStrings, this.language);
    if (this.camera) {
      this.#camera?.stop();
      this.camera = false;
      return;
    }
    this.camera = true;
    this.cameraError = '';
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video');
    if (!video) return;
    try {
      this.#camera ??= new (await import('../voucher-scanner/camera.js')).CameraScanner();
      await this.#camera.start(video, (text) => {
        this.camera = false;
        this.check(text);
      });
    } catch {
      this.camera = false;
      this.cameraError = t.cameraFailed;
    }
  }

  protected override render() {
    const t = strings(countermarkCheckerStrings, this.language);
    const check = checkToken(this.text, this.#passCulture);
    // Symbols are said while typing (what to fix); length and emptiness once checked.
    const showError = !check.ok && (this.showFormat || check.reason === 'symbols');
    const formatError = showError ? this.#formatMessage(check) : '';
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <div class="field">
          <label for="token">${t.label}</label>
          <input
            id="token"
            part="token"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="100"
            size=${COUNTERMARK_LENGTH + 4}
            .value=${this.text}
            ?required=${this.required}
            aria-invalid=${formatError ? 'true' : 'false'}
            aria-describedby="token-hint${formatError ? ' token-error' : ''}"
            @input=${this.#onInput}
          />
          <span class="hint" id="token-hint">${t.hint}</span>
          ${formatError ? html`<span class="field-error" id="token-error">${formatError}</span>` : nothing}
        </div>
        <button type="submit" class="primary" part="check" ?disabled=${this.busy !== ''}>${t.check}</button>
        ${
          cameraSupported()
            ? html`<button type="button" part="scan" aria-pressed=${this.camera ? 'true' : 'false'} @click=${this.#toggleCamera}>
                ${this.camera ? t.stopCamera : t.scan}
              </button>`
            : nothing
        }
      </form>
      ${this.camera ? html`<video part="video" muted playsinline aria-label=${t.cameraLabel}></video>` : nothing}
      ${this.cameraError ? html`<p class="error" role="alert">${this.cameraError}</p>` : nothing}
      ${this.busy === 'check' ? html`<p class="state" role="status">${t.checking}</p>` : nothing}
      <div role="alert">
        ${
          this.refusal
            ? html`<p
                class="refusal"
                part=${this.refusal.code === 'too_early' ? 'refusal valid-from' : 'refusal'}
                data-code=${this.refusal.code}
              >${this.refusal.message}</p>`
            : nothing
        }
      </div>
      ${this.booking ? this.#renderBooking(this.booking) : nothing}
      <p class="done" part="done" role="status">${this.done}</p>
    `;
  }

  #renderBooking(booking: DeskCountermark) {
    const t = strings(countermarkCheckerStrings, this.language);
    const lang = this.language;
    const now = this.#now;
    const validate = canValidate(booking, now);
    const keep = canKeep(booking);
    const cancel = canCancel(booking, now, 'venue');
    const status = booking.reimbursedAt ? 'reimbursed' : booking.status;
    const busy = this.busy !== '';
    let notice: unknown = nothing;
    // The refusal above already says it when the server gave the same reason.
    const told = this.refusal?.code === (validate.ok ? '' : validate.reason);
    if (told) {
      // nothing more to say
    } else if (!validate.ok && validate.reason === 'too_early') {
      notice = html`<p class="notice" part="valid-from">${formatValidFrom(validate.validFrom, this.timeZone, lang)}</p>`;
    } else if (!validate.ok && validate.reason !== 'already_used') {
      notice = html`<p class="notice" part="reason">${t.reasons[validate.reason]}</p>`;
    }
    return html`<section class="booking" part="booking" aria-labelledby="booking-title">
      <h2 id="booking-title">${t.booking} ${booking.token}</h2>
      <dl>
        <dt>${t.offer}</dt>
        <dd data-field="offer">${booking.offerName}</dd>
        <dt>${t.session}</dt>
        <dd data-field="session">${booking.beginsAt ? formatInstant(booking.beginsAt, lang, 'datetime', this.timeZone) : t.noDate}</dd>
        <dt>${t.quantity}</dt>
        <dd data-field="quantity">${t.places(booking.quantity, booking.quantity === 2)}</dd>
        <dt>${t.price}</dt>
        <dd data-field="price">${formatMoney(booking.price, lang)}</dd>
        <dt>${t.beneficiary}</dt>
        <dd data-field="beneficiary">${booking.beneficiary.firstName} ${booking.beneficiary.lastName}</dd>
        <dt>${t.venue}</dt>
        <dd data-field="venue">${booking.venueName}${booking.source === 'passculture' ? ` (${t.source})` : ''}</dd>
        <dt>${t.status}</dt>
        <dd data-field="status">
          <span class="status ${status}">
            ${
              status === 'used' && booking.usedAt
                ? t.usedAt(formatInstant(booking.usedAt, lang, 'datetime', this.timeZone))
                : t.statuses[status]
            }
          </span>
        </dd>
      </dl>
      ${notice}
      <div class="actions">
        <button type="button" class="primary" part="validate" ?disabled=${busy || !validate.ok} @click=${() => this.#act('use')}>
          ${t.validate}
        </button>
        <button type="button" part="keep" ?disabled=${busy || !keep.ok} @click=${() => this.#act('keep')}>${t.keep}</button>
        <button
          type="button"
          class="danger"
          part="cancel"
          aria-expanded=${this.confirming ? 'true' : 'false'}
          ?disabled=${busy || !cancel.ok}
          @click=${this.#askCancel}
        >
          ${t.cancel}
        </button>
      </div>
      ${
        this.confirming
          ? html`<div class="confirm" part="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text">${t.confirmCancel}</p>
              <button type="button" class="danger" @click=${() => this.#act('cancel')}>${t.confirmYes}</button>
              <button type="button" @click=${this.#dismissCancel}>${t.confirmNo}</button>
            </div>`
          : nothing
      }
    </section>`;
  }

  async #askCancel(): Promise<void> {
    this.confirming = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.confirm button')?.focus();
  }

  async #dismissCancel(): Promise<void> {
    this.confirming = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[part~="cancel"]')?.focus();
  }

  #onInput(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    if (this.refusal) this.refusal = null;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.check(this.text);
  }
}

function cameraSupported(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}
