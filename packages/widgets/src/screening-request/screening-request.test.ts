import type { GuichetClient } from '@guichet/sdk/client';
import type { ScreeningRequest } from '@guichet/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../guichet-provider/define.js';
import './define.js';
import type { ScreeningRequestElement } from './screening-request.js';
import { ScreeningRequestPage } from './screening-request.page.js';

const venues = [
  { id: 'venue-1', name: 'Le Louxor' },
  { id: 'venue-2', name: 'Le Grand Action' },
];

const request = (id: string, extra: Partial<ScreeningRequest> = {}): ScreeningRequest => ({
  id,
  accountId: 'acc-centre',
  centreName: 'Centre de loisirs Vitruve',
  venueId: 'venue-1',
  venueName: 'Le Louxor',
  session: 'Le Voyage de Chihiro',
  date: '2026-06-17',
  time: '10:00',
  children: 24,
  adults: 3,
  payment: 'voucher',
  note: null,
  status: 'requested',
  staffMessage: null,
  decidedAt: null,
  createdAt: '2026-06-01T08:00:00Z',
  ...extra,
});

type Call = { name: string; input: Record<string, unknown>; options?: { idempotencyKey?: string } };

function fakeClient(answer: (call: Call, index: number) => unknown) {
  const calls: Call[] = [];
  const client = {
    call: async (name: string, input: Call['input'], options?: Call['options']) => {
      const call = { name, input, ...(options ? { options } : {}) };
      calls.push(call);
      await new Promise((r) => setTimeout(r, 2));
      const value = answer(call, calls.length - 1);
      if (value instanceof Error) throw value;
      return value;
    },
  } as unknown as GuichetClient;
  return { client, calls };
}

async function render(client: GuichetClient, mode = 'centre', lang = 'fr') {
  const wrapper = await fixture(html`<guichet-provider .client=${client}>
    <screening-request
      lang=${lang}
      mode=${mode}
      account="acc-centre"
      today="2026-06-10"
      venues=${JSON.stringify(venues)}
    ></screening-request>
  </guichet-provider>`);
  const el = wrapper.querySelector('screening-request') as ScreeningRequestElement;
  const page = new ScreeningRequestPage(el);
  await page.settle();
  return page;
}

const filled = {
  venueId: 'venue-1',
  session: 'Le Voyage de Chihiro',
  date: '2026-06-17',
  time: '10:00',
  children: '24',
  adults: '3',
  payment: 'voucher',
};

