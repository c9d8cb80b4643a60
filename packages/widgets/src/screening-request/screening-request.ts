import { isoDateInZone } from '@guichet/sdk/rules';
import type { ScreeningRequest, ScreeningRequestInput } from '@guichet/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { errorMessage, GuichetClientController, isUnauthorized } from '../internal/context.js';
import { formatDate } from '../internal/format.js';
import { GuichetElement, GuichetEvent } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { errorState, loadingState, quietState } from '../internal/states.js';
import { screeningRequestStrings } from './screening-request.strings.js';
import { styles } from './screening-request.styles.js';

/** A cinema a centre may ask. */
export interface ScreeningVenue {
  id: string;
  name: string;
}

/** A centre sent a screening request. */
export class GuichetScreeningRequestedEvent extends GuichetEvent<{ request: ScreeningRequest }> {
  constructor(request: ScreeningRequest) {
    super('guichet-screening-requested', { request });
  }
}

/** A cinema confirmed or declined a request. */
export class GuichetScreeningDecidedEvent extends GuichetEvent<{ request: ScreeningRequest }> {
  constructor(request: ScreeningRequest) {
    super('guichet-screening-decided', { request });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'guichet-screening-requested': GuichetScreeningRequestedEvent;
    'guichet-screening-decided': GuichetScreeningDecidedEvent;
  }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isUncertain(error: unknown): boolean {
  const e = error as { code?: unknown; status?: unknown } | null;
  if (e?.code === 'network_error' || e?.code === 'timeout') return true;
  return typeof e?.status === 'number' && e.status >= 500;
}

/**
 * Group screenings between leisure centres and cinemas (seed 000's booking form).
 *
 * For a centre's referent (default): a form to ask a cinema for a session (cinema, film or
 * session, date and time, children, adults, payment by cartoonette or on site by card, a note),
 * sent once whatever the retries (one `Idempotency-Key` per request), and the list of the
 * centre's requests with the cinema's answers.
 *
 * With `mode="cinema"`: the requests waiting for an answer, each confirmed or declined with a
 * message to the centre, and the day's confirmed groups for the desk.
 *
 * @summary Group screening requests: the centre's form and list, the cinema's answers and day.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr mode - `centre` (default: the referent's form and list) or `cinema` (answer requests, today's groups).
 * @attr account - The centre's account id (centre mode); default: the session's account.
 * @attr venue - Cinema mode: only this venue's requests.
 * @attr venues - Centre mode: the cinemas to choose from, as JSON `[{"id": "...", "name": "..."}]` (or the `.venues` property).
 * @attr today - Today's date, `YYYY-MM-DD` (defaults to the date in Paris; set it in tests).
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-screening-requested - {GuichetScreeningRequestedEvent} The centre sent a request.
 * @event guichet-screening-decided - {GuichetScreeningDecidedEvent} The cinema confirmed or declined a request.
 * @event guichet-session-expired - The server answered 401.
 * @csspart form - The request form.
 * @csspart submit - The send button.
 * @csspart requests - The centre's requests table.
 * @csspart incoming - The cinema's table of requests to answer.
 * @csspart confirm - A "Confirmer" button.
 * @csspart decline - A "Refuser" button.
 * @csspart today - The day's confirmed groups.
 * @csspart status - A request's state.
 * @csspart state - Loading, empty, signed-out and error messages.
 * @cssproperty --guichet-accent - Buttons and focus ring.
 * @cssproperty --guichet-success - Confirmed requests.
 * @cssproperty --guichet-danger - Declined requests and errors.
 */
export class ScreeningRequestElement extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = screeningRequestStrings;
  static override properties = {
    api: {},
    mode: {},
    account: {},
    venue: {},
    venues: { type: Array },
    today: {},
    requests: { attribute: false },
    errors: { state: true },
    sending: { state: true },
    formMessage: { state: true },
    formError: { state: true },
    deciding: { state: true },
    announcement: { state: true },
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;
  /** `centre` (the referent's side) or `cinema` (the cinema's side). */
  declare mode: 'centre' | 'cinema';
  /** The centre's account id (centre mode). */
  declare account: string;
  /** Cinema mode: only this venue's requests. */
  declare venue: string;
  /** The cinemas a centre may ask. */
  declare venues: ScreeningVenue[];
  /** Today's date, `YYYY-MM-DD`. */
  declare today: string;
  /** The requests shown. Set it to render without a server; a load replaces it. */
  declare requests: ScreeningRequest[] | null;

  declare errors: Record<string, string>;
  declare sending: boolean;
  declare formMessage: string;
  declare formError: string;
  declare deciding: string;
  declare announcement: string;

  constructor() {
    super();
    this.api = '';
    this.mode = 'centre';
    this.account = '';
    this.venue = '';
    this.venues = [];
    this.today = '';
    this.requests = null;
    this.errors = {};
    this.sending = false;
    this.formMessage = '';
    this.formError = '';
    this.deciding = '';
    this.announcement = '';
  }

  readonly #guichet = new GuichetClientController(this, () => this.reload());
  #pending: { key: string; what: string } | undefined;

  get #today(): string {
    return this.today || isoDateInZone(new Date());
  }

