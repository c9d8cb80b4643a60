import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

/** `<balance-table>`'s look; on phones (`@container`) the four money columns fit a 390 px screen. */
export const styles = [
  baseStyles,
  css`
    @layer guichet {
      .until {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: center;
        margin-block-end: 0.5em;
      }
      dl {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25em 1.5em;
        margin: 0.75em 0;
      }
      dl div {
        display: flex;
        gap: 0.4em;
      }
      dd {
        margin: 0;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: end;
        margin-block: 0.75em;
      }
      .field {
        display: grid;
        gap: 0.25em;
      }
      td input {
        width: 7em;
        text-align: end;
      }
      .field-error {
        display: block;
        color: var(--_danger);
        font-size: 0.9em;
        white-space: normal;
      }
      .payment {
        margin-block-start: 1em;
      }
    }
    @layer guichet {
      :host {
        container-type: inline-size;
      }
      @container (max-width: 30rem) {
        th,
        td {
          padding: 0.35em 0.25em;
          font-size: 0.9em;
        }
        td input {
          width: 5.5em;
        }
      }
    }
  `,
];
