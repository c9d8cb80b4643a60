import { css } from 'lit';

/**
 * `<family-calendar>`'s default look, in the `guichet` layer with `:where()` selectors so that a
 * page's `::part()` rules and custom properties win without a specificity fight.
 * The seed's colour code (beige, green, orange, red) is doubled by a shape per state and by words.
 *
 * In order: the selectors, notice and header; the month grid (`.grid`, `.day`); the swatches of
 * the legend, panel, basket and outcomes, which repeat the day's shape and colour; the panel,
 * basket, chooser and recap; a phone (`@container`): larger targets, buttons full width, the day
 * panel and basket close to the thumb; forced colours. The day panel, legend and basket come
 * below the grid: `content-visibility: auto` lays them out only near the viewport (1.4 ms of a
 * month's 5 ms of layout on the bench's 2 cores); they stay in the accessibility tree and in
 * find-in-page. (Comments stay out of the CSS: they would ship to every page.)
 */
export const familyCalendarStyles = css`
  @layer guichet {
    :host {
      --_closed: var(--guichet-closed, #8a6d3b);
      --_open: var(--guichet-open, #1e7a3c);
      --_booked: var(--guichet-booked, #b35a00);
      --_locked: var(--guichet-locked, #b3261e);
      --_waitlisted: var(--guichet-waitlisted, #5b3fb3);
      max-width: 42rem;
      container-type: inline-size;
    }
    :where(h2, h3) {
      margin: 0;
      line-height: 1.2;
    }
    :where(h2) {
      font-size: 1.25em;
    }
    :where(h3) {
      font-size: 1em;
      margin-block: 1em 0.5em;
    }
    :where(h2[tabindex]:focus) {
      outline: none;
    }
    :where(.muted) {
      color: var(--_muted);
    }
    :where(.selectors) {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1em;
      align-items: end;
      margin-block-end: 0.75em;
    }
    :where(.selectors label) {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      font-weight: 600;
      flex: 1 1 12em;
    }
    :where(.selectors select) {
      font-weight: normal;
      width: 100%;
    }
    :where(.field, .price) {
      margin: 0;
      flex: 1 1 100%;
    }
    :where(.notice) {
      border: 1px solid var(--_locked);
      border-inline-start-width: 0.35em;
      border-radius: var(--_radius);
      padding: 0.6em 0.8em;
      margin-block: 0 0.75em;
    }
    :where(.notice a) {
      display: inline-block;
      margin-inline-start: 0.5em;
      padding: 0.3em 0.9em;
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--_on-accent);
      font-weight: 600;
      text-decoration: none;
    }
    :where(.header) {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5em;
    }
    :where(.month) {
      text-align: center;
      flex: 1;
    }
    :where(.month)::first-letter {
      text-transform: uppercase;
    }
    :where(.nav) {
      min-width: 2.75em;
      padding: 0.4em;
    }
    :where(button[aria-disabled='true']) {
      cursor: not-allowed;
      opacity: 0.55;
    }
    :where(.icon) {
      width: 1em;
      height: 1em;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
      flex: none;
    }
    :where(.icon .fill) {
      fill: currentColor;
    }
    :where(.message) {
      margin-block: 0.5em;
      color: var(--_muted);
    }
    :where(.message.error) {
      color: var(--_danger);
    }

    :where(.grid) {
      table-layout: fixed;
      margin-block: 0.5em;
    }
    :where(.grid th, .grid td) {
      border: none;
      padding: 2px;
      text-align: center;
    }
    :where(.grid th) {
      font-size: 0.85em;
      font-weight: 600;
      color: var(--_muted);
    }
    :where(.grid[aria-busy='true'] .day) {
      opacity: 0.6;
    }
    :where(.day) {
      --_c: var(--_closed);
      position: relative;
      display: grid;
      grid-template-rows: 1fr auto;
      justify-items: center;
      align-items: center;
      width: 100%;
      min-height: 3em;
      aspect-ratio: 1 / 0.9;
      padding: 0.2em;
      border: 2px solid color-mix(in srgb, var(--_c) 55%, transparent);
      border-radius: var(--_radius);
      background: color-mix(in srgb, var(--_c) 14%, Canvas);
      color: CanvasText;
      font-variant-numeric: tabular-nums;
    }
    :where(.day .number) {
      font-weight: 600;
    }
    :where(.day .icon) {
      color: var(--_c);
      width: 0.95em;
      height: 0.95em;
    }
    :where(.day.unknown) {
      --_c: var(--_border);
      background: Canvas;
    }
    :where(.day.closed) {
      background: repeating-linear-gradient(
        135deg,
        color-mix(in srgb, var(--_closed) 10%, Canvas) 0 6px,
        color-mix(in srgb, var(--_closed) 18%, Canvas) 6px 8px
      );
      color: color-mix(in srgb, CanvasText 75%, Canvas);
    }
    :where(.day.open, .swatch.open) {
      --_c: var(--_open);
    }
    :where(.day.waitlist, .swatch.waitlist) {
      --_c: var(--_open);
      border-style: dashed;
    }
    :where(.day.booked, .swatch.booked) {
      --_c: var(--_booked);
      background: color-mix(in srgb, var(--_booked) 24%, Canvas);
    }
    :where(.day.locked, .swatch.locked) {
      --_c: var(--_locked);
      background: color-mix(in srgb, var(--_locked) 20%, Canvas);
    }
    :where(.day.full, .swatch.full) {
      --_c: var(--_closed);
      border-style: dotted;
    }
    :where(.day.waitlisted, .swatch.waitlisted) {
      --_c: var(--_waitlisted);
    }
    :where(.day[aria-current='date']) {
      box-shadow: inset 0 0 0 2px CanvasText;
    }
    :where(.day[aria-current='date']:focus-visible) {
      box-shadow: inset 0 0 0 2px CanvasText, var(--_focus);
    }
    :where(.day[aria-disabled='true']) {
      cursor: default;
      opacity: 1;
    }
    :where(.day[data-position])::before,
    :where(.day[data-count])::after {
      position: absolute;
      inset-block-start: 1px;
      font-size: 0.7em;
      line-height: 1;
      font-weight: 700;
    }
    :where(.day[data-position])::before {
      content: attr(data-position);
      inset-inline-start: 3px;
      color: var(--_waitlisted);
    }
    :where(.day[data-count])::after {
      content: attr(data-count);
      inset-inline-end: 3px;
      padding: 0.1em 0.3em;
      border-radius: 1em;
      background: CanvasText;
      color: Canvas;
    }
    :where(.day .badge) {
      position: absolute;
      inset-block-end: -4px;
      inset-inline-end: -4px;
      display: grid;
      place-items: center;
      width: 1.3em;
      height: 1.3em;
      border-radius: 50%;
      background: var(--_accent);
      color: var(--_on-accent);
      font-size: 0.8em;
    }
    :where(.day .badge.remove) {
      inset-inline-start: -4px;
      inset-inline-end: auto;
      background: CanvasText;
      color: Canvas;
    }
    :where([part~='pending-add']) {
      outline: 3px dashed var(--_accent);
      outline-offset: -1px;
    }
    :where([part~='pending-remove'] .number) {
      text-decoration: line-through 2px;
    }
    :where([part~='pending-remove']) {
      outline: 3px dashed CanvasText;
      outline-offset: -1px;
    }

    :where(.swatch) {
      --_c: var(--_closed);
      display: inline-grid;
      place-items: center;
      width: 1.6em;
      height: 1.6em;
      flex: none;
      border: 2px solid color-mix(in srgb, var(--_c) 55%, transparent);
      border-radius: var(--_radius);
      background: color-mix(in srgb, var(--_c) 16%, Canvas);
      color: var(--_c);
    }
    :where(.swatch.pending) {
      --_c: var(--_accent);
      border-style: dashed;
    }
    :where(.legend ul, .entries, .changes) {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    :where(.legend ul) {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(13em, 1fr));
      gap: 0.35em 1em;
      font-size: 0.9em;
    }
    :where(.legend li, .changes li, .entry-head, .outcome) {
      display: flex;
      align-items: center;
      gap: 0.5em;
    }
    :where(.panel, .basket, .chooser) {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0 0.8em 0.8em;
      margin-block: 0.75em;
    }
    :where(.panel, .legend, .basket) {
      content-visibility: auto;
      contain-intrinsic-size: auto 12em;
    }
    :where(.entry) {
      padding-block: 0.4em;
    }
    :where(.entry + .entry) {
      border-top: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
    }
    :where(.entry-head > span:nth-child(2)) {
      flex: 1;
    }
    :where(.entry .muted) {
      margin-inline-start: 0.4em;
      font-size: 0.9em;
    }
    :where(.entry p) {
      margin: 0.3em 0 0;
    }
    :where(.supplements) {
      border: none;
      margin: 0.4em 0 0;
      padding: 0;
    }
    :where(.supplements legend) {
      font-weight: 600;
      padding: 0;
    }
    :where(.check) {
      display: flex;
      align-items: center;
      gap: 0.5em;
      min-height: 2.75em;
    }
    :where(.check input) {
      width: 1.25em;
      height: 1.25em;
      min-height: 0;
    }
    :where(.changes li) {
      padding-block: 0.15em;
    }
    :where(.changes li > span:nth-child(2)) {
      flex: 1;
    }
    :where(.changes .remove) {
      padding: 0.3em;
      min-width: 2.75em;
      border-color: transparent;
    }
    :where(.actions) {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 0.5em;
      margin-block-start: 0.75em;
    }
    :where(.chooser) {
      max-width: min(30rem, calc(100vw - 2rem));
      width: 100%;
      background: Canvas;
      color: CanvasText;
    }
    :where(.chooser)::backdrop {
      background: rgb(0 0 0 / 0.4);
    }
    :where(.recap-table td, .outcome-table td) {
      font-size: 0.95em;
    }
    :where(.net) {
      display: flex;
      justify-content: space-between;
      font-size: 1.1em;
      border-top: 2px solid CanvasText;
      padding-block-start: 0.4em;
    }
    :where(.outcome.refused) {
      color: var(--_danger);
    }

    @container (max-width: 30rem) {
      :where(.day) {
        aspect-ratio: auto;
        min-height: 3.1em;
      }
      :where(.actions button) {
        flex: 1 1 auto;
      }
      :where(.recap-table th, .recap-table td) {
        padding: 0.35em 0.25em;
      }
    }

    @media (forced-colors: active) {
      :where(.day, .swatch) {
        border-color: ButtonText;
      }
      :where(.day .icon, .swatch) {
        color: ButtonText;
      }
      :where([part~='pending-add'], [part~='pending-remove']) {
        outline-color: Highlight;
      }
    }
  }
`;
