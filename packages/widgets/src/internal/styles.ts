import { css } from 'lit';

/**
 * The styles every Guichet element starts from, in the `guichet` cascade layer so that a
 * component's own rules (and the page's `::part` rules, which always win over a shadow tree's)
 * override them without a specificity fight. Selectors use `:where()` to weigh nothing.
 *
 * Theme tokens (each with a fallback, so an unstyled page looks right):
 * - `--guichet-accent`: buttons, links, focus ring, selected states (default a deep blue).
 * - `--guichet-on-accent`: text on the accent (default white).
 * - `--guichet-radius`: corner radius of controls and panels.
 * - `--guichet-font`: the font shorthand (default: inherited from the page).
 * - `--guichet-border`: lines of tables and fields.
 * - `--guichet-danger`: error text and negative amounts.
 * - `--guichet-muted`: secondary text.
 *
 * `:host` is never wider than the page column: tables scroll inside instead (`.scroll`).
 * (Comments stay out of the CSS: they would ship to every page.)
 */
export const baseStyles = css`
  @layer guichet {
    :host {
      --_accent: var(--guichet-accent, #0b5cad);
      --_on-accent: var(--guichet-on-accent, #fff);
      --_radius: var(--guichet-radius, 0.375rem);
      --_border: var(--guichet-border, #8a8a8a);
      --_danger: var(--guichet-danger, #b00020);
      --_muted: var(--guichet-muted, #555);
      --_focus: 0 0 0 2px Canvas, 0 0 0 4px var(--_accent);
      display: block;
      min-width: 0;
      max-width: 100%;
      font: var(--guichet-font, inherit);
      color: CanvasText;
      line-height: 1.4;
    }
    :host([hidden]) {
      display: none;
    }
    :where(*, *::before, *::after) {
      box-sizing: border-box;
    }
    :where(button, input, select, textarea) {
      font: inherit;
      color: inherit;
    }
    :where(button) {
      cursor: pointer;
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
      background: Canvas;
      color: var(--_accent);
      padding: 0.4em 0.9em;
      min-height: 2.75em;
    }
    :where(button.primary, button[aria-pressed='true']) {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    :where(button:disabled) {
      cursor: not-allowed;
      opacity: 0.6;
    }
    :where(input, select) {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.4em 0.6em;
      min-height: 2.75em;
      background: Field;
      max-width: 100%;
    }
    :where(input[aria-invalid='true']) {
      border-color: var(--_danger);
    }
    :where(:focus-visible) {
      outline: none;
      box-shadow: var(--_focus);
    }
    :where(table) {
      border-collapse: collapse;
      width: 100%;
    }
    :where(caption) {
      text-align: start;
      font-weight: 600;
      padding-block: 0.5em;
    }
    :where(th, td) {
      border-bottom: 1px solid var(--_border);
      padding: 0.4em 0.5em;
      text-align: start;
      vertical-align: top;
    }
    :where(.num) {
      text-align: end;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    :where(tfoot th, tfoot td) {
      font-weight: 600;
      border-bottom: none;
    }
    :where(.negative) {
      color: var(--_danger);
    }
    :where(.scroll) {
      overflow-x: auto;
    }
    :where(.state) {
      padding: 0.75em 0;
      color: var(--_muted);
    }
    :where(.error) {
      color: var(--_danger);
    }
    :where(.visually-hidden) {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media print {
      :where(.no-print) {
        display: none !important;
      }
      :host {
        color: #000;
      }
    }
  }
`;
