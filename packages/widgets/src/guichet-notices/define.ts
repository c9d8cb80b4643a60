import { GuichetNotices } from './guichet-notices.js';

export { GuichetNotices };

GuichetNotices.define('guichet-notices');

declare global {
  interface HTMLElementTagNameMap {
    'guichet-notices': GuichetNotices;
  }
}
