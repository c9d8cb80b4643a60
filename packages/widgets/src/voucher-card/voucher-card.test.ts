import type { GuichetClient } from '@guichet/sdk/client';
import type { VoucherDetail } from '@guichet/sdk/schemas';
import { expect, fixture, html } from '@open-wc/testing';
import jsQR from 'jsqr';
import '../guichet-provider/define.js';
import { countEn } from '../internal/english.js';
import './define.js';
import { countOf } from './format.js';
import type { VoucherCard } from './voucher-card.js';
import { VoucherCardPage } from './voucher-card.page.js';

const NNBSP = '\u202f';

export const detail: VoucherDetail = {
  accountId: 'acc-centre',
  holderName: 'Centre de loisirs Vitruve',
  voucher: {
    id: 'v1',
    number: 'CT-K7QX2MAB',
    holderAccountId: 'acc-centre',
    holderName: 'Centre de loisirs Vitruve',
    email: 'vitruve@paris.fr',
    status: 'active',
    qrPayload:
      'GV1.CT-K7QX2MAB.k1.5mD0cV2pYl4u8nq3Xw9eRt6yUiOpAsDfGhJkLzXcVbNm1qW2eR3tY4uI5oP6aS7dF8gH9jK0lZ',
    createdAt: '2026-06-15T08:00:00Z',
  },
  today: '2027-05-20',
  placesLeft: 1012,
  nearestExpiry: { lastValidDay: '2027-06-14', places: 12 },
  expiringSoon: 12,
  lots: [],
  debits: [],
  orders: [],
};

async function render(lang = 'fr', data: VoucherDetail | null = detail) {
  const el = await fixture<VoucherCard>(html`<voucher-card lang=${lang} .data=${data}></voucher-card>`);
  await el.qrComplete;
  await el.updateComplete;
  return new VoucherCardPage(el);
}

function decode(pixels: ImageData): string | undefined {
  return jsQR(pixels.data, pixels.width, pixels.height)?.data;
}

describe('<voucher-card>', () => {
  it('draws the voucher QR code, which decodes back to the payload', async () => {
    const page = await render();
    expect(page.qrSvg, 'svg drawn').to.exist;
    expect(decode(await page.qrPixels())).to.equal(detail.voucher!.qrPayload);
  });

  it('shows the number large, the places left and the nearest expiry, in French', async () => {
    const page = await render();
    expect(page.number()).to.equal('CT-K7QX2MAB');
    expect(page.places()).to.equal(`1${NNBSP}012 places restantes`);
    expect(page.expiry()).to.equal('12 places valables jusqu’au 14/06/2027');
    expect(page.qr!.getAttribute('role')).to.equal('img');
    expect(page.qr!.getAttribute('aria-label')).to.equal('QR code de la cartoonette CT-K7QX2MAB');
    expect(page.printButton!.textContent!.trim()).to.equal('Imprimer');
  });

  it('agrees in number: 1 place, 0 place in French', async () => {
    const one = await render('fr', {
      ...detail,
      placesLeft: 1,
      nearestExpiry: { lastValidDay: '2027-06-14', places: 1 },
    });
    expect(one.places()).to.equal('1 place restante');
    expect(one.expiry()).to.equal('1 place valable jusqu’au 14/06/2027');
    const none = await render('en', { ...detail, placesLeft: 0, nearestExpiry: null });
    expect(none.places()).to.equal('0 places left');
    expect(none.expiry()).to.equal('No place to use');
  });

  it('counts in English as Intl does (the English catalogues count without format.ts)', () => {
    for (const n of [0, 1, 2, 12, 1012, 1_000_000])
      expect(countEn(n, 'place', 'places')).to.equal(countOf('en', n, 'place', 'places'));
  });

  it('speaks English', async () => {
    const page = await render('en');
    expect(page.places()).to.equal('1,012 places left');
    expect(page.expiry()).to.equal('12 places valid until 14/06/2027');
    expect(page.qr!.getAttribute('aria-label')).to.equal('QR code of voucher CT-K7QX2MAB');
    expect(page.printButton!.textContent!.trim()).to.equal('Print');
  });

  it('says when the voucher is blocked', async () => {
    const page = await render('fr', { ...detail, voucher: { ...detail.voucher!, status: 'blocked' } });
    expect(page.blocked()).to.equal('Cartoonette bloquée : contactez le réseau de cinémas.');
  });

  it('says there is no voucher before the first load', async () => {
    const page = await render('fr', { ...detail, voucher: null });
    expect(page.state()).to.equal(
      'Pas encore de cartoonette : elle est créée au premier chargement de places.',
    );
    expect(page.qr).to.equal(null);
  });

  it('loads its voucher through a provider', async () => {
    const calls: unknown[] = [];
    const client = {
      call: async (name: string, input: unknown) => {
        calls.push([name, input]);
        return detail;
      },
    } as unknown as GuichetClient;
    const wrapper = await fixture(html`<guichet-provider .client=${client}>
      <voucher-card account="acc-centre"></voucher-card>
    </guichet-provider>`);
    const el = wrapper.querySelector('voucher-card')!;
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    await el.qrComplete;
    expect(calls).to.deep.equal([['accountVoucher', { params: { accountId: 'acc-centre' } }]]);
    expect(new VoucherCardPage(el).number()).to.equal('CT-K7QX2MAB');
  });

  it('is accessible', async () => {
    const page = await render();
    await expect(page.el).to.be.accessible();
  });
});
