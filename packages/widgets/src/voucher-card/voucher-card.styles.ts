import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

/** `<voucher-card>`'s look; the QR keeps a white quiet zone: a QR reads only on a light background. */
export const styles = [
  baseStyles,
  css`
    @layer guichet {
      :host {
        max-width: 24rem;
      }
      .card {
        display: grid;
        justify-items: center;
        gap: 0.5em;
        padding: 1.25em;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 2);
        background: Canvas;
        text-align: center;
      }
      .title {
        margin: 0;
        font-size: 1em;
        font-weight: 600;
        color: var(--_muted);
        text-transform: uppercase;
        letter-spacing: 0.08em;
      }
      .qr {
        display: grid;
        place-items: center;
        width: var(--guichet-qr-size, 15rem);
        aspect-ratio: 1;
        max-width: 100%;
        background: #fff;
        color: #000;
        border-radius: var(--_radius);
      }
      .qr svg {
        width: 100%;
        height: 100%;
      }
      .number {
        margin: 0;
        font-size: 2em;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.06em;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        overflow-wrap: anywhere;
      }
      .holder {
        margin: 0;
      }
      .places {
        margin: 0;
        font-size: 1.5em;
        font-weight: 700;
      }
      .expiry {
        margin: 0;
        color: var(--_muted);
      }
      .blocked {
        margin: 0;
        padding: 0.4em 0.6em;
        border: 2px solid var(--_danger);
        border-radius: var(--_radius);
        color: var(--_danger);
        font-weight: 600;
      }
      @media print {
        :host {
          max-width: none;
        }
        .card {
          border: 2px solid #000;
          break-inside: avoid;
          width: 12cm;
          margin: 0 auto;
        }
        .qr {
          width: 9cm;
        }
        .number {
          font-size: 28pt;
          color: #000;
        }
      }
    }
  `,
];
