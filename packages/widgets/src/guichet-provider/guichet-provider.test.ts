import type { GuichetClient } from '@guichet/sdk/client';
import type { Session } from '@guichet/sdk/schemas';
import { expect, fixture, html } from '@open-wc/testing';
import { connectGuichet, GuichetClientController, sessionModeFor, tokenKey } from '../internal/context.js';
import { GuichetElement } from '../internal/guichet-element.js';
import './define.js';
import type { GuichetProvider } from './guichet-provider.js';
import { GuichetProviderPage } from './guichet-provider.page.js';

const session: Session = {
  user: { id: 'u1', login: 'dupont', displayName: 'DUPONT Jean-Paul', email: null },
  memberships: [
    { structureId: 's1', structureName: 'Mairie de CarteVille', role: 'family', accountId: 'a1' },
  ],
  currentStructureId: 's1',
  token: 'tok-1',
};

/** A widget that only shows what its controller knows. */
class ProbeWidget extends GuichetElement {
  api = '';
  changes = 0;
  readonly guichet = new GuichetClientController(this, () => this.changes++);
}
ProbeWidget.define('probe-widget');

const API = 'https://guichet.example.test';

function fakeClient() {
  const tokens: unknown[] = [];
  const client = { setToken: (t: unknown) => tokens.push(t), auth: {} } as unknown as GuichetClient;
  return { client, tokens };
}

