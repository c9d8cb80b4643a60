import { text } from '../internal/page.js';
import type { BalanceTable } from './balance-table.js';

/** Test and automation helper: what a person sees and does in a `<balance-table>`. */
export class BalanceTablePage {
  constructor(readonly el: BalanceTable) {}

  get #root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  /** The balances table (the first table). */
  get table(): HTMLTableElement | null {
    return this.#root.querySelector('table');
  }

  /** Rows of the balances table as text cells: [wallet, balance, estimated cost, new balance]. */
  rows(): string[][] {
    return [...(this.table?.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map((c) => text(c)));
  }

  /** The totals as `{ label: amount }`. */
  totals(): Record<string, string> {
    const dl = this.#root.querySelector('[part~="totals"]');
    return Object.fromEntries(
      [...(dl?.querySelectorAll('div') ?? [])].map((d) => [
        text(d.querySelector('dt')),
        text(d.querySelector('dd')),
      ]),
    );
  }

  get untilInput(): HTMLInputElement {
    return this.#root.querySelector('#until')!;
  }

  get payButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="pay"]')!;
  }

  get paymentForm(): HTMLFormElement | null {
    return this.#root.querySelector('[part~="payment"]');
  }

  /** The amount input of a wallet, by wallet id. */
  amountInput(walletId: string): HTMLInputElement {
    return this.#root.querySelector(`input[data-wallet="${walletId}"]`)!;
  }

  get emailInput(): HTMLInputElement {
    return this.#root.querySelector('#email')!;
  }

  get submitButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="submit"]')!;
  }

  /** Rows of the payment table: [wallet, balance, cost, (input), new balance]. */
  paymentRows(): string[][] {
    const table = this.paymentForm?.querySelector('table');
    return [...(table?.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map((c) => text(c)));
  }

  paymentTotal(): string {
    return text(this.paymentForm?.querySelector('tfoot td.num'));
  }

  /** Error messages shown (field errors and alerts). */
  errors(): string[] {
    return [...this.#root.querySelectorAll('.field-error, [role="alert"]')]
      .map((e) => text(e))
      .filter(Boolean);
  }

  /** The loading, empty, signed-out or error message. */
  state(): string {
    return text(this.#root.querySelector('[part~="state"]'));
  }
}