  /** Loads the requests again. */
  async reload(): Promise<void> {
    if (this.mode === 'cinema') {
      const venueId = this.venue;
      const query = { from: this.#today, ...(venueId ? { venueId } : {}) };
      const list = await this.#guichet.load((client) => client.call('screeningRequests', { query }));
      if (list) this.requests = list.items;
      return;
    }
    const accountId = this.#guichet.accountId(this.account);
    if (!accountId) return;
    const list = await this.#guichet.load((client) =>
      client.call('accountScreenings', { params: { accountId } }),
    );
    if (list) this.requests = list.items;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const reloadOn = ['account', 'mode', 'venue'] as const;
    if (reloadOn.some((k) => changed.has(k) && changed.get(k) !== undefined)) this.reload();
  }

  protected override render() {
    const t = strings(screeningRequestStrings, this.language);
    return this.mode === 'cinema'
      ? html`${this.#renderIncoming()} ${this.#renderToday()}
          <p class="visually-hidden" role="status">${this.announcement}</p>`
      : html`${this.#renderForm()}
          <section>${this.#renderList(t.listCaption)}</section>`;
  }

  #renderStatus() {
    const t = strings(screeningRequestStrings, this.language);
    const status = this.#guichet.status;
    if (status === 'loading' && !this.requests) return loadingState(t.loading);
    if (status === 'error') return errorState(this.#guichet.error, this.language, t, () => this.reload());
    if (status === 'expired' || (!this.requests && status !== 'loading')) return quietState(t.signedOut);
    return nothing;
  }

  // ---- centre

