import type { Debit, VoucherSummary } from '@guichet/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import {
  errorMessage,
  GuichetClientController,
  isUnauthorized,
  sessionVenueId,
} from '../internal/context.js';
import { formatDate } from '../internal/format.js';
import { GuichetElement, GuichetEvent } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { formatInstant } from '../voucher-card/format.js';
import { CameraError, CameraScanner } from './camera.js';
import { type ScanOutcomeKind, voucherScannerStrings } from './voucher-scanner.strings.js';
import { styles } from './voucher-scanner.styles.js';

/** A debit made at this desk, with what the cashier saw of its voucher. */
export interface DeskDebitEntry {
  debit: Debit;
  number: string;
  holderName: string;
}

/** What the desk shows after a look-up or a debit. */
export interface ScanOutcome {
  kind: ScanOutcomeKind;
  /** The sentence shown under the title. */
  message: string;
  /** For `network`: the debit can be sent again under the same key. */
  retry?: boolean;
}

/** Places were debited (the cashier's action succeeded). */
export class GuichetVoucherDebitedEvent extends GuichetEvent<{ debit: Debit; voucher: VoucherSummary }> {
  constructor(debit: Debit, voucher: VoucherSummary) {
    super('guichet-voucher-debited', { debit, voucher });
  }
}

/** A look-up or a debit was refused; `code` is the server's problem code. */
export class GuichetVoucherRefusedEvent extends GuichetEvent<{ kind: ScanOutcomeKind; code: string }> {
  constructor(kind: ScanOutcomeKind, code: string) {
    super('guichet-voucher-refused', { kind, code });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'guichet-voucher-debited': GuichetVoucherDebitedEvent;
    'guichet-voucher-refused': GuichetVoucherRefusedEvent;
  }
}

const REFUSALS: Record<string, ScanOutcomeKind> = {
  unknown_voucher: 'unknown',
  forged_code: 'forged',
  insufficient_places: 'insufficient',
  only_expired_places: 'expired',
  voucher_blocked: 'blocked',
};

const MAX_PLACES = 1000;

/** Whether an error leaves the debit's fate unknown (no answer, or a server failure). */
function isUncertain(error: unknown): boolean {
  const e = error as { code?: unknown; status?: unknown; name?: unknown } | null;
  if (e?.name === 'AbortError') return false;
  if (e?.code === 'network_error' || e?.code === 'timeout') return true;
  return typeof e?.status === 'number' ? e.status >= 500 || e.status === 408 || e.status === 429 : !e?.status;
}

function newKey(): string {
  return crypto.randomUUID();
}

/**
 * The cashier's screen for cartoonettes: scan the QR code (camera) or type the number, see the
 * voucher and its places left, say how many places to debit (the children present), debit, and
 * read a large colour-and-text outcome: debited, not enough places (with what is left), expired,
 * forged, unknown, blocked. Below, the debits made at this desk today.
 *
 * A debit is sent with one `Idempotency-Key` per logical debit (voucher, places, venue): the
 * button is disabled while it is sent, and when the server does not answer the retry reuses the
 * key, so a double tap or a retry debits once. The camera's decoder (the browser's
 * `BarcodeDetector`, else jsQR) is loaded only when the camera is started.
 *
 * Works under a provider or with `api`; a host may also set `.voucher` (a `VoucherSummary`) and
 * `.debits` to render without a server.
 *
 * @summary Cashier's voucher scanner: look up, debit N places once, clear outcome, today's debits.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr venue - The desk's venue id; default: the first venue of the cashier's session.
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-voucher-debited - {GuichetVoucherDebitedEvent} Places were debited.
 * @event guichet-voucher-refused - {GuichetVoucherRefusedEvent} A look-up or a debit was refused.
 * @event guichet-session-expired - The server answered 401.
 * @csspart lookup - The number form.
 * @csspart code - The number input.
 * @csspart scan - The "Scanner avec la caméra" button.
 * @csspart video - The camera image.
 * @csspart voucher - The voucher found.
 * @csspart places - The number of places input.
 * @csspart debit - The debit button.
 * @csspart outcome - The outcome; also `debited`, `insufficient`, `expired`, `forged`, `unknown`, `blocked`, `network` or `error`.
 * @csspart today - The table of today's debits.
 * @cssproperty --guichet-success - The debited outcome (default a dark green).
 * @cssproperty --guichet-danger - Refused outcomes.
 * @cssproperty --guichet-warning - The no-answer outcome.
 * @cssproperty --guichet-accent - Buttons and focus ring.
 */
