import { GuichetProvider } from './guichet-provider.js';

export { GuichetProvider };

GuichetProvider.define('guichet-provider');

declare global {
  interface HTMLElementTagNameMap {
    'guichet-provider': GuichetProvider;
  }
}