  #field(name: string, label: string, control: unknown, hint?: string) {
    const error = this.errors[name];
    return html`<div class="field">
      <label for=${name}>${label}</label>
      ${control}
      ${hint ? html`<span class="hint" id=${`${name}-hint`}>${hint}</span>` : nothing}
      ${error ? html`<span class="field-error" id=${`${name}-error`}>${error}</span>` : nothing}
    </div>`;
  }

  #described(name: string, hint = false): string {
    return [hint ? `${name}-hint` : '', this.errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
  }

  #renderForm() {
    const t = strings(screeningRequestStrings, this.language);
    const invalid = (name: string) => (this.errors[name] ? 'true' : 'false');
    return html`<form part="form" novalidate aria-labelledby="form-title" @submit=${this.#onSubmit}>
      <h2 id="form-title" class="wide">${t.formTitle}</h2>
      ${this.#field(
        'venueId',
        t.venue,
        html`<select id="venueId" name="venueId" required aria-invalid=${invalid('venueId')} aria-describedby=${this.#described('venueId')}>
          <option value="">${t.chooseVenue}</option>
          ${this.venues.map((v) => html`<option value=${v.id}>${v.name}</option>`)}
        </select>`,
      )}
      ${this.#field(
        'session',
        t.session,
        html`<input id="session" name="session" required maxlength="200" aria-invalid=${invalid('session')} aria-describedby=${this.#described('session', true)} />`,
        t.sessionHint,
      )}
      ${this.#field(
        'date',
        t.date,
        html`<input id="date" name="date" type="date" required min=${this.#today} aria-invalid=${invalid('date')} aria-describedby=${this.#described('date')} />`,
      )}
      ${this.#field(
        'time',
        t.time,
        html`<input id="time" name="time" type="time" aria-invalid=${invalid('time')} aria-describedby=${this.#described('time')} />`,
      )}
      ${this.#field(
        'children',
        t.children,
        html`<input id="children" name="children" type="number" inputmode="numeric" min="1" max="500" required aria-invalid=${invalid('children')} aria-describedby=${this.#described('children')} />`,
      )}
      ${this.#field(
        'adults',
        t.adults,
        html`<input id="adults" name="adults" type="number" inputmode="numeric" min="0" max="200" value="0" aria-invalid=${invalid('adults')} aria-describedby=${this.#described('adults')} />`,
      )}
      <fieldset class="wide">
        <legend>${t.payment}</legend>
        <label><input type="radio" name="payment" value="voucher" checked /> ${t.payments.voucher}</label>
        <label><input type="radio" name="payment" value="on_site" /> ${t.payments.on_site}</label>
      </fieldset>
      <div class="field wide">
        <label for="note">${t.note}</label>
        <textarea id="note" name="note" maxlength="2000"></textarea>
      </div>
      <div class="submit wide">
        <button type="submit" class="primary" part="submit" ?disabled=${this.sending}>
          ${this.sending ? t.sending : t.send}
        </button>
        <span role="status">${this.formMessage}</span>
      </div>
      <div class="wide error" role="alert">${this.formError}</div>
    </form>`;
  }

  #read(form: HTMLFormElement): { input?: ScreeningRequestInput; errors: Record<string, string> } {
    const t = strings(screeningRequestStrings, this.language);
    const data = new FormData(form);
    const get = (name: string) => String(data.get(name) ?? '').trim();
    const errors: Record<string, string> = {};
    const venueId = get('venueId');
    const session = get('session');
    const date = get('date');
    const time = get('time');
    const children = Number(get('children'));
    const adults = Number(get('adults') || '0');
    if (!venueId) errors.venueId = t.required;
    if (!session) errors.session = t.required;
    if (!date) errors.date = t.required;
    else if (date < this.#today) errors.date = t.datePast;
    if (time && !TIME.test(time)) errors.time = t.required;
    if (!get('children') || !Number.isInteger(children) || children < 1 || children > 500)
      errors.children = t.childrenInvalid;
    if (!Number.isInteger(adults) || adults < 0 || adults > 200) errors.adults = t.adultsInvalid;
    if (Object.keys(errors).length) return { errors };
    const note = get('note');
    return {
      errors,
      input: {
        venueId,
        session,
        date,
        time: time || null,
        children,
        adults,
        payment: get('payment') === 'on_site' ? 'on_site' : 'voucher',
        note: note || null,
      },
    };
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const t = strings(screeningRequestStrings, this.language);
    const form = event.currentTarget as HTMLFormElement;
    const { input, errors } = this.#read(form);
    this.errors = errors;
    this.formMessage = '';
    this.formError = '';
    if (!input) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const client = this.#guichet.client;
    const accountId = this.#guichet.accountId(this.account);
    if (!client || !accountId) {
      this.formError = t.signedOut;
      return;
    }
    const what = JSON.stringify([accountId, input]);
    if (this.#pending?.what !== what) this.#pending = { key: crypto.randomUUID(), what };
    const key = this.#pending.key;
    this.sending = true;
    try {
      const created = await client.call(
        'requestScreening',
        { params: { accountId }, body: input },
        { idempotencyKey: key },
      );
      this.#pending = undefined;
      this.requests = [created, ...(this.requests ?? []).filter((r) => r.id !== created.id)];
      form.reset();
      this.formMessage = t.sent(formatDate(created.date, this.language));
      this.emit(new GuichetScreeningRequestedEvent(created));
    } catch (error) {
      if (isUnauthorized(error)) this.#guichet.fail(error);
      if (!isUncertain(error)) this.#pending = undefined;
      this.formError = isUncertain(error) ? t.retryNetwork : errorMessage(error, this.language, t.failed);
    } finally {
      this.sending = false;
    }
  }

  #time(r: ScreeningRequest): string {
    const date = formatDate(r.date, this.language);
    return r.time ? `${date} ${r.time}` : date;
  }

  #renderList(caption: string) {
    const t = strings(screeningRequestStrings, this.language);
    const status = this.#renderStatus();
    if (status !== nothing) return status;
    const list = this.requests ?? [];
    if (list.length === 0) return html`<p class="state" part="state">${t.noRequests}</p>`;
    return html`<div class="scroll">
      <table part="requests">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.when}</th>
            <th scope="col">${t.venue}</th>
            <th scope="col">${t.film}</th>
            <th scope="col">${t.group}</th>
            <th scope="col">${t.payment}</th>
            <th scope="col">${t.status}</th>
            <th scope="col">${t.answer}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (r) => html`<tr data-id=${r.id}>
              <th scope="row">${this.#time(r)}</th>
              <td>${r.venueName}</td>
              <td>${r.session}</td>
              <td>${t.groupOf(r.children, r.adults)}</td>
              <td>${t.payments[r.payment]}</td>
              <td><span class="status ${r.status}" part="status">${t.statuses[r.status]}</span></td>
              <td>${r.staffMessage ?? '—'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  // ---- cinema

  #renderIncoming() {
    const t = strings(screeningRequestStrings, this.language);
    const status = this.#renderStatus();
    if (status !== nothing) return status;
    const waiting = (this.requests ?? [])
      .filter((r) => r.status === 'requested')
      .sort((a, b) => (a.date + (a.time ?? '') < b.date + (b.time ?? '') ? -1 : 1));
    if (waiting.length === 0) return html`<p class="state" part="state">${t.noIncoming}</p>`;
    return html`<div class="scroll">
      <table part="incoming">
        <caption>${t.incomingCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.when}</th>
            <th scope="col">${t.centre}</th>
            <th scope="col">${t.film}</th>
            <th scope="col">${t.group}</th>
            <th scope="col">${t.payment}</th>
            <th scope="col">${t.message}</th>
          </tr>
        </thead>
        <tbody>
          ${waiting.map(
            (r) => html`<tr data-id=${r.id}>
              <th scope="row">${this.#time(r)}${this.venue ? nothing : html`<br />${r.venueName}`}</th>
              <td>${r.centreName}${r.note ? html`<br /><span class="hint">${r.note}</span>` : nothing}</td>
              <td>${r.session}</td>
              <td>${t.groupOf(r.children, r.adults)}</td>
              <td>${t.payments[r.payment]}</td>
              <td>
                <div class="decide">
                  <textarea
                    aria-label=${t.messageFor(r.centreName)}
                    data-message=${r.id}
                    maxlength="2000"
                    ?disabled=${this.deciding === r.id}
                  ></textarea>
                  <div class="buttons">
                    <button
                      type="button"
                      class="primary"
                      part="confirm"
                      ?disabled=${this.deciding !== ''}
                      @click=${() => this.#decide(r, 'confirmed')}
                    >
                      ${t.confirm}
                    </button>
                    <button
                      type="button"
                      part="decline"
                      ?disabled=${this.deciding !== ''}
                      @click=${() => this.#decide(r, 'declined')}
                    >
                      ${t.decline}
                    </button>
                  </div>
                </div>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="error" role="alert">${this.formError}</div>`;
  }

  async #decide(request: ScreeningRequest, decision: 'confirmed' | 'declined'): Promise<void> {
    const t = strings(screeningRequestStrings, this.language);
    const client = this.#guichet.client;
    if (!client || this.deciding) return;
    const box = this.renderRoot.querySelector<HTMLTextAreaElement>(`textarea[data-message="${request.id}"]`);
    const message = box?.value.trim() || null;
    this.deciding = request.id;
    this.formError = '';
    try {
      const decided = await client.call('decideScreening', {
        params: { id: request.id },
        body: { decision, message },
      });
      this.requests = (this.requests ?? []).map((r) => (r.id === decided.id ? decided : r));
      this.announcement = t.decided(decided.centreName, t.statuses[decided.status]);
      this.emit(new GuichetScreeningDecidedEvent(decided));
    } catch (error) {
      if (isUnauthorized(error)) this.#guichet.fail(error);
      this.formError = errorMessage(error, this.language, t.failed);
    } finally {
      this.deciding = '';
    }
  }

  #renderToday() {
    const t = strings(screeningRequestStrings, this.language);
    const today = this.#today;
    if (!this.requests) return nothing;
    const groups = this.requests
      .filter((r) => r.status === 'confirmed' && r.date === today)
      .sort((a, b) => ((a.time ?? '') < (b.time ?? '') ? -1 : 1));
    const caption = t.todayCaption(formatDate(today, this.language));
    if (groups.length === 0)
      return html`<section><h2>${caption}</h2><p class="state">${t.noGroupsToday}</p></section>`;
    return html`<section class="scroll">
      <table part="today">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.time}</th>
            <th scope="col">${t.centre}</th>
            <th scope="col">${t.film}</th>
            <th scope="col">${t.group}</th>
            <th scope="col">${t.payment}</th>
          </tr>
        </thead>
        <tbody>
          ${groups.map(
            (r) => html`<tr data-id=${r.id}>
              <th scope="row">${r.time ?? '—'}</th>
              <td>${r.centreName}</td>
              <td>${r.session}</td>
              <td>${t.groupOf(r.children, r.adults)}</td>
              <td>${t.payments[r.payment]}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}
