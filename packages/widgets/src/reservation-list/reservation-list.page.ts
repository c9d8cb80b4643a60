import { TablePage, text } from '../internal/page.js';
import type { ReservationList } from './reservation-list.js';

/** Test and automation helper: what a person sees and does in a `<reservation-list>`. */
export class ReservationListPage extends TablePage<ReservationList> {
  /** Statuses column. */
  statuses(): string[] {
    return this.rows().map((r) => r[3] ?? '');
  }

  field(id: 'from' | 'to' | 'status'): HTMLInputElement | HTMLSelectElement {
    return this.root.querySelector(`#${id}`)!;
  }

  get showButton(): HTMLButtonElement {
    return this.root.querySelector('[part~="show"]')!;
  }

  get printButton(): HTMLButtonElement {
    return this.root.querySelector('[part~="print"]')!;
  }

  errors(): string[] {
    return [...this.root.querySelectorAll('[role="alert"]')].map((e) => text(e));
  }

  state(): string {
    return text(this.root.querySelector('[part~="state"]'));
  }
}
