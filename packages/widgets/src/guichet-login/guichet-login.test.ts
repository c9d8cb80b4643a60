import type { GuichetClient } from '@guichet/sdk/client';
import type { Session } from '@guichet/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../guichet-provider/define.js';
import type { GuichetProvider } from '../guichet-provider/guichet-provider.js';
import './define.js';
import type { GuichetLogin, GuichetLoginEvent } from './guichet-login.js';
import { GuichetLoginPage } from './guichet-login.page.js';

const session: Session = {
  user: { id: 'u1', login: 'dupont', displayName: 'DUPONT Jean-Paul', email: 'jp@example.fr' },
  memberships: [
    { structureId: 's1', structureName: 'Mairie de CarteVille', role: 'family', accountId: 'a1' },
  ],
  currentStructureId: 's1',
  token: 'secret-token',
};

const twoStructures: Session = {
  ...session,
  memberships: [
    ...session.memberships,
    { structureId: 's2', structureName: 'Mairie de Cestas', role: 'family', accountId: 'a2' },
  ],
};

/** A client answering from fixtures, recording calls. */
function fakeClient(overrides: Record<string, (...args: never[]) => Promise<unknown>> = {}) {
  const calls: [string, unknown][] = [];
  const record = (name: string, answer: (body: never) => Promise<unknown>) => (body: never) => {
    calls.push([name, body]);
    return answer(body);
  };
  const client = {
    setToken: (token: unknown) => calls.push(['setToken', token]),
    auth: {
      login: record('login', overrides.login ?? (async () => session)),
      logout: record('logout', async () => undefined),
      session: record('session', async () => {
        throw Object.assign(new Error('no session'), { status: 401 });
      }),
      switchStructure: record(
        'switchStructure',
        overrides.switchStructure ??
          (async (body: { structureId: string }) => ({
            ...twoStructures,
            token: undefined,
            currentStructureId: body.structureId,
          })),
      ),
      requestPasswordReset: record('requestPasswordReset', async () => undefined),
    },
  } as unknown as GuichetClient;
  return { client, calls };
}

async function render(lang = 'fr', client = fakeClient().client, current: Session | null = null) {
  const provider =
    await fixture<GuichetProvider>(html`<guichet-provider lang=${lang} .client=${client} .session=${current}>
    <guichet-login></guichet-login>
  </guichet-provider>`);
  const el = provider.querySelector('guichet-login') as GuichetLogin;
  await el.updateComplete;
  return { provider, page: new GuichetLoginPage(el) };
}

const tick = () => new Promise((r) => setTimeout(r));

