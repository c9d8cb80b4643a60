import type { GuichetClient } from '@guichet/sdk/client';
import type { Debit, VoucherSummary } from '@guichet/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../guichet-provider/define.js';
import { drawQr } from '../voucher-card/qr.js';
import { createFrameReader, decodeImageData } from './camera.js';
import './define.js';
import type { GuichetVoucherRefusedEvent, VoucherScanner } from './voucher-scanner.js';
import { VoucherScannerPage } from './voucher-scanner.page.js';

const summary: VoucherSummary = {
  id: 'v1',
  number: 'CT-K7QX2MAB',
  holderAccountId: 'acc-centre',
  holderName: 'Centre de loisirs Vitruve',
  status: 'active',
  today: '2027-05-20',
  placesLeft: 12,
  nearestExpiry: { lastValidDay: '2027-06-14', places: 12 },
  lots: [],
};

const debit = (places: number, id = 'd1'): Debit => ({
  id,
  voucherId: 'v1',
  venueId: 'venue-1',
  venueName: 'Le Louxor',
  cashierId: 'cashier-1',
  places,
  allocations: [{ lotId: 'l1', places }],
  at: '2027-05-20T08:05:00Z',
  reverses: null,
  reason: null,
});

type Call = { name: string; input: { body: Record<string, unknown> }; options?: { idempotencyKey?: string } };

/** A fake client: each call is answered by `answer(call, index)`. */
function fakeClient(answer: (call: Call, index: number) => unknown) {
  const calls: Call[] = [];
  const client = {
    call: async (name: string, input: Call['input'], options?: Call['options']) => {
      const call = { name, input, ...(options ? { options } : {}) };
      calls.push(call);
      await new Promise((r) => setTimeout(r, 5));
      const value = answer(call, calls.length - 1);
      if (value instanceof Error) throw value;
      return value;
    },
  } as unknown as GuichetClient;
  return { client, calls };
}

const problem = (code: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(code), {
    name: 'GuichetHttpError',
    code,
    status,
    messages: { fr: `fr:${code}`, en: `en:${code}` },
    problem: { code, status, ...extra },
  });

const networkError = () =>
  Object.assign(new Error('no answer'), {
    name: 'GuichetNetworkError',
    code: 'network_error',
    messages: { fr: 'Réseau.', en: 'Network.' },
  });

async function render(client: GuichetClient, lang = 'fr', voucher: VoucherSummary | null = summary) {
  const wrapper = await fixture(html`<guichet-provider .client=${client}>
    <voucher-scanner lang=${lang} venue="venue-1" .voucher=${voucher}></voucher-scanner>
  </guichet-provider>`);
  const el = wrapper.querySelector('voucher-scanner') as VoucherScanner;
  const page = new VoucherScannerPage(el);
  await page.settle();
  return page;
}

const debitedAnswer = (places: number, left: number, id = 'd1') => ({
  debit: debit(places, id),
  voucher: { ...summary, placesLeft: left },
});