export class VoucherScanner extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = voucherScannerStrings;
  static override properties = {
    api: {},
    venue: {},
    voucher: { attribute: false },
    debits: { attribute: false },
    places: { type: Number },
    outcome: { state: true },
    sending: { state: true },
    looking: { state: true },
    codeError: { state: true },
    camera: { state: true },
    cameraError: { state: true },
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;
  /** The desk's venue id; default: the first venue of the cashier's session. */
  declare venue: string;
  /** The voucher on the desk (set by a look-up, or by a host). */
  declare voucher: VoucherSummary | null;
  /** Debits made at this desk today, newest first. A debit adds itself here. */
  declare debits: DeskDebitEntry[];
  /** Places to debit (the children present). */
  declare places: number;

  declare outcome: ScanOutcome | null;
  declare sending: boolean;
  declare looking: boolean;
  declare codeError: string;
  declare camera: 'off' | 'starting' | 'on';
  declare cameraError: string;

  constructor() {
    super();
    this.api = '';
    this.venue = '';
    this.voucher = null;
    this.debits = [];
    this.places = 1;
    this.outcome = null;
    this.sending = false;
    this.looking = false;
    this.codeError = '';
    this.camera = 'off';
    this.cameraError = '';
  }

  readonly #guichet = new GuichetClientController(this);
  readonly #camera = new CameraScanner();
  /** What was read for the voucher on the desk: a QR payload or a typed number. */
  #code = '';
  /** The key of the logical debit under way or to retry, with what it debits. */
  #pending: { key: string; what: string } | undefined;

  /** The `Idempotency-Key` a retry would send (`undefined` when no debit is pending). */
  get pendingKey(): string | undefined {
    return this.#pending?.key;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#camera.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A voucher set by the host is debited by its number.
    if (changed.has('voucher') && this.voucher && !this.#code) this.#code = this.voucher.number;
  }

  get #venueId(): string | undefined {
    return this.venue || sessionVenueId(this.#guichet.session);
  }

  /** Looks up what was scanned or typed (a QR payload or a voucher number). */
  async lookup(code: string): Promise<void> {
    const t = strings(voucherScannerStrings, this.language);
    const trimmed = code.trim();
    this.codeError = trimmed ? '' : t.codeMissing;
    if (!trimmed) return;
    const client = this.#guichet.client;
    const venueId = this.#venueId;
    this.outcome = null;
    this.#pending = undefined;
    if (!client || !venueId) {
      this.outcome = { kind: 'error', message: venueId ? t.outcomeTitle.error : t.noVenue };
      return;
    }
    this.looking = true;
    try {
      const voucher = await client.call('deskVoucherLookup', { body: { venueId, code: trimmed } });
      this.#code = trimmed;
      this.voucher = voucher;
      this.places = 1;
      if (voucher.status === 'blocked') this.#refuse('blocked', 'voucher_blocked');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#places')?.focus();
    } catch (error) {
      this.voucher = null;
      this.#code = '';
      this.#showError(error, false);
    } finally {
      this.looking = false;
    }
  }

  /** Debits `places` on the voucher on the desk; a second call while one is sent does nothing. */
  async debit(): Promise<void> {
    const voucher = this.voucher;
    const venueId = this.#venueId;
    const client = this.#guichet.client;
    const t = strings(voucherScannerStrings, this.language);
    if (this.sending || !voucher || !this.#placesValid()) return;
    if (!client || !venueId) {
      this.outcome = { kind: 'error', message: venueId ? t.outcomeTitle.error : t.noVenue };
      return;
    }
    const places = this.places;
    const code = this.#code || voucher.number;
    const what = `${venueId}|${voucher.id}|${code}|${places}`;
    if (this.#pending?.what !== what) this.#pending = { key: newKey(), what };
    const key = this.#pending.key;
    this.sending = true;
    this.outcome = null;
    try {
      const result = await client.call(
        'deskVoucherDebit',
        { body: { venueId, code, places } },
        { idempotencyKey: key },
      );
      if (this.#pending?.key === key) this.#pending = undefined;
      this.voucher = result.voucher;
      if (!this.debits.some((d) => d.debit.id === result.debit.id)) {
        this.debits = [
          { debit: result.debit, number: result.voucher.number, holderName: result.voucher.holderName },
          ...this.debits,
        ];
      }
      this.outcome = { kind: 'debited', message: t.debited(result.debit.places, result.voucher.placesLeft) };
      this.emit(new GuichetVoucherDebitedEvent(result.debit, result.voucher));
    } catch (error) {
      const uncertain = isUncertain(error) && !isUnauthorized(error);
      if (!uncertain && this.#pending?.key === key) this.#pending = undefined;
      this.#showError(error, uncertain);
    } finally {
      this.sending = false;
    }
  }

  #refuse(kind: ScanOutcomeKind, code: string, left?: number): void {
    const t = strings(voucherScannerStrings, this.language);
    const message =
      kind === 'insufficient'
        ? t.insufficient(left ?? this.voucher?.placesLeft ?? 0)
        : kind === 'expired' || kind === 'forged' || kind === 'unknown' || kind === 'blocked'
          ? t[kind]
          : t.outcomeTitle[kind];
    this.outcome = { kind, message };
    this.emit(new GuichetVoucherRefusedEvent(kind, code));
  }

  #showError(error: unknown, retry: boolean): void {
    const t = strings(voucherScannerStrings, this.language);
    if (isUnauthorized(error)) {
      this.#guichet.fail(error);
      this.outcome = { kind: 'error', message: errorMessage(error, this.language, t.outcomeTitle.error) };
      return;
    }
    const code = String((error as { code?: unknown } | null)?.code ?? '');
    const kind = REFUSALS[code];
    if (kind) {
      const problem = ((error as { problem?: Record<string, unknown> }).problem ?? {}) as Record<
        string,
        unknown
      >;
      const left = [problem.available, problem.placesLeft].find((v): v is number => typeof v === 'number');
      this.#refuse(kind, code, left);
      return;
    }
    if (retry) {
      this.outcome = { kind: 'network', message: t.network, retry: true };
      return;
    }
    this.outcome = { kind: 'error', message: errorMessage(error, this.language, t.outcomeTitle.error) };
  }

  #placesValid(): boolean {
    return Number.isInteger(this.places) && this.places >= 1 && this.places <= MAX_PLACES;
  }

  #setPlaces(places: number): void {
    this.places = Math.min(MAX_PLACES, Math.max(1, places));
  }

  #clear(): void {
    this.voucher = null;
    this.#code = '';
    this.#pending = undefined;
    this.outcome = null;
    this.places = 1;
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus());
  }

  async #startCamera(): Promise<void> {
    const t = strings(voucherScannerStrings, this.language);
    this.camera = 'starting';
    this.cameraError = '';
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video');
    if (!video) return;
    try {
      await this.#camera.start(video, (text) => {
        this.camera = 'off';
        const input = this.renderRoot.querySelector<HTMLInputElement>('#code');
        if (input) input.value = text.startsWith('GV1.') ? '' : text;
        this.lookup(text);
      });
      if (this.camera === 'starting') this.camera = 'on';
    } catch (error) {
      this.camera = 'off';
      const problem = error instanceof CameraError ? error.problem : 'unavailable';
      this.cameraError =
        problem === 'denied' ? t.cameraDenied : problem === 'missing' ? t.cameraMissing : t.cameraUnavailable;
    }
  }

  #stopCamera(): void {
    this.#camera.stop();
    this.camera = 'off';
  }

  protected override render() {
    const t = strings(voucherScannerStrings, this.language);
    return html`
      <form part="lookup" novalidate @submit=${this.#onLookup}>
        <div class="field">
          <label for="code">${t.codeLabel}</label>
          <input
            id="code"
            part="code"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="300"
            aria-describedby="code-hint${this.codeError ? ' code-error' : ''}"
            aria-invalid=${this.codeError ? 'true' : 'false'}
          />
          <span class="hint" id="code-hint">${t.codeHint}</span>
          ${this.codeError ? html`<span class="field-error" id="code-error">${this.codeError}</span>` : nothing}
        </div>
        <button type="submit" class="primary" ?disabled=${this.looking}>${t.find}</button>
        ${
          CameraScanner.supported
            ? this.camera === 'off'
              ? html`<button type="button" part="scan" @click=${this.#startCamera}>${t.scan}</button>`
              : html`<button type="button" part="scan" @click=${this.#stopCamera}>${t.stopCamera}</button>`
            : nothing
        }
      </form>
      ${
        this.camera !== 'off'
          ? html`<video part="video" muted playsinline aria-label=${t.cameraLabel}></video>
              ${this.camera === 'starting' ? html`<p class="state" role="status">${t.cameraStarting}</p>` : nothing}`
          : nothing
      }
      ${this.cameraError ? html`<p class="error" role="alert">${this.cameraError}</p>` : nothing}
      ${this.looking ? html`<p class="state" role="status">${t.looking}</p>` : nothing}
      ${this.voucher ? this.#renderVoucher(this.voucher) : nothing}
      <div role="status" aria-live="assertive" aria-atomic="true">${this.#renderOutcome()}</div>
      ${this.#renderToday()}
    `;
  }

  #renderVoucher(voucher: VoucherSummary) {
    const t = strings(voucherScannerStrings, this.language);
    const expiry = voucher.nearestExpiry;
    const blocked = voucher.status === 'blocked';
    const valid = this.#placesValid();
    return html`<section class="voucher" part="voucher" aria-labelledby="voucher-title">
      <h2 id="voucher-title">${t.voucher}</h2>
      <p class="number"><span class="visually-hidden">${t.number} </span>${voucher.number}</p>
      <p><span class="visually-hidden">${t.holder} </span>${voucher.holderName}</p>
      <p class="left">${t.placesLeft(voucher.placesLeft)}</p>
      ${expiry ? html`<p>${t.expiresOn(expiry.places, formatDate(expiry.lastValidDay, this.language))}</p>` : nothing}
      <div class="row">
        <div class="field">
          <label for="places">${t.placesLabel}</label>
          <div class="stepper">
            <button
              type="button"
              aria-label=${t.fewer}
              aria-controls="places"
              ?disabled=${this.places <= 1 || this.sending}
              @click=${() => this.#setPlaces(this.places - 1)}
            >
              −
            </button>
            <input
              id="places"
              part="places"
              type="number"
              inputmode="numeric"
              min="1"
              max=${MAX_PLACES}
              step="1"
              .value=${String(this.places)}
              aria-invalid=${valid ? 'false' : 'true'}
              aria-describedby=${valid ? nothing : 'places-error'}
              ?disabled=${this.sending}
              @input=${this.#onPlaces}
              @keydown=${this.#onPlacesKey}
            />
            <button
              type="button"
              aria-label=${t.more}
              aria-controls="places"
              ?disabled=${this.places >= MAX_PLACES || this.sending}
              @click=${() => this.#setPlaces(this.places + 1)}
            >
              +
            </button>
          </div>
          ${valid ? nothing : html`<span class="field-error" id="places-error">${t.placesInvalid}</span>`}
        </div>
        <button
          type="button"
          class="primary debit"
          part="debit"
          ?disabled=${this.sending || blocked || !valid}
          aria-describedby="voucher-title"
          @click=${() => this.debit()}
        >
          ${this.sending ? t.sending : t.debit(valid ? this.places : 0)}
        </button>
        <button type="button" @click=${this.#clear}>${t.other}</button>
      </div>
    </section>`;
  }

  #renderOutcome() {
    const outcome = this.outcome;
    if (!outcome) return nothing;
    const t = strings(voucherScannerStrings, this.language);
    return html`<div class="outcome ${outcome.kind}" part="outcome ${outcome.kind}" data-kind=${outcome.kind}>
      <strong>${t.outcomeTitle[outcome.kind]}</strong>
      <p>${outcome.message}</p>
      ${
        outcome.retry
          ? html`<button type="button" class="primary" ?disabled=${this.sending} @click=${() => this.debit()}>
              ${t.retry}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderToday() {
    const t = strings(voucherScannerStrings, this.language);
    if (this.debits.length === 0) return html`<section><p class="state">${t.noDebitsToday}</p></section>`;
    return html`<section class="scroll">
      <table part="today">
        <caption>${t.todayCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.time}</th>
            <th scope="col">${t.number}</th>
            <th scope="col">${t.holder}</th>
            <th scope="col" class="num">${t.places}</th>
          </tr>
        </thead>
        <tbody>
          ${this.debits.map(
            (d) => html`<tr>
              <th scope="row">${formatInstant(d.debit.at, this.language, 'time')}</th>
              <td>${d.number}</td>
              <td>${d.holderName}</td>
              <td class="num">${d.debit.places}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  #onLookup(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#code')!;
    this.lookup(input.value);
  }

  #onPlaces(event: Event): void {
    const value = (event.target as HTMLInputElement).valueAsNumber;
    this.places = Number.isNaN(value) ? 0 : value;
  }

  #onPlacesKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.debit();
    }
  }
}
