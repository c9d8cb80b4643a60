import { formatMoney } from '@guichet/sdk/rules';
import type { WalletsView } from '@guichet/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { GuichetClientController } from '../internal/context.js';
import { GuichetElement, GuichetEvent } from '../internal/guichet-element.js';
import { Lazy } from '../internal/lazy.js';
import { strings } from '../internal/localize.js';
import { errorState, loadingState, quietState } from '../internal/states.js';
import { balanceStrings } from './balance-table.strings.js';
import { styles } from './balance-table.styles.js';
import type { PaymentForm, PaymentSplit } from './payment.js';

/** The payment form's code: a chunk of its own, loaded when a family first presses "Payer". */
const paymentForm = new Lazy(() => import('./payment.js'));

/** What a payment will credit: one line per wallet, amounts in cents. */
export interface PaymentStartedDetail {
  accountId: string;
  /** The estimate date the amounts were computed for. */
  until: string;
  email: string;
  /** Sum of the lines, in cents. */
  total: number;
  lines: { walletId: string; amount: number }[];
}

/**
 * The family asked to pay. Unless a listener calls `preventDefault()`, the element then starts the
 * card payment on the server and sends the browser to the payment page.
 */
export class GuichetPaymentStartedEvent extends GuichetEvent<PaymentStartedDetail> {
  constructor(detail: PaymentStartedDetail) {
    super('guichet-payment-started', detail, { cancelable: true });
  }
}

/** The family changed the "until" date (a host that gives `.data` answers with new data). */
export class GuichetUntilChangeEvent extends GuichetEvent<{ until: string }> {
  constructor(until: string) {
    super('guichet-until-change', { until });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'guichet-payment-started': GuichetPaymentStartedEvent;
    'guichet-until-change': GuichetUntilChangeEvent;
  }
}

/**
 * The family's wallets ("Soldes et paiements"): balance, estimated cost of the reservations not
 * yet charged until a date, and new balance, with the totals; "Payer" opens the amounts due per
 * wallet (which may only be raised) and an email, and fires `guichet-payment-started`.
 *
 * Give it `.data` (a `WalletsView`) to render without a server, or an `api` (or a provider) and an
 * `account` (default: the session's family account) to load it.
 *
 * @summary Wallet balances, estimate until a date, and the start of a card payment.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr account - Account id; default: the signed-in family's account.
 * @attr until - Estimate reservations until this date (`YYYY-MM-DD`); default: the server's.
 * @attr email - Email prefilled in the payment form; default: the signed-in user's.
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-payment-started - {GuichetPaymentStartedEvent} The family confirmed amounts and email.
 * @event guichet-until-change - {GuichetUntilChangeEvent} The family changed the "until" date.
 * @event guichet-session-expired - The server answered 401.
 * @csspart table - The balances table (and the payment table).
 * @csspart until - The "until" label and date input.
 * @csspart totals - The totals line (credit, reservations, estimated balance).
 * @csspart pay - The "Payer" button.
 * @csspart payment - The payment form.
 * @csspart amount - An amount-to-pay input.
 * @csspart submit - The "Paiement CB" button.
 * @csspart state - Loading, empty, signed-out and error messages.
 * @cssproperty --guichet-accent - Buttons and focus ring.
 * @cssproperty --guichet-radius - Corner radius.
 * @cssproperty --guichet-border - Table lines.
 * @cssproperty --guichet-danger - Negative amounts and errors.
 */
