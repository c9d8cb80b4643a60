import {
  defaultPaymentSplit,
  formatAmount,
  formatMoney,
  parseMoney,
  validatePaymentSplit,
} from '@guichet/sdk/rules';
import type { WalletEstimate, WalletsView } from '@guichet/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { GuichetClientController } from '../internal/context.js';
import { GuichetElement, GuichetEvent } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { errorState, loadingState, quietState } from '../internal/states.js';
import { balanceStrings } from './balance-table.strings.js';
import { styles } from './balance-table.styles.js';

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

  /** Base URL of the Guichet server, when not under a provider. */
  @property() accessor api = '';
  /** Account id; default: the signed-in family's account. */
  @property() accessor account = '';
  /** Estimate until this date (`YYYY-MM-DD`); empty: the server's default. */
  @property() accessor until = '';
  /** Email prefilled in the payment form. */
  @property() accessor email = '';
  /** The wallets to show. Set it to render without a server; a load replaces it. */
  @property({ attribute: false }) accessor data: WalletsView | null = null;

  @state() accessor paying = false;
  @state() accessor amounts: Record<string, string> = {};
  @state() accessor amountErrors: Record<string, string> = {};
  @state() accessor formError = '';
  @state() accessor emailError = '';
  @state() accessor started = '';

  readonly #guichet = new GuichetClientController(this, () => this.reload());

  /** Loads the wallets again (for the current `until`). */
  async reload(): Promise<void> {
    const account = this.#guichet.accountId(this.account);
    if (!account) return;
    const until = this.until;
    const view = await this.#guichet.load((client) => client.wallets.get(account, until ? { until } : {}));
    if (view) this.data = view;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('data') && this.data) {
      this.amounts = Object.fromEntries(
        Object.entries(defaultPaymentSplit(this.data.estimates)).map(([id, cents]) => [
          id,
          formatAmount(cents, this.language),
        ]),
      );
      this.amountErrors = {};
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('account') && changed.get('account') !== undefined) this.reload();
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
    const t = strings(balanceStrings, this.language);
    const parsed = this.#parsedAmounts(data.estimates);
    const total = Object.values(parsed).reduce<number>((sum, v) => sum + (v ?? 0), 0);
    return html`<form id="payment" class="payment" part="payment" novalidate @submit=${this.#onPay}>
      <p>${t.payHelp}</p>
      <div class="scroll">
        <table part="table">
          <caption>${t.payCaption}</caption>
          <thead>
            <tr>
              <th scope="col">${t.wallet}</th>
              <th scope="col" class="num">${t.balance}</th>
              <th scope="col" class="num">${t.estimatedCost}</th>
              <th scope="col" class="num">${t.amountToPay}</th>
              <th scope="col" class="num">${t.newBalance}</th>
            </tr>
          </thead>
          <tbody>
            ${data.estimates.map((e) => {
              const id = e.wallet.id;
              const error = this.amountErrors[id];
              const amount = parsed[id];
              const after = amount === undefined ? undefined : e.newBalance + amount;
              return html`<tr>
                <th scope="row">${e.wallet.name}</th>
                <td class=${this.#numClass(e.wallet.balance)}>${this.#money(e.wallet.balance)}</td>
                <td class="num">${this.#money(e.estimatedCost)}</td>
                <td class="num">
                  <input
                    part="amount"
                    inputmode="decimal"
                    autocomplete="off"
                    data-wallet=${id}
                    aria-label=${t.amountFor(e.wallet.name)}
                    aria-invalid=${error ? 'true' : 'false'}
                    aria-describedby=${error ? `error-${id}` : nothing}
                    .value=${this.amounts[id] ?? ''}
                    @input=${this.#onAmount}
                  />
                  ${error ? html`<span class="field-error" id=${`error-${id}`}>${error}</span>` : nothing}
                </td>
                <td class=${after === undefined ? 'num' : this.#numClass(after)}>
                  ${after === undefined ? '—' : this.#money(after)}
                </td>
              </tr>`;
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="3">${t.totalPayment}</th>
              <td class="num">${this.#money(total)}</td>
              <td></td>
            </tr>
          </tfoot>
        </table>
      </div>
      <div class="actions">
        <div class="field">
          <label for="email">${t.email}</label>
          <input
            id="email"
            type="email"
            autocomplete="email"
            required
            .value=${this.email || this.#guichet.session?.user.email || ''}
            aria-invalid=${this.emailError ? 'true' : 'false'}
            aria-describedby=${this.emailError ? 'email-error' : nothing}
          />
          ${this.emailError ? html`<span class="field-error" id="email-error">${this.emailError}</span>` : nothing}
        </div>
        <button type="submit" class="primary" part="submit">${t.payCard}</button>
        <button type="button" @click=${this.#togglePay}>${t.cancel}</button>
      </div>
      <div role="alert" class="error">${this.formError}</div>
    </form>`;
  }

  #money(cents: number): string {
    return formatMoney(cents, this.language);
  }

  #numClass(cents: number): string {
    return cents < 0 ? 'num negative' : 'num';
  }

  // Each wallet's typed amount in cents, `undefined` where it does not parse.
  #parsedAmounts(estimates: readonly WalletEstimate[]): Record<string, number | undefined> {
    return Object.fromEntries(
      estimates.map((e) => {
        try {
          return [e.wallet.id, parseMoney(this.amounts[e.wallet.id] || '0')];
        } catch {
          return [e.wallet.id, undefined];
        }
      }),
    );
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
    this.formError = '';
    this.started = '';
    await this.updateComplete;
    if (this.paying) this.renderRoot.querySelector<HTMLInputElement>('[part~="amount"]')?.focus();
    else this.renderRoot.querySelector<HTMLButtonElement>('[part~="pay"]')?.focus();
  }

  #onAmount(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.amounts = { ...this.amounts, [input.dataset.wallet!]: input.value };
  }

  async #onPay(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = this.data;
    if (!data) return;
    const t = strings(balanceStrings, this.language);
    const parsed = this.#parsedAmounts(data.estimates);
    const errors: Record<string, string> = {};
    const cents: Record<string, number> = {};
    for (const e of data.estimates) {
      const amount = parsed[e.wallet.id];
      if (amount === undefined || amount < 0) errors[e.wallet.id] = t.amountInvalid;
      else if (amount < e.amountDue) errors[e.wallet.id] = t.amountBelowDue(this.#money(e.amountDue));
      else cents[e.wallet.id] = amount;
    }
    const email = this.renderRoot.querySelector<HTMLInputElement>('#email')!;
    const emailValue = email.value.trim();
    this.amountErrors = errors;
    this.emailError = emailValue && !email.validity.typeMismatch ? '' : t.emailInvalid;
    this.formError = '';
    const split = Object.keys(errors).length ? undefined : validatePaymentSplit(data.estimates, cents);
    if (split && !split.ok)
      this.formError = split.reason === 'nothing_to_pay' ? t.nothingToPay : t.amountInvalid;
    if (!split?.ok || this.emailError) {
      this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const account = this.#guichet.accountId(this.account) ?? data.estimates[0]!.wallet.accountId;
    this.started = t.started(this.#money(split.total));
    const proceed = this.emit(
      new GuichetPaymentStartedEvent({
        accountId: account,
        until: this.until || data.until,
        email: emailValue,
        total: split.total,
        lines: split.lines,
      }),
    );
    const client = this.#guichet.client;
    if (!proceed || !client) return;
    const amounts = Object.fromEntries(split.lines.map((l) => [l.walletId, l.amount]));
    const payment = await this.#guichet.load((c) =>
      c.payments.start(account, { amounts, email: emailValue, returnUrl: location.href }),
    );
    if (payment) location.assign(payment.redirectUrl);
  }

  // Another element of the page booked or paid: the estimate has changed.
  readonly #refresh = () => void this.reload();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('guichet-booking-submitted', this.#refresh);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('guichet-booking-submitted', this.#refresh);
  }
}
