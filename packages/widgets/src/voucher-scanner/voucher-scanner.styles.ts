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
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: end;
      }
      .field {
        display: grid;
        gap: 0.25em;
      }
      .hint {
        color: var(--_muted);
        font-size: 0.9em;
      }
      .field-error {
        color: var(--_danger);
        font-size: 0.9em;
      }
      #code {
        min-width: 16em;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
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
      .voucher {
        margin-block: 1em;
        padding: 0.75em 1em;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      .voucher h2 {
        margin: 0;
        font-size: 1em;
        color: var(--_muted);
      }
      .number {
        margin: 0.1em 0;
        font-size: 1.75em;
        font-weight: 700;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        letter-spacing: 0.05em;
      }
      .left {
        font-size: 1.5em;
        font-weight: 700;
        margin: 0.2em 0;
      }
      .stepper {
        display: flex;
        gap: 0.25em;
        align-items: center;
      }
      .stepper input {
        width: 5em;
        text-align: center;
        font-size: 1.25em;
      }
      .stepper button {
        min-width: 2.75em;
        font-size: 1.25em;
        padding: 0.2em 0.5em;
      }
      .debit {
        font-size: 1.25em;
        padding: 0.5em 1.2em;
      }
      .outcome {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0 0.75em;
        align-items: center;
        margin-block: 1em;
        padding: 0.75em 1em;
        border: 3px solid currentColor;
        border-radius: var(--_radius);
        color: var(--_danger);
      }
      .outcome::before {
        content: '✗' / '';
        grid-row: span 2;
        font-size: 2.5em;
        font-weight: 700;
        line-height: 1;
      }
      .outcome.debited {
        color: var(--_success);
      }
      .outcome.debited::before {
        content: '✓' / '';
      }
      .outcome.network {
        color: var(--_warning);
      }
      .outcome.network::before {
        content: '!' / '';
      }
      .outcome strong {
        font-size: 1.6em;
        line-height: 1.2;
      }
      .outcome p {
        margin: 0;
        color: CanvasText;
      }
      .outcome button {
        grid-column: 2;
        justify-self: start;
        margin-block-start: 0.5em;
      }
      section {
        margin-block-start: 1em;
      }
    }
  `,
];
