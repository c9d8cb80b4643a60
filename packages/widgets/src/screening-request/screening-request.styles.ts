import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    @layer guichet {
      h2 {
        font-size: 1.15em;
        margin: 0 0 0.5em;
      }
      form {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0.75em 1em;
        align-items: start;
        margin-block-end: 1.5em;
      }
      .field,
      fieldset {
        display: grid;
        gap: 0.25em;
      }
      .wide {
        grid-column: 1 / -1;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.5em 0.75em;
        margin: 0;
      }
      fieldset label {
        display: flex;
        gap: 0.5em;
        align-items: center;
      }
      textarea {
        font: inherit;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.4em 0.6em;
        min-height: 3em;
        width: 100%;
      }
      .hint {
        color: var(--_muted);
        font-size: 0.9em;
      }
      .field-error {
        color: var(--_danger);
        font-size: 0.9em;
      }
      .submit {
        display: flex;
        gap: 1em;
        align-items: center;
        flex-wrap: wrap;
      }
      section {
        margin-block-start: 1em;
      }
      .status {
        font-weight: 600;
      }
      .status.confirmed {
        color: var(--guichet-success, #1b6e2d);
      }
      .status.declined {
        color: var(--_danger);
      }
      .status::before {
        content: '• ' / '';
      }
      .status.confirmed::before {
        content: '✓ ' / '';
      }
      .status.declined::before {
        content: '✗ ' / '';
      }
      .decide {
        display: grid;
        gap: 0.4em;
        min-width: 14rem;
      }
      .decide .buttons {
        display: flex;
        gap: 0.5em;
        flex-wrap: wrap;
      }
    }
  `,
];
