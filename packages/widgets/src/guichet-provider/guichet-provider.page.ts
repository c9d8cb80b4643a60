import { tokenKey } from '../internal/context.js';
import type { GuichetProvider } from './guichet-provider.js';

/** Test and automation helper for a `<guichet-provider>`: its session and what it stored. */
export class GuichetProviderPage {
  constructor(readonly el: GuichetProvider) {}

  /** The Guichet widgets inside (tags with a dash, other than the provider). */
  widgets(): Element[] {
    return [...this.el.querySelectorAll('*')].filter((e) => e.localName.includes('-'));
  }

  /** The bearer token kept for the provider's `api`, if any. */
  storedToken(): string | null {
    return this.el.api ? sessionStorage.getItem(tokenKey(this.el.api)) : null;
  }

  signedIn(): boolean {
    return this.el.session !== null;
  }
}
