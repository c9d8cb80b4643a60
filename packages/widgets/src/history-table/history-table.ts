import { addMonthsIso, formatMoney, isoDateInZone, monthOf } from '@guichet/sdk/rules';
import type { HistoryMonth } from '@guichet/sdk/schemas';
import { html } from 'lit';
import { GuichetClientController } from '../internal/context.js';
import { formatDate, formatMonth } from '../internal/format.js';
import { GuichetElement, GuichetEvent } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { errorState, loadingState } from '../internal/states.js';
import { historyStrings } from './history-table.strings.js';
import { styles } from './history-table.styles.js';

/** Which history is shown. */
export type HistoryView = 'consumptions' | 'payments';

/** The family moved to another month (a host that gives `.data` answers with that month). */
export class GuichetMonthChangeEvent extends GuichetEvent<{ month: string }> {
  constructor(month: string) {
    super('guichet-month-change', { month });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'guichet-month-change': GuichetMonthChangeEvent;
  }
}

/**
 * A month of the family's history: the consumptions charged (date, member, activity, price,
 * quantity, total) or the payments received (date, method, reference, payer, bank, amount), with
 * the total, previous/next month and a print view.
 *
 * Give it `.data` (a `HistoryMonth`) to render without a server, or an `api` (or a provider) and
 * an `account` (default: the session's family account) to load it.
 *
 * @summary Consumptions or payments of a month, printable.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr account - Account id; default: the signed-in family's account.
 * @attr month - The month shown (`YYYY-MM`); default: the month of `today`.
 * @attr view - `consumptions` (default) or `payments`.
 * @attr today - Today's date (`YYYY-MM-DD`), for tests; default: the date in Europe/Paris.
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-month-change - {GuichetMonthChangeEvent} The family moved to another month.
 * @event guichet-session-expired - The server answered 401.
 * @csspart toolbar - The view switch, month navigation and print button.
 * @csspart view - A view button (consumptions, payments).
 * @csspart previous - The previous-month button.
 * @csspart next - The next-month button.
 * @csspart month - The month's name.
 * @csspart print - The print button.
 * @csspart table - The table.
 * @csspart state - Loading, empty, signed-out and error messages.
 * @cssproperty --guichet-accent - Buttons and focus ring.
 * @cssproperty --guichet-border - Table lines.
 */
