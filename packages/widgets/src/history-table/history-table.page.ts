import { TablePage, text } from '../internal/page.js';
import type { HistoryTable } from './history-table.js';

/** Test and automation helper: what a person sees and does in a `<history-table>`. */
export class HistoryTablePage extends TablePage<HistoryTable> {
  /** The total row: [label, amount]. */
  total(): string[] {
    return [...(this.table?.tFoot?.rows[0]?.cells ?? [])].map((c) => text(c));
  }

  month(): string {
    return text(this.root.querySelector('[part~="month"]'));
  }

  /** The view button (`Consommations`, `Règlements`...) by its text. */
  viewButton(label: string): HTMLButtonElement {
    return [...this.root.querySelectorAll<HTMLButtonElement>('[part~="view"]')].find(
      (b) => text(b) === label,
    )!;
  }

  get previousButton(): HTMLButtonElement {
    return this.root.querySelector('[part~="previous"]')!;
  }

  get nextButton(): HTMLButtonElement {
    return this.root.querySelector('[part~="next"]')!;
  }

  get printButton(): HTMLButtonElement {
    return this.root.querySelector('[part~="print"]')!;
  }

  state(): string {
    return text(this.root.querySelector('[part~="state"]'));
  }
}
