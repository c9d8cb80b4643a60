import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    @layer guichet {
      :host {
        --_warning: var(--guichet-warning, #8a4b00);
      }
      h2 {
        font-size: 1.15em;
        margin: 0 0 0.25em;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.5em 1em;
      }
      .places {
        margin: 0;
        font-size: 1.75em;
        font-weight: 700;
      }
      .warning {
        display: flex;
        gap: 0.5em;
        align-items: start;
        margin: 0.5em 0;
        padding: 0.5em 0.75em;
        border: 2px solid var(--_warning);
        border-inline-start-width: 0.4em;
        border-radius: var(--_radius);
        color: var(--_warning);
        font-weight: 600;
      }
      .warning::before {
        content: '⚠' / '';
      }
      section {
        margin-block-start: 1em;
      }
      tr.expired td,
      tr.expired th {
        color: var(--_muted);
      }
      .soon {
        color: var(--_warning);
        font-weight: 600;
      }
      .reversal {
        display: block;
        color: var(--_muted);
        font-style: italic;
      }
    }
  `,
];
