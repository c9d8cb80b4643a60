import { text } from '../internal/page.js';
import type { GuichetNotices } from './guichet-notices.js';

/** Test and automation helper: what a person sees in a `<guichet-notices>`. */
export class GuichetNoticesPage {
  constructor(readonly el: GuichetNotices) {}

  get #root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  /** Notices in display order: title, date line, body. */
  notices(): { title: string; date: string; body: string }[] {
    return [...this.#root.querySelectorAll('[part~="notice"]')].map((n) => ({
      title: text(n.querySelector('[part~="title"]')),
      date: text(n.querySelector('[part~="date"]')),
      body: n.querySelector('[part~="body"]')?.textContent?.trim() ?? '',
    }));
  }

  state(): string {
    return text(this.#root.querySelector('[part~="state"]'));
  }
}
