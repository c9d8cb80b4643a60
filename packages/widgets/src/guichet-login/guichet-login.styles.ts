import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    @layer guichet {
      form {
        display: grid;
        gap: 0.75em;
        max-width: 24rem;
      }
      .field {
        display: grid;
        gap: 0.25em;
      }
      .field-error {
        color: var(--_danger);
        font-size: 0.9em;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: center;
      }
      .link {
        border: none;
        background: none;
        padding: 0;
        min-height: 0;
        text-decoration: underline;
      }
      .account {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1em;
        align-items: center;
      }
      .account form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: end;
        max-width: none;
      }
      .user {
        font-weight: 600;
      }
    }
  `,
];
