// Shared pieces of the elements' page objects (test and automation helpers).

/** An element's text as a person reads it: layout whitespace collapsed, Intl's no-break spaces kept. */
export const text = (el: Element | null | undefined) =>
  (el?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();

/** What a person reads in an element that shows one `<table>`. */
export class TablePage<E extends HTMLElement> {
  constructor(readonly el: E) {}

  protected get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  get table(): HTMLTableElement | null {
    return this.root.querySelector('table');
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
}
