import {
  defaultPaymentSplit,
  formatAmount,
  formatMoney,
  parseMoney,
  validatePaymentSplit,
} from '@guichet/sdk/rules';
import type { Lang, WalletEstimate, WalletsView } from '@guichet/sdk/schemas';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { BalanceTableStrings } from './balance-table.strings.js';

/** A valid payment: what to credit per wallet (cents) and where the confirmation goes. */
export interface PaymentSplit {
  email: string;
  total: number;
  lines: { walletId: string; amount: number }[];
}

/** What the form needs of its `<balance-table>`. */
export interface PaymentHost extends ReactiveControllerHost {
  readonly language: Lang;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * What the element gives the form: its strings, the email to start with, "Annuler", a valid
 * payment. (This module imports none of the element's modules, so a bundler keeps those in the
 * element's chunk rather than splitting them into a chunk shared with this one, one more file
 * for every page.)
 */
export interface PaymentActions {
  words: () => BalanceTableStrings;
  email: () => string;
  cancel: () => void;
  pay: (split: PaymentSplit) => void;
}

/**
 * The payment form of `<balance-table>`: the amount to pay per wallet (prefilled with what is due,
 * which it may only raise), the email, their checks and the running total. Its module loads the
 * first time a family presses "Payer"; the element does what a valid form asks (the event, the
 * card payment).
 */
export class PaymentForm {
  /** Each wallet's amount as typed, by wallet id. */
  #amounts: Record<string, string> = {};
  #amountErrors: Record<string, string> = {};
  #emailError = '';
  #formError = '';
  readonly #host: PaymentHost;
  readonly #on: PaymentActions;

  constructor(host: PaymentHost, data: WalletsView, on: PaymentActions) {
    this.#host = host;
    this.#on = on;
    this.reset(data);
  }

  /** Starts again from the amounts due (the estimate changed). */
  reset(data: WalletsView): void {
    this.#amounts = Object.fromEntries(
      Object.entries(defaultPaymentSplit(data.estimates)).map(([id, cents]) => [
        id,
        formatAmount(cents, this.#host.language),
      ]),
    );
    this.#amountErrors = {};
  }

  /** Forgets the form's alert (the form was closed or opened again). */
  clearAlert(): void {
    this.#formError = '';
  }

  /** The form for the wallets of `data`. */
  render(data: WalletsView) {
    const lang = this.#host.language;
    const t = this.#on.words();
    const money = (cents: number) => formatMoney(cents, lang);
    const numClass = (cents: number) => (cents < 0 ? 'num negative' : 'num');
    const parsed = this.#parsedAmounts(data.estimates);
    const total = Object.values(parsed).reduce<number>((sum, v) => sum + (v ?? 0), 0);
    return html`<form id="payment" class="payment" part="payment" novalidate @submit=${(e: SubmitEvent) => this.#submit(e, data)}>
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
              const error = this.#amountErrors[id];
              const amount = parsed[id];
              const after = amount === undefined ? undefined : e.newBalance + amount;
              return html`<tr>
                <th scope="row">${e.wallet.name}</th>
                <td class=${numClass(e.wallet.balance)}>${money(e.wallet.balance)}</td>
                <td class="num">${money(e.estimatedCost)}</td>
                <td class="num">
                  <input
                    part="amount"
                    inputmode="decimal"
                    autocomplete="off"
                    data-wallet=${id}
                    aria-label=${t.amountFor(e.wallet.name)}
                    aria-invalid=${error ? 'true' : 'false'}
                    aria-describedby=${error ? `error-${id}` : nothing}
                    .value=${this.#amounts[id] ?? ''}
                    @input=${this.#onAmount}
                  />
                  ${error ? html`<span class="field-error" id=${`error-${id}`}>${error}</span>` : nothing}
                </td>
                <td class=${after === undefined ? 'num' : numClass(after)}>
                  ${after === undefined ? '—' : money(after)}
                </td>
              </tr>`;
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="3">${t.totalPayment}</th>
              <td class="num">${money(total)}</td>
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
            .value=${this.#on.email()}
            aria-invalid=${this.#emailError ? 'true' : 'false'}
            aria-describedby=${this.#emailError ? 'email-error' : nothing}
          />
          ${this.#emailError ? html`<span class="field-error" id="email-error">${this.#emailError}</span>` : nothing}
        </div>
        <button type="submit" class="primary" part="submit">${t.payCard}</button>
        <button type="button" @click=${this.#on.cancel}>${t.cancel}</button>
      </div>
      <div role="alert" class="error">${this.#formError}</div>
    </form>`;
  }

  // Each wallet's typed amount in cents, `undefined` where it does not parse.
  #parsedAmounts(estimates: readonly WalletEstimate[]): Record<string, number | undefined> {
    return Object.fromEntries(
      estimates.map((e) => {
        try {
          return [e.wallet.id, parseMoney(this.#amounts[e.wallet.id] || '0')];
        } catch {
          return [e.wallet.id, undefined];
        }
      }),
    );
  }

  #onAmount = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    this.#amounts = { ...this.#amounts, [input.dataset.wallet!]: input.value };
    this.#host.requestUpdate();
  };

  #submit(event: SubmitEvent, data: WalletsView): void {
    event.preventDefault();
    const lang = this.#host.language;
    const t = this.#on.words();
    const parsed = this.#parsedAmounts(data.estimates);
    const errors: Record<string, string> = {};
    const cents: Record<string, number> = {};
    for (const e of data.estimates) {
      const amount = parsed[e.wallet.id];
      if (amount === undefined || amount < 0) errors[e.wallet.id] = t.amountInvalid;
      else if (amount < e.amountDue) errors[e.wallet.id] = t.amountBelowDue(formatMoney(e.amountDue, lang));
      else cents[e.wallet.id] = amount;
    }
    const email = this.#host.renderRoot.querySelector<HTMLInputElement>('#email')!;
    const emailValue = email.value.trim();
    this.#amountErrors = errors;
    this.#emailError = emailValue && !email.validity.typeMismatch ? '' : t.emailInvalid;
    this.#formError = '';
    const split = Object.keys(errors).length ? undefined : validatePaymentSplit(data.estimates, cents);
    if (split && !split.ok)
      this.#formError = split.reason === 'nothing_to_pay' ? t.nothingToPay : t.amountInvalid;
    this.#host.requestUpdate();
    if (!split?.ok || this.#emailError) {
      this.#host.updateComplete.then(() =>
        this.#host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    this.#on.pay({ email: emailValue, total: split.total, lines: split.lines });
  }
}
