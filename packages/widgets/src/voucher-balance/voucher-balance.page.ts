import { text } from '../internal/page.js';
import type { VoucherBalance } from './voucher-balance.js';

/** Test and automation helper: what a person sees on a `<voucher-balance>`. */
export class VoucherBalancePage {
  constructor(readonly el: VoucherBalance) {}

  get #root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  #rows(part: string): string[][] {
    const table = this.#root.querySelector<HTMLTableElement>(`table[part~="${part}"]`);
    return [...(table?.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map((c) => text(c)));
  }

  /** The places left, as written. */
  placesLeft(): string {
    return text(this.#root.querySelector('[part~="summary"] .places'));
  }

  /** The expiring-soon warning, or `''`. */
  warning(): string {
    return text(this.#root.querySelector('[part~="warning"]'));
  }

  /** Rows of loads: [loaded on, places, left, valid until, state]. */
  lots(): string[][] {
    return this.#rows('lots');
  }

  /** Rows of places used: [date, cinema, places]. */
  debits(): string[][] {
    return this.#rows('debits');
  }

  /** Rows of orders: [ordered on, places, first session, state, reference]. */
  orders(): string[][] {
    return this.#rows('orders');
  }

  /** What the live region last announced. */
  announcement(): string {
    return text(this.#root.querySelector('.visually-hidden[role="status"]'));
  }

  state(): string {
    return text(this.#root.querySelector('[part~="state"]'));
  }
}
