import type { GuichetClient } from '@guichet/sdk/client';
import type { Notice } from '@guichet/sdk/schemas';
import { expect, fixture, html } from '@open-wc/testing';
import '../guichet-provider/define.js';
import './define.js';
import type { GuichetNotices } from './guichet-notices.js';
import { GuichetNoticesPage } from './guichet-notices.page.js';

const notice = (id: string, title: string, body: string, publishedAt: string): Notice => ({
  id,
  structureId: 's1',
  title,
  body,
  publishedAt,
});

const notices = [
  notice(
    'n1',
    'Menus de mars',
    'Les menus de la restauration scolaire sont en ligne.',
    '2012-02-27T09:00:00Z',
  ),
  notice(
    'n2',
    'Ouverture des réservations',
    'Les réservations des vacances de printemps ouvrent le 2 avril.\nPensez à vérifier votre solde.',
    '2012-03-15T08:00:00Z',
  ),
];

async function render(lang = 'fr', data: Notice[] | null = notices) {
  const el = await fixture<GuichetNotices>(
    html`<guichet-notices lang=${lang} .data=${data}></guichet-notices>`,
  );
  return new GuichetNoticesPage(el);
}

describe('<guichet-notices>', () => {
  it('shows the notices, newest first, with their dates in French', async () => {
    const page = await render();
    expect(page.notices()).to.deep.equal([
      {
        title: 'Ouverture des réservations',
        date: 'Publié le 15 mars 2012',
        body: 'Les réservations des vacances de printemps ouvrent le 2 avril.\nPensez à vérifier votre solde.',
      },
      {
        title: 'Menus de mars',
        date: 'Publié le 27 février 2012',
        body: 'Les menus de la restauration scolaire sont en ligne.',
      },
    ]);
    const title = page.el.shadowRoot!.querySelector('[part~="title"]')!;
    expect(title.getAttribute('role')).to.equal('heading');
    expect(title.getAttribute('aria-level')).to.equal('3');
  });

  it('speaks English', async () => {
    const page = await render('en');
    expect(page.notices()[0]!.date).to.equal('Published on 15 March 2012');
    const empty = await render('en', []);
    expect(empty.state()).to.equal('No news for now.');
  });

  it('loads the notices of the account through the client', async () => {
    const client = {
      accounts: {
        get: async () => ({ notices, structure: { timeZone: 'Europe/Paris' } }),
      },
    } as unknown as GuichetClient;
    const wrapper = await fixture(html`<guichet-provider .client=${client}>
      <guichet-notices account="a1"></guichet-notices>
    </guichet-provider>`);
    const el = wrapper.querySelector('guichet-notices')!;
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(new GuichetNoticesPage(el).notices()).to.have.length(2);
  });

  it('says when nobody is signed in or nothing is published', async () => {
    expect((await render('fr', null)).state()).to.equal(
      'Connectez-vous pour voir les informations de votre structure.',
    );
    expect((await render('fr', [])).state()).to.equal('Aucune information pour le moment.');
  });

  it('is accessible', async () => {
    const page = await render();
    await expect(page.el).to.be.accessible();
  });
});
