import { sendKeys } from '@web/test-runner-commands';
import type { FamilyCalendar } from './family-calendar.js';

/** Text as a test writes it: one plain space for any run of spaces (Intl's no-break spaces included). */
export function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/**
 * What a test (or a person) sees of a `<family-calendar>`: days by date, the focused day, the basket,
 * the recap and the outcomes. Tests talk to this, not to the shadow DOM.
 */
export class FamilyCalendarPage {
  constructor(readonly el: FamilyCalendar) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  /** Waits for the element to render. */
  async settle(): Promise<void> {
    await this.el.updateComplete;
    await this.el.updateComplete;
  }

  /** The button of a day (`2026-04-19`). */
  day(date: string): HTMLButtonElement {
    const button = this.root.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);
    if (!button) throw new Error(`No day ${date} in the grid (shown: ${this.heading})`);
    return button;
  }

  /** Every day button of the shown month. */
  days(): HTMLButtonElement[] {
    return [...this.root.querySelectorAll<HTMLButtonElement>('button[data-date]')];
  }

  /** The part names of a day (`['day', 'open', 'pending-add']`). */
  parts(date: string): string[] {
    return (this.day(date).getAttribute('part') ?? '').split(/\s+/);
  }

  label(date: string): string {
    return this.day(date).getAttribute('aria-label') ?? '';
  }

  /** The date of the day that holds the tab stop. */
  get tabStop(): string | undefined {
    return this.days().find((b) => b.tabIndex === 0)?.dataset.date;
  }

  /** The date of the day that has the focus, if a day has it. */
  get focusedDay(): string | undefined {
    return (this.root.activeElement as HTMLElement | null)?.dataset?.date;
  }

  get heading(): string {
    return this.root.querySelector('#month')?.textContent?.trim() ?? '';
  }

  get announcement(): string {
    return this.root.querySelector('[role="status"]')?.textContent?.trim() ?? '';
  }

  /** The legend's entries by state. */
  legend(state: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`.legend li[data-state="${state}"]`);
  }

  /** The select labelled `label` (`Enfant`, `Activité`). */
  select(label: string): HTMLSelectElement {
    const text = (l: HTMLLabelElement) =>
      plain([...l.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : '')).join(''));
    const select = [...this.root.querySelectorAll('label')]
      .find((l) => text(l) === label)
      ?.querySelector('select');
    if (!select) throw new Error(`No select "${label}"`);
    return select;
  }

  /** The option a select shows, as a person reads it. */
  shown(label: string): string {
    const select = this.select(label);
    return plain(select.options[select.selectedIndex]?.textContent);
  }

  /** Chooses an option by its text in the select labelled `label`, as a person does. */
  async choose(label: string, option: string): Promise<void> {
    const select = this.select(label);
    const found = [...select.options].find((o) => plain(o.textContent) === option);
    if (!found) throw new Error(`No option "${option}" in "${label}"`);
    select.value = found.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await this.settle();
  }

  /** Presses the next-month button (`-1`: the previous one). */
  async moveMonth(direction: 1 | -1): Promise<void> {
    this.root.querySelector<HTMLButtonElement>(`[part~="${direction === 1 ? 'next' : 'previous'}"]`)!.click();
    await this.settle();
  }

  /** Waits until no load is under way and the shown child's month is in hand. */
  async loaded(timeout = 5000): Promise<void> {
    const start = Date.now();
    const waiting = () => {
      const c = this.el.calendar;
      return !c || c.month !== this.el.month || c.memberId !== this.el.memberId || this.busy;
    };
    await this.settle();
    while (waiting()) {
      if (Date.now() - start > timeout) throw new Error('The calendar did not load');
      await new Promise((r) => setTimeout(r, 20));
      await this.settle();
    }
  }

  /** Whether the grid says a load is under way. */
  get busy(): boolean {
    return this.root.querySelector('[part~="grid"]')?.getAttribute('aria-busy') === 'true';
  }

  /** Clicks a day. */
  async click(date: string): Promise<void> {
    this.day(date).click();
    await this.settle();
  }

  /** Focuses a day, then presses keys with the real keyboard (`ArrowRight`, `PageDown`...). */
  async focus(date: string): Promise<void> {
    this.day(date).focus();
    await this.settle();
  }

  async pressKey(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await sendKeys({ press: key });
      await this.settle();
    }
  }

  /** A button by its visible text, in the view shown (or inside `scope`). */
  button(text: string, scope: ParentNode = this.root): HTMLButtonElement {
    const button = [...scope.querySelectorAll<HTMLButtonElement>('button')].find(
      (b) => b.textContent?.trim() === text,
    );
    if (!button) throw new Error(`No button "${text}"`);
    return button;
  }

  async press(text: string, scope?: ParentNode): Promise<void> {
    this.button(text, scope).click();
    await this.settle();
  }

  get basket(): HTMLElement | null {
    return this.root.querySelector('[part~="basket"]');
  }

  get chooser(): HTMLDialogElement | null {
    return this.root.querySelector('dialog');
  }

  get recap(): HTMLElement | null {
    return this.root.querySelector('[part~="recap"]');
  }

  /** Rows of a recap table by caption: each row's cells' text. */
  recapRows(caption: string): string[][] {
    const table = [...this.root.querySelectorAll('table.recap-table')].find(
      (t) => t.querySelector('caption')?.textContent?.trim() === caption,
    );
    if (!table) return [];
    return [...table.querySelectorAll('tbody tr, tfoot tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => plain(c.textContent)),
    );
  }

  get net(): string {
    return plain(this.root.querySelector('.net strong')?.textContent);
  }

  get outcomes(): HTMLElement | null {
    return this.root.querySelector('[part~="outcomes"]');
  }

  /** Result text of each outcome line, in order. */
  outcomeTexts(): string[] {
    return [...this.root.querySelectorAll('td.outcome')].map((td) => plain(td.textContent));
  }
}
