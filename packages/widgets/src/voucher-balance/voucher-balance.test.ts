import type { GuichetClient } from '@guichet/sdk/client';
import type { Debit, Lot, VoucherDetail } from '@guichet/sdk/schemas';
import { expect, fixture, html } from '@open-wc/testing';
import '../guichet-provider/define.js';
import './define.js';
import type { VoucherBalance } from './voucher-balance.js';
import { VoucherBalancePage } from './voucher-balance.page.js';

const lot = (id: string, loadedOn: string, lastValidDay: string, places: number, remaining: number): Lot => ({
  id,
  voucherId: 'v1',
  places,
  remaining,
  loadedOn,
  lastValidDay,
});

const debit = (
  id: string,
  at: string,
  venueName: string,
  places: number,
  extra: Partial<Debit> = {},
): Debit => ({
  id,
  voucherId: 'v1',
  venueId: 'venue-1',
  venueName,
  cashierId: 'cashier-1',
  places,
  allocations: [],
  at,
  reverses: null,
  reason: null,
  ...extra,
});

// Seed 000: places valid one year date to date; the first load expires within 30 days.
const detail: VoucherDetail = {
  accountId: 'acc-centre',
  holderName: 'Centre de loisirs Vitruve',
  voucher: null,
  today: '2027-05-20',
  placesLeft: 32,
  nearestExpiry: { lastValidDay: '2027-06-14', places: 12 },
  expiringSoon: 12,
  lots: [
    lot('l0', '2025-09-01', '2026-08-31', 10, 4),
    lot('l1', '2026-06-15', '2027-06-14', 30, 12),
    lot('l2', '2026-09-01', '2027-08-31', 20, 20),
  ],
  debits: [
    debit('d2', '2027-05-18T13:05:00Z', 'Le Louxor', 8),
    debit('d3', '2027-05-19T09:00:00Z', 'Le Louxor', -2, { reverses: 'd2', reason: 'deux enfants absents' }),
  ],
  orders: [
    {
      id: 'o1',
      holderAccountId: 'acc-centre',
      centreName: 'Centre de loisirs Vitruve',
      referent: { firstName: 'Inès', lastName: 'Martin', phone: '0102030405' },
      places: 20,
      firstSessionDate: '2026-09-16',
      quoteAddressee: 'CASPE',
      status: 'loaded',
      paymentReference: 'BA-2026-118',
      createdAt: '2026-08-20T10:00:00Z',
      lotId: 'l2',
      voucherEmail: null,
    },
  ],
};

async function render(lang = 'fr', data: VoucherDetail = detail) {
  const el = await fixture<VoucherBalance>(
    html`<voucher-balance lang=${lang} interval="0" .data=${data}></voucher-balance>`,
  );
  return new VoucherBalancePage(el);
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function fakeClient(answers: VoucherDetail[]) {
  const calls: string[] = [];
  const client = {
    call: async (name: string) => {
      calls.push(name);
      return answers[Math.min(calls.length - 1, answers.length - 1)];
    },
  } as unknown as GuichetClient;
  return { client, calls };
}

describe('<voucher-balance>', () => {
  it('shows places left, lots with expiry and their state, in French', async () => {
    const page = await render();
    expect(page.placesLeft()).to.equal('32 places restantes');
    expect(page.lots()).to.deep.equal([
      ['01/09/2025', '10', '4', '31/08/2026', 'Expiré'],
      ['15/06/2026', '30', '12', '14/06/2027', 'Expire bientôt'],
      ['01/09/2026', '20', '20', '31/08/2027', 'Valable'],
    ]);
  });

  it('warns when places expire within 30 days', async () => {
    const page = await render();
    expect(page.warning()).to.equal(
      'Attention : 12 places expirent d’ici 30 jours (dès le 14/06/2027). Utilisez-les en premier.',
    );
    const later = await render('fr', { ...detail, today: '2027-05-10' });
    expect(later.warning()).to.equal('');
  });

  it('lists debits (date, cinema, places) with reversals, and orders', async () => {
    const page = await render();
    expect(page.debits()).to.deep.equal([
      ['18/05/2027 15:05', 'Le Louxor', '−8'],
      ['19/05/2027 11:00', 'Le Louxor Annulation du débit : deux enfants absents', '+2'],
    ]);
    expect(page.orders()).to.deep.equal([['20/08/2026', '20', '16/09/2026', 'Chargée', 'BA-2026-118']]);
  });

  it('speaks English', async () => {
    const page = await render('en');
    expect(page.placesLeft()).to.equal('32 places left');
    expect(page.warning()).to.equal(
      'Warning: 12 places expire within 30 days (from 14/06/2027). Use them first.',
    );
    expect(page.lots()[0]![4]).to.equal('Expired');
    expect(page.orders()[0]![3]).to.equal('Loaded');
    expect(page.debits()[1]![1]).to.equal('Le Louxor Debit reversed: deux enfants absents');
  });

  it('polls, shows a debit made elsewhere and announces the new balance', async () => {
    const after = {
      ...detail,
      placesLeft: 29,
      debits: [debit('d4', '2027-05-20T12:00:00Z', 'Le Grand Action', 3), ...detail.debits],
    };
    const { client, calls } = fakeClient([detail, after]);
    const wrapper = await fixture(html`<guichet-provider .client=${client}>
      <voucher-balance account="acc-centre" interval="0.05"></voucher-balance>
    </guichet-provider>`);
    const el = wrapper.querySelector('voucher-balance')!;
    const page = new VoucherBalancePage(el);
    await tick(10);
    await el.updateComplete;
    expect(page.placesLeft()).to.equal('32 places restantes');
    await tick(120);
    await el.updateComplete;
    expect(calls.length).to.be.greaterThan(1);
    expect(calls.every((n) => n === 'accountVoucher')).to.equal(true);
    expect(page.placesLeft()).to.equal('29 places restantes');
    expect(page.debits()[0]![1]).to.equal('Le Grand Action');
    expect(page.announcement()).to.equal('Solde mis à jour : 29 places restantes.');
  });

  it('pauses while the page is hidden and refreshes when it shows again', async () => {
    const { client, calls } = fakeClient([detail]);
    const wrapper = await fixture(html`<guichet-provider .client=${client}>
      <voucher-balance account="acc-centre" interval="0.03"></voucher-balance>
    </guichet-provider>`);
    const el = wrapper.querySelector('voucher-balance')!;
    await tick(10);
    let visibility: DocumentVisibilityState = 'hidden';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      expect(el.polling).to.equal(false);
      const hiddenCount = calls.length;
      await tick(120);
      expect(calls.length).to.equal(hiddenCount);
      visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      await tick(5);
      expect(calls.length).to.equal(hiddenCount + 1);
      expect(el.polling).to.equal(true);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('shows the server message and a retry button when loading fails', async () => {
    const client = {
      call: async () => {
        throw Object.assign(new Error('boom'), {
          status: 500,
          messages: { fr: 'Serveur indisponible.', en: 'Down.' },
        });
      },
    } as unknown as GuichetClient;
    const wrapper = await fixture(html`<guichet-provider .client=${client}>
      <voucher-balance account="acc-centre" interval="0"></voucher-balance>
    </guichet-provider>`);
    const el = wrapper.querySelector('voucher-balance')!;
    await tick(10);
    await el.updateComplete;
    expect(new VoucherBalancePage(el).state()).to.equal('Serveur indisponible. Réessayer');
  });

  it('is accessible', async () => {
    const page = await render();
    await expect(page.el).to.be.accessible();
  });
});