describe('<guichet-provider>', () => {
  afterEach(() => sessionStorage.removeItem(tokenKey(API)));

  it('gives its client and session to the widgets inside, and the account of the session', async () => {
    const { client } = fakeClient();
    const el = await fixture<GuichetProvider>(html`<guichet-provider .client=${client} .session=${session}>
      <div><probe-widget></probe-widget></div>
    </guichet-provider>`);
    const probe = el.querySelector('probe-widget') as ProbeWidget;
    expect(probe.guichet.provided).to.equal(true);
    expect(probe.guichet.client).to.equal(client);
    expect(probe.guichet.session).to.deep.equal(session);
    expect(probe.guichet.accountId()).to.equal('a1');
    expect(probe.guichet.accountId('a9')).to.equal('a9');
    expect(new GuichetProviderPage(el).widgets()).to.deep.equal([probe]);
  });

  it('tells the widgets when the session changes', async () => {
    const { client } = fakeClient();
    const el = await fixture<GuichetProvider>(html`<guichet-provider .client=${client}>
      <probe-widget></probe-widget>
    </guichet-provider>`);
    const probe = el.querySelector('probe-widget') as ProbeWidget;
    const before = probe.changes;
    el.setSession(session);
    await el.updateComplete;
    expect(probe.guichet.session).to.deep.equal(session);
    expect(probe.changes).to.be.greaterThan(before);
  });

  it('keeps a cross-origin bearer token in sessionStorage and forgets it on logout', async () => {
    const { client, tokens } = fakeClient();
    const el = await fixture<GuichetProvider>(
      html`<guichet-provider api=${API} .client=${client}></guichet-provider>`,
    );
    const page = new GuichetProviderPage(el);
    el.setSession(session);
    expect(page.storedToken()).to.equal('tok-1');
    expect(tokens).to.deep.equal(['tok-1']);
    el.setSession(null);
    expect(page.storedToken()).to.equal(null);
    expect(tokens).to.deep.equal(['tok-1', undefined]);
  });

  it('stores nothing for a same-origin API (httpOnly cookie)', async () => {
    const { client, tokens } = fakeClient();
    const el = await fixture<GuichetProvider>(
      html`<guichet-provider api="/" .client=${client}></guichet-provider>`,
    );
    el.setSession(session);
    expect(sessionStorage.getItem(tokenKey('/'))).to.equal(null);
    expect(tokens).to.deep.equal([]);
    expect(sessionModeFor('/')).to.equal('cookie');
    expect(sessionModeFor(API)).to.equal('token');
  });

  it('forgets the session when a widget inside hears a 401', async () => {
    const { client } = fakeClient();
    const el = await fixture<GuichetProvider>(html`<guichet-provider .client=${client} .session=${session}>
      <probe-widget></probe-widget>
    </guichet-provider>`);
    const probe = el.querySelector('probe-widget') as ProbeWidget;
    probe.guichet.fail(Object.assign(new Error('expired'), { status: 401 }));
    expect(probe.guichet.status).to.equal('expired');
    expect(el.session).to.equal(null);
  });

  it('makes an sdk client on first use, with the stored token in token mode', async () => {
    sessionStorage.setItem(tokenKey(API), 'tok-stored');
    const { client, mode } = await connectGuichet(API, { lang: 'en', session: null });
    expect(mode).to.equal('token');
    expect((client as unknown as { token: string | null }).token).to.equal('tok-stored');
  });

  it('lets a lone widget make its own client from its api attribute', async () => {
    const probe = await fixture<ProbeWidget>(html`<probe-widget .api=${API}></probe-widget>`);
    await probe.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(probe.guichet.provided).to.equal(false);
    expect(probe.guichet.client).to.exist;
    expect(probe.guichet.mode).to.equal('token');
    expect(probe.changes).to.equal(1);
  });

  describe('a lone widget restores the page session', () => {
    const realFetch = window.fetch;
    let asked: Request[] = [];
    /** Answers `GET /auth/session` with `status` (the session, or a 401 problem) after a short wait. */
    function serveSession(status: 200 | 401) {
      asked = [];
      window.fetch = async (input, init) => {
        const request = new Request(input, init);
        asked.push(request);
        await new Promise((r) => setTimeout(r, 20));
        const body =
          status === 200
            ? session
            : {
                type: 'about:blank',
                title: 'Expired',
                status: 401,
                code: 'session_expired',
                messages: { fr: 'Expirée', en: 'Expired' },
              };
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        });
      };
    }
    afterEach(() => {
      window.fetch = realFetch;
    });
    const settled = async (...probes: ProbeWidget[]) => {
      for (let i = 0; i < 100 && probes.some((p) => p.changes === 0); i++)
        await new Promise((r) => setTimeout(r, 10));
    };

    it('asks the server once for the lone widgets connected together, with the stored token', async () => {
      sessionStorage.setItem(tokenKey(API), 'tok-stored');
      serveSession(200);
      const el = await fixture(html`<div>
        <probe-widget .api=${API}></probe-widget><probe-widget .api=${API}></probe-widget>
      </div>`);
      const probes = [...el.querySelectorAll<ProbeWidget>('probe-widget')];
      await settled(...probes);
      expect(asked.map((r) => `${r.method} ${r.url}`)).to.deep.equal([`GET ${API}/api/v1/auth/session`]);
      expect(asked[0]!.headers.get('Authorization')).to.equal('Bearer tok-stored');
      for (const probe of probes) {
        expect(probe.changes).to.equal(1); // the client and the session arrive together
        expect(probe.guichet.session).to.deep.equal(session);
        expect(probe.guichet.accountId()).to.equal('a1');
      }
      // One connected later asks again (a login elsewhere may have happened meanwhile).
      const later = await fixture<ProbeWidget>(html`<probe-widget .api=${API}></probe-widget>`);
      await settled(later);
      expect(asked).to.have.length(2);
      expect(later.guichet.session).to.deep.equal(session);
    });

    it('forgets a stored token the server refuses, and asks nothing without one', async () => {
      sessionStorage.setItem(tokenKey(API), 'tok-old');
      serveSession(401);
      const probe = await fixture<ProbeWidget>(html`<probe-widget .api=${API}></probe-widget>`);
      await settled(probe);
      expect(asked).to.have.length(1);
      expect(probe.guichet.session).to.equal(null);
      expect(probe.guichet.accountId()).to.equal(undefined);
      expect(sessionStorage.getItem(tokenKey(API))).to.equal(null);

      serveSession(200);
      const next = await fixture<ProbeWidget>(html`<probe-widget .api=${API}></probe-widget>`);
      await settled(next);
      expect(asked).to.have.length(0);
      expect(next.guichet.session).to.equal(null);
      expect(next.guichet.client).to.exist;
    });
  });

  it('renders its children and is accessible', async () => {
    const el = await fixture<GuichetProvider>(html`<guichet-provider><p>Bonjour</p></guichet-provider>`);
    expect(getComputedStyle(el).display).to.equal('contents');
    await expect(el).to.be.accessible();
  });
});
