import type { HistoryTable } from './history-table.js';

// Collapses layout whitespace but keeps the no-break spaces Intl writes in amounts.
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();

/** Test and automation helper: what a person sees and does in a `<history-table>`. */
export class HistoryTablePage {
  constructor(readonly el: HistoryTable) {}

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

  rows(): string[][] {
    return [...(this.table?.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map((c) => text(c)));
  }

  /** The total row: [label, amount]. */
  total(): string[] {
    return [...(this.table?.tFoot?.rows[0]?.cells ?? [])].map((c) => text(c));
  }

  month(): string {
    return text(this.#root.querySelector('[part~="month"]'));
  }

  /** The view button (`Consommations`, `Règlements`...) by its text. */
  viewButton(label: string): HTMLButtonElement {
    return [...this.#root.querySelectorAll<HTMLButtonElement>('[part~="view"]')].find(
      (b) => text(b) === label,
    )!;
  }

  get previousButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="previous"]')!;
  }

  get nextButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="next"]')!;
  }

  get printButton(): HTMLButtonElement {
    return this.#root.querySelector('[part~="print"]')!;
  }

  state(): string {
    return text(this.#root.querySelector('[part~="state"]'));
  }
}