export class HistoryTable extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = historyStrings;
  static override properties = {
    api: {},
    account: {},
    month: { reflect: true },
    view: { reflect: true },
    today: {},
    data: { attribute: false },
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;
  /** Account id; default: the signed-in family's account. */
  declare account: string;
  /** The month shown (`YYYY-MM`); empty: `data`'s month, else the month of `today`. */
  declare month: string;
  /** `consumptions` or `payments`. */
  declare view: HistoryView;
  /** Today (`YYYY-MM-DD`); empty: today in Europe/Paris. */
  declare today: string;
  /** The month to show. Set it to render without a server; a load replaces it. */
  declare data: HistoryMonth | null;

  constructor() {
    super();
    this.api = '';
    this.account = '';
    this.month = '';
    this.view = 'consumptions';
    this.today = '';
    this.data = null;
  }

  readonly #guichet = new GuichetClientController(this, () => this.reload());

  /** The month on screen. */
  get shownMonth(): string {
    return this.month || this.data?.month || monthOf(this.today || isoDateInZone(new Date()));
  }

  /** Loads the shown month again. */
  async reload(): Promise<void> {
    const account = this.#guichet.accountId(this.account);
    if (!account) return;
    const month = this.shownMonth;
    const data = await this.#guichet.load((client) => client.history.month(account, month));
    if (data) this.data = data;
  }

  protected override render() {
    const t = strings(historyStrings, this.language);
    const month = this.shownMonth;
    const monthName = formatMonth(month, this.language);
    return html`
      <div class="toolbar no-print" part="toolbar">
        <div class="group" role="group" aria-label=${t.views}>
          ${(['consumptions', 'payments'] as const).map(
            (view) => html`<button
              type="button"
              part="view"
              aria-pressed=${this.view === view ? 'true' : 'false'}
              @click=${() => {
                this.view = view;
              }}
            >
              ${t[view]}
            </button>`,
          )}
        </div>
        <div class="nav">
          <button type="button" part="previous" aria-label=${t.previous} @click=${() => this.#move(-1)}>
            <span aria-hidden="true">‹</span>
          </button>
          <span class="month" part="month" aria-live="polite">${monthName}</span>
          <button type="button" part="next" aria-label=${t.next} @click=${() => this.#move(1)}>
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <button type="button" part="print" @click=${() => window.print()}>${t.print}</button>
      </div>
      ${this.#renderBody(month, monthName)}
    `;
  }

  #renderBody(month: string, monthName: string) {
    const t = strings(historyStrings, this.language);
    const status = this.#guichet.status;
    const data = this.data?.month === month ? this.data : null;
    if (status === 'loading') return loadingState(t.loading);
    if (status === 'error') return errorState(this.#guichet.error, this.language, t, () => this.reload());
    if (!data) {
      const signedIn = this.#guichet.client && this.#guichet.accountId(this.account) && status !== 'expired';
      return html`<p class="state" part="state">
        ${signedIn || this.data ? this.#emptyText(monthName) : t.signedOut}
      </p>`;
    }
    const lines = this.view === 'payments' ? data.payments : data.consumptions;
    if (lines.length === 0) return html`<p class="state" part="state">${this.#emptyText(monthName)}</p>`;
    return this.view === 'payments'
      ? this.#renderPayments(data, monthName)
      : this.#renderConsumptions(data, monthName);
  }

  #emptyText(monthName: string): string {
    const t = strings(historyStrings, this.language);
    return this.view === 'payments' ? t.emptyPayments(monthName) : t.emptyConsumptions(monthName);
  }

  #renderConsumptions(data: HistoryMonth, monthName: string) {
    const t = strings(historyStrings, this.language);
    const lang = this.language;
    return html`<div class="scroll">
      <table part="table">
        <caption>${t.captionConsumptions(monthName)}</caption>
        <thead>
          <tr>
            <th scope="col">${t.date}</th>
            <th scope="col">${t.member}</th>
            <th scope="col">${t.activity}</th>
            <th scope="col" class="num">${t.price}</th>
            <th scope="col" class="num">${t.quantity}</th>
            <th scope="col" class="num">${t.total}</th>
          </tr>
        </thead>
        <tbody>
          ${data.consumptions.map(
            (c) => html`<tr>
              <td>${formatDate(c.date, lang, { weekday: 'short', day: 'numeric' })}</td>
              <td>${c.memberName}</td>
              <td>${c.activityName}</td>
              <td class="num">${formatMoney(c.unitPrice, lang)}</td>
              <td class="num">${c.quantity}</td>
              <td class="num">${formatMoney(c.total, lang)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="5">${t.totalRow}</th>
            <td class="num">${formatMoney(data.totals.consumptions, lang)}</td>
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  #renderPayments(data: HistoryMonth, monthName: string) {
    const t = strings(historyStrings, this.language);
    const lang = this.language;
    return html`<div class="scroll">
      <table part="table">
        <caption>${t.captionPayments(monthName)}</caption>
        <thead>
          <tr>
            <th scope="col">${t.receivedOn}</th>
            <th scope="col">${t.mode}</th>
            <th scope="col">${t.piece}</th>
            <th scope="col">${t.payer}</th>
            <th scope="col">${t.bank}</th>
            <th scope="col" class="num">${t.amount}</th>
          </tr>
        </thead>
        <tbody>
          ${data.payments.map(
            (p) => html`<tr>
              <td>${formatDate(p.receivedOn, lang)}</td>
              <td>${t.modes[p.mode]}</td>
              <td>${p.pieceNumber}</td>
              <td>${p.payerName}</td>
              <td>${p.bankName}</td>
              <td class="num">${formatMoney(p.amount, lang)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="5">${t.totalRow}</th>
            <td class="num">${formatMoney(data.totals.payments, lang)}</td>
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  #move(months: number): void {
    this.month = addMonthsIso(this.shownMonth, months);
    this.emit(new GuichetMonthChangeEvent(this.month));
    this.reload();
  }
}
