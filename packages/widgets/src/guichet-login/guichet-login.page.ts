import { text } from '../internal/page.js';
import type { GuichetLogin } from './guichet-login.js';

/** Test and automation helper: what a person sees and does in a `<guichet-login>`. */
export class GuichetLoginPage {
  constructor(readonly el: GuichetLogin) {}

  get #root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  get form(): HTMLFormElement | null {
    return this.#root.querySelector('form[part~="form"]');
  }

  get loginInput(): HTMLInputElement {
    return this.#root.querySelector('#login, #forgot-login')!;
  }

  get passwordInput(): HTMLInputElement {
    return this.#root.querySelector('#password')!;
  }

  /** The label text of an input. */
  label(input: HTMLInputElement | HTMLSelectElement): string {
    return text(this.#root.querySelector(`label[for="${input.id}"]`));
  }

  get submitButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="submit"]')!;
  }

  /** A button by its visible text. */
  button(label: string): HTMLButtonElement | undefined {
    return [...this.#root.querySelectorAll('button')].find((b) => text(b) === label);
  }

  get structureSelect(): HTMLSelectElement | null {
    return this.#root.querySelector('#structure');
  }

  get logoutButton(): HTMLButtonElement | null {
    return this.#root.querySelector('[part~="logout"]');
  }

  /** Signed-in bar text (name and structure). */
  account(): string {
    return text(this.#root.querySelector('[part~="account"]'));
  }

  errors(): string[] {
    return [...this.#root.querySelectorAll('.field-error, [role="alert"]')]
      .map((e) => text(e))
      .filter(Boolean);
  }

  message(): string {
    return text(this.#root.querySelector('[part~="message"]'));
  }
}