export class BalanceTable extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = balanceStrings;
  static override properties = {
    api: {},
    account: {},
    until: {},
    email: {},
    data: { attribute: false },
    paying: { state: true },
    started: { state: true },
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;
  /** Account id; default: the signed-in family's account. */
  declare account: string;
  /** Estimate until this date (`YYYY-MM-DD`); empty: the server's default. */
  declare until: string;
  /** Email prefilled in the payment form. */
  declare email: string;
  /** The wallets to show. Set it to render without a server; a load replaces it. */
  declare data: WalletsView | null;

  declare paying: boolean;
  declare started: string;

  constructor() {
    super();
    this.api = '';
    this.account = '';
    this.until = '';
    this.email = '';
    this.data = null;
    this.paying = false;
    this.started = '';
  }

  // Loads again when the client, the session or `account` changes, and when another element of
  // the page booked (the estimate has changed).
  readonly #guichet = new GuichetClientController(this, () => this.reload(), {
    reloadOn: ['guichet-booking-submitted'],
  });
  /** The payment form, once opened (it keeps what was typed until the estimate changes). */
  #payment: PaymentForm | undefined;

  /** Loads the wallets again (for the current `until`). */
  async reload(): Promise<void> {
    const account = this.#guichet.accountId(this.account);
    if (!account) return;
    const until = this.until;
    const view = await this.#guichet.load((client) => client.wallets.get(account, until ? { until } : {}));
    if (view) this.data = view;
  }

  protected override arriving() {
    return [...super.arriving(), this.paying ? paymentForm.load() : undefined];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.data) return;
    if (changed.has('data')) this.#payment?.reset(this.data);
    if (this.paying && paymentForm.value)
      this.#payment ??= new paymentForm.value.PaymentForm(this, this.data, {
        words: () => strings(balanceStrings, this.language),
        email: () => this.email || this.#guichet.session?.user.email || '',
        cancel: () => this.#togglePay(),
        pay: (split) => this.#pay(split),
      });
  }

  protected override render() {
    const t = strings(balanceStrings, this.language);
    const data = this.data;
    const status = this.#guichet.status;
    if (!data || status === 'expired') {
      if (status === 'loading') return loadingState(t.loading);
      if (status === 'error') return this.#renderError();
      return quietState(t.signedOut);
    }
    return html`
      <div class="until" part="until">
        <label for="until">${t.until}</label>
        <input id="until" type="date" .value=${this.until || data.until} @change=${this.#onUntil} />
        ${status === 'loading' ? html`<span role="status" class="state">${t.loading}</span>` : nothing}
      </div>
      ${status === 'error' ? this.#renderError() : nothing}
      ${data.estimates.length === 0 ? html`<p class="state" part="state">${t.empty}</p>` : this.#renderTable(data)}
      <dl part="totals" aria-label=${t.totals}>
        <div><dt>${t.credit}</dt><dd>${this.#money(data.totals.credit)}</dd></div>
        <div><dt>${t.reservations}</dt><dd>${this.#money(data.totals.reservations)}</dd></div>
        <div><dt>${t.estimatedBalance}</dt><dd>${this.#money(data.totals.estimatedBalance)}</dd></div>
      </dl>
      ${
        data.estimates.length
          ? html`<button
              type="button"
              part="pay"
              class=${this.paying ? '' : 'primary'}
              aria-expanded=${this.paying ? 'true' : 'false'}
              aria-controls="payment"
              @click=${this.#togglePay}
            >
              ${t.pay}
            </button>`
          : nothing
      }
      ${this.paying ? this.#renderPayment(data) : nothing}
      <p role="status" class="state">${this.started}</p>
    `;
  }

  #renderError() {
    const t = strings(balanceStrings, this.language);
    return errorState(this.#guichet.error, this.language, t, () => this.reload());
  }

  #renderTable(data: WalletsView) {
    const t = strings(balanceStrings, this.language);
    return html`<div class="scroll">
      <table part="table">
        <caption>${t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.wallet}</th>
            <th scope="col" class="num">${t.balance}</th>
            <th scope="col" class="num">${t.estimatedCost}</th>
            <th scope="col" class="num">${t.newBalance}</th>
          </tr>
        </thead>
        <tbody>
          ${data.estimates.map(
            (e) => html`<tr>
              <th scope="row">${e.wallet.name}</th>
              <td class=${this.#numClass(e.wallet.balance)}>${this.#money(e.wallet.balance)}</td>
              <td class="num">${this.#money(e.estimatedCost)}</td>
              <td class=${this.#numClass(e.newBalance)}>${this.#money(e.newBalance)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderPayment(data: WalletsView) {
    if (this.#payment) return this.#payment.render(data);
    const t = strings(balanceStrings, this.language);
    // The form's code did not arrive (offline): say so, and try again on demand.
    return errorState(undefined, this.language, { failed: t.formFailed, retry: t.retry }, () =>
      this.requestUpdate(),
    );
  }

  #money(cents: number): string {
    return formatMoney(cents, this.language);
  }

  #numClass(cents: number): string {
    return cents < 0 ? 'num negative' : 'num';
  }

  #onUntil(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (!value || value === this.until) return;
    this.until = value;
    this.emit(new GuichetUntilChangeEvent(value));
    this.reload();
  }

  async #togglePay(): Promise<void> {
    this.paying = !this.paying;
    this.#payment?.clearAlert();
    this.started = '';
    await this.updateComplete;
    if (this.paying) this.renderRoot.querySelector<HTMLInputElement>('[part~="amount"]')?.focus();
    else this.renderRoot.querySelector<HTMLButtonElement>('[part~="pay"]')?.focus();
  }

  // A valid form: tell the page, then (unless it took over) start the card payment on the server.
  async #pay(split: PaymentSplit): Promise<void> {
    const data = this.data;
    if (!data) return;
    const t = strings(balanceStrings, this.language);
    const account = this.#guichet.accountId(this.account) ?? data.estimates[0]!.wallet.accountId;
    this.started = t.started(this.#money(split.total));
    const proceed = this.emit(
      new GuichetPaymentStartedEvent({
        accountId: account,
        until: this.until || data.until,
        email: split.email,
        total: split.total,
        lines: split.lines,
      }),
    );
    const client = this.#guichet.client;
    if (!proceed || !client) return;
    const amounts = Object.fromEntries(split.lines.map((l) => [l.walletId, l.amount]));
    const payment = await this.#guichet.load((c) =>
      c.payments.start(account, { amounts, email: split.email, returnUrl: location.href }),
    );
    if (payment) location.assign(payment.redirectUrl);
  }
}
