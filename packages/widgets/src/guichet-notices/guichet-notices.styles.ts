import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    @layer guichet {
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.75em;
      }
      article {
        border-inline-start: 4px solid var(--_accent);
        border-radius: var(--_radius);
        padding: 0.5em 0.9em;
        background: color-mix(in srgb, var(--_accent) 6%, Canvas);
      }
      .title {
        margin: 0 0 0.25em;
        font-size: 1.05em;
      }
      .date {
        margin: 0 0 0.4em;
        color: var(--_muted);
        font-size: 0.9em;
      }
      .body {
        margin: 0;
        white-space: pre-line;
      }
    }
  `,
];