describe('<guichet-login>', () => {
  it('shows a labelled login form in French with autocomplete', async () => {
    const { page } = await render();
    expect(page.label(page.loginInput)).to.equal('Identifiant');
    expect(page.label(page.passwordInput)).to.equal('Mot de passe');
    expect(page.loginInput.autocomplete).to.equal('username');
    expect(page.passwordInput.autocomplete).to.equal('current-password');
    expect(page.passwordInput.type).to.equal('password');
    expect(page.submitButton.textContent!.trim()).to.equal('Se connecter');
    expect(page.button('Mot de passe oublié ?')).to.exist;
  });

  it('speaks English', async () => {
    const { page } = await render('en');
    expect(page.label(page.loginInput)).to.equal('Login');
    expect(page.submitButton.textContent!.trim()).to.equal('Sign in');
    expect(page.button('Forgotten password?')).to.exist;
  });

  it('signs in with the keyboard and fires guichet-login without the token', async () => {
    const { client, calls } = fakeClient();
    const { provider, page } = await render('fr', client);
    page.loginInput.focus();
    await sendKeys({ type: 'dupont' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'dupont-demo' });
    const signedIn = oneEvent(page.el, 'guichet-login');
    await sendKeys({ press: 'Enter' });
    const event = (await signedIn) as GuichetLoginEvent;
    expect(calls[0]).to.deep.equal(['login', { login: 'dupont', password: 'dupont-demo', mode: 'cookie' }]);
    expect(event.detail.session.user.displayName).to.equal('DUPONT Jean-Paul');
    expect('token' in event.detail.session).to.equal(false);
    expect(event.bubbles && event.composed).to.equal(true);
    await page.el.updateComplete;
    expect(provider.session).to.deep.equal(session);
    expect(page.account()).to.contain('Connecté : DUPONT Jean-Paul');
    expect(page.account()).to.contain('Mairie de CarteVille');
    expect(page.el.shadowRoot!.activeElement === page.logoutButton).to.equal(true);
  });

  it('shows the server message in the widget language when the login fails', async () => {
    const { client } = fakeClient({
      login: async () => {
        throw Object.assign(new Error('invalid'), {
          status: 401,
          code: 'invalid_credentials',
          messages: { fr: 'Identifiant ou mot de passe incorrect.', en: 'Wrong login or password.' },
        });
      },
    });
    const { page } = await render('en', client);
    page.loginInput.value = 'dupont';
    page.passwordInput.value = 'wrong';
    page.submitButton.click();
    await tick();
    await page.el.updateComplete;
    expect(page.errors()).to.deep.equal(['Wrong login or password.']);
    expect(page.passwordInput.value).to.equal('');
    await expect(page.el).to.be.accessible();
  });

  it('says which field is missing and sends nothing', async () => {
    const { client, calls } = fakeClient();
    const { page } = await render('fr', client);
    page.submitButton.click();
    await page.el.updateComplete;
    expect(calls).to.deep.equal([]);
    expect(page.errors()).to.deep.equal(['Saisissez votre identifiant.', 'Saisissez votre mot de passe.']);
    expect(page.loginInput.getAttribute('aria-invalid')).to.equal('true');
    expect(page.el.shadowRoot!.activeElement === page.loginInput).to.equal(true);
  });

  it('requests a password link and says a mail was sent if the login exists', async () => {
    const { client, calls } = fakeClient();
    const { page } = await render('fr', client);
    page.button('Mot de passe oublié ?')!.click();
    await page.el.updateComplete;
    await page.el.updateComplete;
    expect(page.el.shadowRoot!.activeElement === page.loginInput).to.equal(true);
    await sendKeys({ type: 'dupont' });
    await sendKeys({ press: 'Enter' });
    await tick();
    await page.el.updateComplete;
    expect(calls).to.deep.equal([['requestPasswordReset', { login: 'dupont', lang: 'fr' }]]);
    expect(page.message()).to.equal(
      'Si cet identifiant existe, un mail contenant un lien pour choisir un nouveau mot de passe vient d’être envoyé à l’adresse de son profil.',
    );
    await expect(page.el).to.be.accessible();
    page.button('Retour à la connexion')!.click();
    await page.el.updateComplete;
    expect(page.passwordInput).to.exist;
  });

  it('switches structure when the user has several, keeping the token', async () => {
    const { client, calls } = fakeClient();
    const { provider, page } = await render('fr', client, twoStructures);
    expect([...page.structureSelect!.options].map((o) => o.text)).to.deep.equal([
      'Mairie de CarteVille',
      'Mairie de Cestas',
    ]);
    page.structureSelect!.value = 's2';
    const switched = oneEvent(page.el, 'guichet-login');
    page.button('Modifier')!.click();
    const event = (await switched) as GuichetLoginEvent;
    expect(calls).to.deep.include(['switchStructure', { structureId: 's2' }]);
    expect(event.detail.session.currentStructureId).to.equal('s2');
    expect(provider.session!.token).to.equal('secret-token');
    await expect(page.el).to.be.accessible();
  });

  it('signs out and fires guichet-logout', async () => {
    const { client, calls } = fakeClient();
    const { provider, page } = await render('fr', client, session);
    const out = oneEvent(page.el, 'guichet-logout');
    page.logoutButton!.click();
    await out;
    await page.el.updateComplete;
    expect(calls[0]).to.deep.equal(['logout', undefined]);
    expect(provider.session).to.equal(null);
    expect(page.loginInput).to.exist;
  });

  it('fires no event when code changes the session', async () => {
    const { provider, page } = await render();
    let events = 0;
    page.el.addEventListener('guichet-login', () => events++);
    page.el.addEventListener('guichet-logout', () => events++);
    provider.session = session;
    await provider.updateComplete;
    await page.el.updateComplete;
    expect(page.account()).to.contain('DUPONT Jean-Paul');
    provider.session = null;
    await provider.updateComplete;
    await page.el.updateComplete;
    expect(events).to.equal(0);
  });

  it('is accessible signed out and signed in', async () => {
    const { page } = await render();
    await expect(page.el).to.be.accessible();
    const signedIn = await render('fr', fakeClient().client, session);
    await expect(signedIn.page.el).to.be.accessible();
  });
});
