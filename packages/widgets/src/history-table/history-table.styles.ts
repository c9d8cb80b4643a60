import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    @layer guichet {
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1em;
        align-items: center;
        justify-content: space-between;
        margin-block-end: 0.5em;
      }
      .group,
      .nav {
        display: flex;
        gap: 0.25em;
        align-items: center;
      }
      .month {
        min-width: 9em;
        text-align: center;
        font-weight: 600;
        text-transform: capitalize;
      }
      @media print {
        table {
          font-size: 10pt;
        }
        th,
        td {
          border-color: #000;
        }
      }
    }
  `,
];
