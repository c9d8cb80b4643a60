// Browser side of the real server (the node side: guichet-server.ts, run by wtr-guichet-plugin.mjs).
import { fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import '../src/guichet-login/define.js';
import type { GuichetLogin } from '../src/guichet-login/guichet-login.js';
import { GuichetLoginPage } from '../src/guichet-login/guichet-login.page.js';
import '../src/guichet-provider/define.js';
import type { GuichetProvider } from '../src/guichet-provider/guichet-provider.js';
import { tokenKey } from '../src/internal/context.js';
import type { GuichetDemo } from './guichet-server.js';

export type { GuichetDemo };

/** The run's Guichet server (started on first use) and its demo data. */
export function guichetDemo(): Promise<GuichetDemo> {
  return executeServerCommand<GuichetDemo, undefined>('guichet-demo');
}

/** Moves the server's clock by `ms`; resolves to its new instant (ISO). */
export function advanceServerClock(ms: number): Promise<string> {
  return executeServerCommand<string, { advanceMs: number }>('guichet-clock', { advanceMs: ms });
}

/** Records an adjustment of `amount` cents on a wallet, straight in the store; resolves to the new balance. */
export function adjustWallet(walletId: string, amount: number): Promise<number> {
  return executeServerCommand<number, { walletId: string; amount: number }>('guichet-adjust-wallet', {
    walletId,
    amount,
  });
}

/**
 * Renders `content` inside `<guichet-provider mode="token">` for the demo API, with a
 * `<guichet-login>` that signs in as `login` through its form; resolves once the session is in.
 */
export async function signedIn(
  demo: GuichetDemo,
  login: string,
  password: string,
  content: TemplateResult,
  lang = 'fr',
): Promise<GuichetProvider> {
  // A token kept by an earlier test of the file would sign the provider in by itself.
  sessionStorage.removeItem(tokenKey(demo.api));
  const provider =
    await fixture<GuichetProvider>(html`<guichet-provider api=${demo.api} mode="token" lang=${lang}>
    <guichet-login></guichet-login>
    ${content}
  </guichet-provider>`);
  await provider.ready;
  const form = provider.querySelector<GuichetLogin>('guichet-login')!;
  await form.updateComplete;
  const page = new GuichetLoginPage(form);
  page.loginInput.value = login;
  page.passwordInput.value = password;
  const done = new Promise((resolve) => form.addEventListener('guichet-login', resolve, { once: true }));
  page.submitButton.click();
  const late = new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`sign-in as ${login} failed: ${page.errors().join(' ')}`)), 5000),
  );
  await Promise.race([done, late]);
  await form.updateComplete;
  // The form focuses its logout button: keep its focus ring out of the screenshots.
  (form.shadowRoot!.activeElement as HTMLElement | null)?.blur();
  await provider.updateComplete;
  return provider;
}
