import { text } from '../internal/page.js';
import type { CountermarkChecker } from './countermark-checker.js';

/** Test and automation helper: what a cashier sees and does on a `<countermark-checker>`. */
export class CountermarkCheckerPage {
  constructor(readonly el: CountermarkChecker) {}

  get #root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  get input(): HTMLInputElement {
    return this.#root.querySelector('#token')!;
  }

  /** Types `value` as a person would (one input event). */
  async type(value: string): Promise<void> {
    this.input.value = value;
    this.input.dispatchEvent(new Event('input', { bubbles: true }));
    await this.el.updateComplete;
  }

  /** Types `value` and presses "Vérifier". */
  async check(value: string): Promise<void> {
    await this.type(value);
    this.button('check').click();
    await this.idle();
  }

  /** A button by part: `check`, `scan`, `validate`, `keep`, `cancel`. */
  button(part: string): HTMLButtonElement {
    return this.#root.querySelector(`[part~="${part}"]`)!;
  }

  /** The "Oui, annuler" button of the cancel confirmation. */
  get confirmYes(): HTMLButtonElement | null {
    return this.#root.querySelector('[part~="confirm"] button');
  }

  /** The format error under the field, or `''`. */
  formatError(): string {
    return text(this.#root.querySelector('#token-error'));
  }

  /** The booking's fields: offer, session, quantity, price, beneficiary, venue, status. */
  booking(): Record<string, string> | null {
    const section = this.#root.querySelector('[part~="booking"]');
    if (!section) return null;
    return Object.fromEntries(
      [...section.querySelectorAll<HTMLElement>('dd[data-field]')].map((dd) => [dd.dataset.field!, text(dd)]),
    );
  }

  /** The "valid from" notice, or `''`. */
  validFrom(): string {
    return text(this.#root.querySelector('[part~="valid-from"]'));
  }

  /** Why validating is not possible now (other than too early), or `''`. */
  reason(): string {
    return text(this.#root.querySelector('[part~="reason"]'));
  }

  /** The server's refusal, or `''`. */
  refusal(): string {
    return text(this.#root.querySelector('[part~="refusal"]'));
  }

  /** What the last action did, or `''`. */
  done(): string {
    return text(this.#root.querySelector('[part~="done"]'));
  }

  /** Which of validate / keep / cancel are enabled. */
  enabled(): { validate: boolean; keep: boolean; cancel: boolean } {
    return {
      validate: !this.button('validate').disabled,
      keep: !this.button('keep').disabled,
      cancel: !this.button('cancel').disabled,
    };
  }

  /** Waits until no request is under way (a real server takes its time), then settles. */
  async idle(timeout = 5000): Promise<void> {
    const start = Date.now();
    await this.settle();
    while (this.el.busy) {
      if (Date.now() - start > timeout) throw new Error('The checker is still waiting for the server');
      await this.settle();
    }
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await this.el.updateComplete;
    }
  }
}
