import { text } from '../internal/page.js';
import type { ScreeningRequestElement } from './screening-request.js';

/** Test and automation helper: what a referent or a cinema sees and does on a `<screening-request>`. */
export class ScreeningRequestPage {
  constructor(readonly el: ScreeningRequestElement) {}

  get #root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  get form(): HTMLFormElement | null {
    return this.#root.querySelector('[part~="form"]');
  }

  /** Fills the request form: `{ venueId, session, date, time, children, adults, payment, note }`. */
  fill(values: Record<string, string>): void {
    for (const [name, value] of Object.entries(values)) {
      if (name === 'payment') {
        this.#root.querySelector<HTMLInputElement>(`input[name="payment"][value="${value}"]`)!.checked = true;
        continue;
      }
      const field = this.#root.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      field.value = value;
    }
  }

  get submitButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="submit"]')!;
  }

  async submit(): Promise<void> {
    this.submitButton.click();
    await this.settle();
  }

  /** Field errors and alerts. */
  errors(): string[] {
    return [...this.#root.querySelectorAll('.field-error, [role="alert"]')]
      .map((e) => text(e))
      .filter(Boolean);
  }

  /** The form's status line (after sending). */
  formMessage(): string {
    return text(this.#root.querySelector('.submit [role="status"]'));
  }

  #rows(part: string): string[][] {
    const table = this.#root.querySelector<HTMLTableElement>(`table[part~="${part}"]`);
    return [...(table?.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map((c) => text(c)));
  }

  /** Centre: [date, cinema, film, group, payment, state, answer]. */
  requests(): string[][] {
    return this.#rows('requests');
  }

  /** Cinema: [date, centre, film, group, payment, (message and buttons)]. */
  incoming(): string[][] {
    return this.#rows('incoming');
  }

  /** Cinema: today's confirmed groups [time, centre, film, group, payment]. */
  today(): string[][] {
    return this.#rows('today');
  }

  /** Cinema: types a message and confirms or declines the request `id`. */
  async decide(id: string, decision: 'confirm' | 'decline', message = ''): Promise<void> {
    const row = this.#root.querySelector(`[part~="incoming"] tr[data-id="${id}"]`)!;
    row.querySelector('textarea')!.value = message;
    row.querySelector<HTMLButtonElement>(`[part~="${decision}"]`)!.click();
    await this.settle();
  }

  state(): string {
    return text(this.#root.querySelector('[part~="state"]'));
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await this.el.updateComplete;
    }
  }
}
