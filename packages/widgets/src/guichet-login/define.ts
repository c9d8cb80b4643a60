import { GuichetLogin } from './guichet-login.js';

export { GuichetLoginEvent, GuichetLogoutEvent, type PublicSession } from './guichet-login.js';
export { GuichetLogin };

GuichetLogin.define('guichet-login');

declare global {
  interface HTMLElementTagNameMap {
    'guichet-login': GuichetLogin;
  }
}
