import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    @layer guichet {
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1em;
        align-items: end;
        margin-block-end: 0.75em;
      }
      .field {
        display: grid;
        gap: 0.25em;
      }
      .status-waitlisted {
        font-style: italic;
      }
      .status-refused,
      .status-cancelled {
        color: var(--_muted);
      }
      @media print {
        th,
        td {
          border-color: #000;
        }
      }
    }
  `,
];
