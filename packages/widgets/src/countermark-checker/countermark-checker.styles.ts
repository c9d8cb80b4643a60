import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    @layer guichet {
      :host {
        --_success: var(--guichet-success, #1b6e2d);
        --_warning: var(--guichet-warning, #8a4b00);
      }
      form,
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: end;
      }
      .field {
        display: grid;
        gap: 0.25em;
      }
      #token {
        width: 12ch;
        font-size: 1.5em;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        letter-spacing: 0.15em;
        text-transform: uppercase;
      }
      .hint {
        color: var(--_muted);
        font-size: 0.9em;
      }
      .field-error {
        color: var(--_danger);
        font-size: 0.95em;
        font-weight: 600;
      }
      video {
        display: block;
        width: 100%;
        max-width: 28rem;
        aspect-ratio: 4 / 3;
        background: #000;
        border-radius: var(--_radius);
        margin-block: 0.5em;
      }
      .booking {
        margin-block: 1em;
        padding: 0.75em 1em;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      .booking h2 {
        margin: 0 0 0.5em;
        font-size: 1.1em;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25em 1em;
        margin: 0 0 0.75em;
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      .status {
        display: inline-block;
        padding: 0.1em 0.5em;
        border: 2px solid currentColor;
        border-radius: 1em;
      }
      .status.used {
        color: var(--_success);
      }
      .status.cancelled,
      .status.reimbursed {
        color: var(--_danger);
      }
      .notice {
        margin: 0.5em 0;
        padding: 0.5em 0.75em;
        border-inline-start: 0.4em solid var(--_warning);
        color: var(--_warning);
        font-weight: 600;
      }
      .refusal {
        margin: 0.75em 0;
        padding: 0.75em 1em;
        border: 3px solid var(--_danger);
        border-radius: var(--_radius);
        color: var(--_danger);
        font-weight: 600;
      }
      .refusal::before {
        content: '✗ ' / '';
      }
      .done {
        margin: 0.75em 0;
        padding: 0.75em 1em;
        border: 3px solid var(--_success);
        border-radius: var(--_radius);
        color: var(--_success);
        font-weight: 600;
      }
      .done::before {
        content: '✓ ' / '';
      }
      .done:empty {
        display: none;
      }
      .confirm {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: center;
        padding: 0.5em;
        border: 2px solid var(--_danger);
        border-radius: var(--_radius);
      }
      .confirm p {
        margin: 0;
        flex-basis: 100%;
      }
      button.danger {
        border-color: var(--_danger);
        color: var(--_danger);
      }
    }
  `,
];
