import { text } from '../internal/page.js';
import type { VoucherScanner } from './voucher-scanner.js';

/** Test and automation helper: what a cashier sees and does on a `<voucher-scanner>`. */
export class VoucherScannerPage {
  constructor(readonly el: VoucherScanner) {}

  get #root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  get codeInput(): HTMLInputElement {
    return this.#root.querySelector('#code')!;
  }

  get findButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="lookup"] button[type="submit"]')!;
  }

  /** Types a number (or pastes a payload) and submits the look-up form. */
  async find(code: string): Promise<void> {
    this.codeInput.value = code;
    this.findButton.click();
    await this.idle();
  }

  get placesInput(): HTMLInputElement {
    return this.#root.querySelector('#places')!;
  }

  get fewerButton(): HTMLButtonElement {
    return this.#root.querySelector('button[aria-controls="places"]')!;
  }

  get moreButton(): HTMLButtonElement {
    return this.#root.querySelectorAll<HTMLButtonElement>('button[aria-controls="places"]')[1]!;
  }

  get debitButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="debit"]')!;
  }

  /** The "Réessayer" button of a no-answer outcome. */
  get retryButton(): HTMLButtonElement | null {
    return this.#root.querySelector('[part~="outcome"] button');
  }

  /** The voucher panel's text. */
  voucher(): string {
    return text(this.#root.querySelector('[part~="voucher"]'));
  }

  /** The places left shown on the voucher panel. */
  placesLeft(): string {
    return text(this.#root.querySelector('[part~="voucher"] .left'));
  }

  /** The outcome as `{ kind, title, message }`, or `null`. */
  outcome(): { kind: string; title: string; message: string } | null {
    const el = this.#root.querySelector<HTMLElement>('[part~="outcome"]');
    if (!el) return null;
    return {
      kind: el.dataset.kind!,
      title: text(el.querySelector('strong')),
      message: text(el.querySelector('p')),
    };
  }

  /** The live region that holds the outcome. */
  get liveRegion(): HTMLElement | null {
    return this.#root.querySelector('[aria-live="assertive"]');
  }

  /** Rows of today's debits: [time, number, holder, places]. */
  today(): string[][] {
    const table = this.#root.querySelector<HTMLTableElement>('[part~="today"]');
    return [...(table?.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map((c) => text(c)));
  }

  /** Field errors and alerts. */
  errors(): string[] {
    return [...this.#root.querySelectorAll('.field-error, [role="alert"]')]
      .map((e) => text(e))
      .filter(Boolean);
  }

  /** Waits until no look-up or debit is under way (a real server takes its time), then settles. */
  async idle(timeout = 5000): Promise<void> {
    const start = Date.now();
    await this.settle();
    while (this.el.looking || this.el.sending) {
      if (Date.now() - start > timeout) throw new Error('The scanner is still waiting for the server');
      await this.settle();
    }
  }

  /** Waits for pending calls and the re-render. */
  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await this.el.updateComplete;
    }
  }
}