describe('<screening-request>', () => {
  it('lists the centre’s requests with the cinema’s answers', async () => {
    const { client, calls } = fakeClient(() => ({
      items: [
        request('r1'),
        request('r2', { status: 'declined', staffMessage: 'Salle complète ce jour-là.', payment: 'on_site' }),
      ],
    }));
    const page = await render(client);
    expect(calls[0]).to.deep.equal({
      name: 'accountScreenings',
      input: { params: { accountId: 'acc-centre' } },
    });
    expect(page.requests()).to.deep.equal([
      [
        '17/06/2026 10:00',
        'Le Louxor',
        'Le Voyage de Chihiro',
        '24 enfants, 3 adultes',
        'Avec la cartoonette',
        'En attente',
        '—',
      ],
      [
        '17/06/2026 10:00',
        'Le Louxor',
        'Le Voyage de Chihiro',
        '24 enfants, 3 adultes',
        'Sur place, par carte bancaire',
        'Refusée',
        'Salle complète ce jour-là.',
      ],
    ]);
  });

  it('checks the form before sending', async () => {
    const { client, calls } = fakeClient(() => ({ items: [] }));
    const page = await render(client);
    page.fill({ ...filled, venueId: '', date: '2026-06-01', children: '0' });
    await page.submit();
    expect(calls.map((c) => c.name)).to.deep.equal(['accountScreenings']);
    expect(page.errors()).to.include.members([
      'Ce champ est obligatoire.',
      'Choisissez une date à venir.',
      'Indiquez entre 1 et 500 enfants.',
    ]);
  });

  it('sends a request once, reusing its key after no answer, and lists it', async () => {
    const created = request('r9');
    const { client, calls } = fakeClient((call, i) =>
      call.name === 'accountScreenings'
        ? { items: [] }
        : i === 1
          ? Object.assign(new Error('down'), { code: 'network_error' })
          : created,
    );
    const page = await render(client);
    page.fill(filled);
    await page.submit();
    expect(page.errors()).to.include(
      'Le serveur n’a pas répondu. Renvoyez la demande : elle ne sera enregistrée qu’une fois.',
    );
    const requested = oneEvent(page.el, 'guichet-screening-requested');
    await page.submit();
    expect((await requested).detail.request.id).to.equal('r9');
    const sends = calls.filter((c) => c.name === 'requestScreening');
    expect(sends).to.have.length(2);
    expect(sends[0]!.input).to.deep.equal({
      params: { accountId: 'acc-centre' },
      body: {
        venueId: 'venue-1',
        session: 'Le Voyage de Chihiro',
        date: '2026-06-17',
        time: '10:00',
        children: 24,
        adults: 3,
        payment: 'voucher',
        note: null,
      },
    });
    expect(sends[1]!.options!.idempotencyKey).to.equal(sends[0]!.options!.idempotencyKey);
    expect(page.formMessage()).to.equal('Demande envoyée pour le 17/06/2026. Le cinéma vous répondra ici.');
    expect(page.requests()).to.have.length(1);
  });

  it('lets the cinema confirm or decline with a message, and lists today’s groups', async () => {
    const items = [
      request('r1'),
      request('r2', { centreName: 'Centre Ménilmontant', date: '2026-06-12', time: null }),
      request('r3', {
        centreName: 'Centre Belleville',
        date: '2026-06-10',
        time: '14:00',
        status: 'confirmed',
      }),
    ];
    const { client, calls } = fakeClient((call) => {
      if (call.name === 'screeningRequests') return { items };
      const body = call.input.body as { decision: 'confirmed' | 'declined'; message: string | null };
      const id = (call.input.params as { id: string }).id;
      return { ...items.find((r) => r.id === id)!, status: body.decision, staffMessage: body.message };
    });
    const page = await render(client, 'cinema');
    expect(calls[0]).to.deep.equal({ name: 'screeningRequests', input: { query: { from: '2026-06-10' } } });
    expect(page.incoming().map((r) => r[1])).to.deep.equal([
      'Centre Ménilmontant',
      'Centre de loisirs Vitruve',
    ]);
    expect(page.today()).to.deep.equal([
      ['14:00', 'Centre Belleville', 'Le Voyage de Chihiro', '24 enfants, 3 adultes', 'Avec la cartoonette'],
    ]);
    const decided = oneEvent(page.el, 'guichet-screening-decided');
    await page.decide('r1', 'confirm', 'Salle 2, arrivez 15 minutes avant.');
    expect((await decided).detail.request.status).to.equal('confirmed');
    expect(calls[1]!.input).to.deep.equal({
      params: { id: 'r1' },
      body: { decision: 'confirmed', message: 'Salle 2, arrivez 15 minutes avant.' },
    });
    await page.decide('r2', 'decline');
    expect(calls[2]!.input).to.deep.equal({
      params: { id: 'r2' },
      body: { decision: 'declined', message: null },
    });
    expect(page.state()).to.equal('Aucune demande en attente.');
  });

  it('speaks English', async () => {
    const { client } = fakeClient(() => ({ items: [request('r1', { children: 1, adults: 1 })] }));
    const page = await render(client, 'centre', 'en');
    expect(page.requests()[0]).to.deep.equal([
      '17/06/2026 10:00',
      'Le Louxor',
      'Le Voyage de Chihiro',
      '1 child, 1 adult',
      'With the voucher',
      'Waiting',
      '—',
    ]);
    expect(page.submitButton.textContent!.trim()).to.equal('Send the request');
  });

  it('is accessible on both sides', async () => {
    const { client } = fakeClient((call) =>
      call.name === 'screeningRequests' ? { items: [request('r1')] } : { items: [request('r1')] },
    );
    const centre = await render(client);
    await expect(centre.el).to.be.accessible();
    const cinema = await render(client, 'cinema');
    await expect(cinema.el).to.be.accessible();
  });
});