describe('<voucher-scanner>', () => {
  it('looks up a typed number and shows the voucher and what is left', async () => {
    const { client, calls } = fakeClient(() => summary);
    const page = await render(client, 'fr', null);
    await page.find(' ct-k7qx2mab ');
    expect(calls[0]!.name).to.equal('deskVoucherLookup');
    expect(calls[0]!.input).to.deep.equal({ body: { venueId: 'venue-1', code: 'ct-k7qx2mab' } });
    expect(page.placesLeft()).to.equal('12 places restantes');
    expect(page.voucher()).to.contain('CT-K7QX2MAB');
    expect(page.voucher()).to.contain('12 places valables jusqu’au 14/06/2027');
    expect(page.el.shadowRoot!.activeElement).to.equal(page.placesInput);
  });

  it('asks for a number before looking up', async () => {
    const { client, calls } = fakeClient(() => summary);
    const page = await render(client, 'fr', null);
    await page.find('  ');
    expect(calls).to.have.length(0);
    expect(page.errors()).to.include('Saisissez le numéro de la cartoonette ou scannez son QR code.');
  });

  it('debits the children present and shows a large debited outcome and today’s list', async () => {
    const { client, calls } = fakeClient(() => debitedAnswer(3, 9));
    const page = await render(client);
    page.moreButton.click();
    await page.el.updateComplete;
    page.moreButton.click();
    await page.el.updateComplete;
    expect(page.placesInput.value).to.equal('3');
    expect(page.debitButton.textContent!.trim()).to.equal('Débiter 3 places');
    const debited = oneEvent(page.el, 'guichet-voucher-debited');
    page.debitButton.click();
    const event = await debited;
    await page.settle();
    expect(calls[0]!.input).to.deep.equal({ body: { venueId: 'venue-1', code: 'CT-K7QX2MAB', places: 3 } });
    expect(calls[0]!.options!.idempotencyKey).to.be.a('string').and.not.empty;
    expect(event.detail.debit.places).to.equal(3);
    expect(page.outcome()).to.deep.equal({
      kind: 'debited',
      title: 'Débité',
      message: '3 places débitées. Il reste 9 places.',
    });
    expect(page.liveRegion!.contains(page.el.shadowRoot!.querySelector('[part~="outcome"]'))).to.equal(true);
    expect(page.placesLeft()).to.equal('9 places restantes');
    expect(page.today()).to.deep.equal([['10:05', 'CT-K7QX2MAB', 'Centre de loisirs Vitruve', '3']]);
  });

  it('debits once on a double tap: the button is disabled while sending', async () => {
    const { client, calls } = fakeClient(() => debitedAnswer(1, 11));
    const page = await render(client);
    page.debitButton.click();
    page.debitButton.click();
    await page.el.updateComplete;
    expect(page.debitButton.disabled).to.equal(true);
    page.debitButton.click();
    await page.settle();
    expect(calls.filter((c) => c.name === 'deskVoucherDebit')).to.have.length(1);
    expect(page.today()).to.have.length(1);
  });

  it('reuses the idempotency key when the debit is retried after no answer, and makes a new one after', async () => {
    const { client, calls } = fakeClient((_call, i) =>
      i === 0 ? networkError() : debitedAnswer(2, 10, `d${i}`),
    );
    const page = await render(client);
    page.moreButton.click();
    await page.el.updateComplete;
    page.debitButton.click();
    await page.settle();
    expect(page.outcome()!.kind).to.equal('network');
    expect(page.outcome()!.message).to.equal(
      'Le serveur n’a pas répondu : le débit n’est peut-être pas passé. Réessayez : il ne sera compté qu’une fois.',
    );
    const firstKey = calls[0]!.options!.idempotencyKey;
    expect(page.el.pendingKey).to.equal(firstKey);
    page.retryButton!.click();
    await page.settle();
    expect(calls[1]!.options!.idempotencyKey).to.equal(firstKey);
    expect(page.outcome()!.kind).to.equal('debited');
    expect(page.el.pendingKey).to.equal(undefined);
    // The next group is another debit: another key.
    page.debitButton.click();
    await page.settle();
    expect(calls[2]!.options!.idempotencyKey).to.not.equal(firstKey);
  });

  it('makes a new key when the places change after a failed attempt', async () => {
    const { client, calls } = fakeClient((_call, i) => (i === 0 ? networkError() : debitedAnswer(2, 10)));
    const page = await render(client);
    page.debitButton.click();
    await page.settle();
    page.moreButton.click();
    await page.el.updateComplete;
    page.debitButton.click();
    await page.settle();
    expect(calls[1]!.options!.idempotencyKey).to.not.equal(calls[0]!.options!.idempotencyKey);
  });

  const refusals: [string, number, Record<string, unknown>, string, string, string][] = [
    [
      'insufficient_places',
      409,
      { available: 2 },
      'insufficient',
      'Places insuffisantes',
      'Pas assez de places valables : il en reste 2. Rien n’a été débité.',
    ],
    [
      'only_expired_places',
      409,
      {},
      'expired',
      'Places expirées',
      'Les places restantes ont expiré. Rien n’a été débité.',
    ],
    [
      'forged_code',
      422,
      {},
      'forged',
      'Code falsifié',
      'Ce code n’est pas celui d’une cartoonette valide (falsifié ou abîmé). Rien n’a été débité.',
    ],
    ['unknown_voucher', 404, {}, 'unknown', 'Cartoonette inconnue', 'Aucune cartoonette ne porte ce numéro.'],
    [
      'voucher_blocked',
      409,
      {},
      'blocked',
      'Cartoonette bloquée',
      'Cette cartoonette est bloquée. Rien n’a été débité.',
    ],
  ];
  for (const [code, status, extra, kind, title, message] of refusals) {
    it(`shows the ${kind} outcome for ${code}, and forgets the key`, async () => {
      const { client } = fakeClient(() => problem(code, status, extra));
      const page = await render(client);
      const refused = oneEvent(page.el, 'guichet-voucher-refused');
      page.debitButton.click();
      const event = (await refused) as GuichetVoucherRefusedEvent;
      await page.settle();
      expect(event.detail).to.deep.equal({ kind, code });
      expect(page.outcome()).to.deep.equal({ kind, title, message });
      expect(page.el.pendingKey).to.equal(undefined);
      expect(page.retryButton).to.equal(null);
    });
  }

  it('says "not enough places" with the voucher’s own count when the server gives none', async () => {
    const { client } = fakeClient(() => problem('insufficient_places', 409));
    const page = await render(client, 'fr', { ...summary, placesLeft: 1 });
    page.moreButton.click();
    await page.el.updateComplete;
    page.debitButton.click();
    await page.settle();
    expect(page.outcome()!.message).to.equal(
      'Pas assez de places valables : il en reste 1. Rien n’a été débité.',
    );
  });

  it('shows unknown and forged codes at look-up', async () => {
    const { client } = fakeClient((call) =>
      problem(call.input.body.code === 'GV1.bad' ? 'forged_code' : 'unknown_voucher', 404),
    );
    const page = await render(client, 'fr', null);
    await page.find('GV1.bad');
    expect(page.outcome()!.kind).to.equal('forged');
    await page.find('CT-AAAAAAAA');
    expect(page.outcome()!.kind).to.equal('unknown');
    expect(page.voucher()).to.equal('');
  });

  it('refuses a blocked voucher at once and disables the debit', async () => {
    const { client } = fakeClient(() => ({ ...summary, status: 'blocked' }));
    const page = await render(client, 'fr', null);
    await page.find('CT-K7QX2MAB');
    expect(page.outcome()!.kind).to.equal('blocked');
    expect(page.debitButton.disabled).to.equal(true);
  });

  it('speaks English', async () => {
    const { client } = fakeClient(() => debitedAnswer(1, 11));
    const page = await render(client, 'en');
    expect(page.placesLeft()).to.equal('12 places left');
    expect(page.debitButton.textContent!.trim()).to.equal('Debit 1 place');
    expect(page.fewerButton.getAttribute('aria-label')).to.equal('One place fewer');
    page.debitButton.click();
    await page.settle();
    expect(page.outcome()).to.deep.equal({
      kind: 'debited',
      title: 'Debited',
      message: '1 place debited. 11 places left.',
    });
    expect(page.today()[0]![0]).to.equal('10:05');
  });

  it('reads a voucher QR code with the lazy decoder', async () => {
    const payload = 'GV1.CT-K7QX2MAB.k1.c2lnbmF0dXJl';
    const svg = await drawQr(payload);
    const url = URL.createObjectURL(
      new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }),
    );
    const image = new Image(300, 300);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 340;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 340, 340);
    g.drawImage(image, 20, 20, 300, 300);
    URL.revokeObjectURL(url);
    expect(await decodeImageData(g.getImageData(0, 0, 340, 340))).to.equal(payload);
    expect((await createFrameReader('jsqr')).kind).to.equal('jsqr');
  });

  it('is accessible, with a voucher and an outcome', async () => {
    const { client } = fakeClient(() => problem('insufficient_places', 409, { available: 2 }));
    const page = await render(client);
    page.debitButton.click();
    await page.settle();
    await expect(page.el).to.be.accessible();
  });
});
