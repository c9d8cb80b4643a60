import type { ReservationList } from './reservation-list.js';

// Collapses layout whitespace but keeps the no-break spaces Intl writes in amounts.
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();

/** Test and automation helper: what a person sees and does in a `<reservation-list>`. */
export class ReservationListPage {
  constructor(readonly el: ReservationList) {}

  get #root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  get table(): HTMLTableElement | null {
    return this.#root.querySelector('table');
  }

  caption(): string {
    return text(this.table?.caption);
  }

  headers(): string[] {
    return [...(this.table?.tHead?.rows[0]?.cells ?? [])].map((c) => text(c));
  }

  /** Rows as [date, member, activity, status]. */
  rows(): string[][] {
    return [...(this.table?.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map((c) => text(c)));
  }

  /** Statuses column. */
  statuses(): string[] {
    return this.rows().map((r) => r[3] ?? '');
  }

  field(id: 'from' | 'to' | 'status'): HTMLInputElement | HTMLSelectElement {
    return this.#root.querySelector(`#${id}`)!;
  }

  get showButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="show"]')!;
  }

  get printButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="print"]')!;
  }

  errors(): string[] {
    return [...this.#root.querySelectorAll('[role="alert"]')].map((e) => text(e));
  }

  state(): string {
    return text(this.#root.querySelector('[part~="state"]'));
  }
}
