import { createClient, type GuichetClient } from '@guichet/sdk/client';
import { expect, html, oneEvent } from '@open-wc/testing';
import { screenshot } from '../../test/screenshots.js';
import { type GuichetDemo, guichetDemo, signedIn } from '../../test/server.js';
import type { GuichetProvider } from '../guichet-provider/guichet-provider.js';
import { tokenKey } from '../internal/context.js';
import './define.js';
import type { VoucherScanner } from './voucher-scanner.js';
import { VoucherScannerPage } from './voucher-scanner.page.js';

// The desk of the Studio des Ursulines against the real server (packages/widgets/test/guichet-server.ts):
// the cashier (login `caisse`) debits the leisure centre's cartoonette of the demo.

async function desk(demo: GuichetDemo): Promise<{ page: VoucherScannerPage; provider: GuichetProvider }> {
  const provider = await signedIn(demo, 'caisse', 'caisse-demo', html`<voucher-scanner></voucher-scanner>`);
  const page = new VoucherScannerPage(provider.querySelector<VoucherScanner>('voucher-scanner')!);
  await page.settle();
  return { page, provider };
}

/** Places left on the voucher, as the scanner shows them after a look-up (`46 places restantes`). */
function left(page: VoucherScannerPage): number {
  const match = /^(\d+) places? restantes?$/.exec(page.placesLeft());
  if (!match) throw new Error(`No places left shown: "${page.placesLeft()}"`);
  return Number(match[1]);
}

async function setPlaces(page: VoucherScannerPage, places: number): Promise<void> {
  page.placesInput.value = String(places);
  page.placesInput.dispatchEvent(new Event('input', { bubbles: true }));
  await page.el.updateComplete;
}

describe('<voucher-scanner> against the server', () => {
  let demo: GuichetDemo;
  before(async function () {
    this.timeout(60_000); // the first suite waits for the server to start
    demo = await guichetDemo();
  });

  it('looks up the typed number and debits the children present', async () => {
    const { page } = await desk(demo);
    await page.find(` ${demo.voucherNumber.toLowerCase()} `);
    expect(page.voucher()).to.contain(demo.voucherNumber).and.contain('Centre de loisirs Paul Bert');
    const before = left(page);
    expect(before).to.be.at.least(4);
    await setPlaces(page, 3);
    expect(page.debitButton.textContent!.trim()).to.equal('Débiter 3 places');
    const debited = oneEvent(page.el, 'guichet-voucher-debited');
    page.debitButton.click();
    const event = await debited;
    await page.idle();
    expect(event.detail.debit.places).to.equal(3);
    expect(page.outcome()).to.deep.equal({
      kind: 'debited',
      title: 'Débité',
      message: `3 places débitées. Il reste ${before - 3} places.`,
    });
    expect(left(page)).to.equal(before - 3);
    expect(page.today()).to.have.length(1);
    expect(page.today()[0]!.slice(1)).to.deep.equal([demo.voucherNumber, 'Centre de loisirs Paul Bert', '3']);
    await screenshot('voucher-scanner-server-debited', page.el);
  });

  it('counts a debit once when its answer was lost and the cashier retries', async () => {
    const { page, provider } = await desk(demo);
    // A client whose first debit reaches the server but whose answer never comes back.
    const sent: (string | null)[] = [];
    let lose = 1;
    const client: GuichetClient = createClient({
      baseUrl: demo.api,
      token: sessionStorage.getItem(tokenKey(demo.api)),
      retries: 0,
      fetch: async (request: Request, init?: RequestInit) => {
        const response = await fetch(request, init);
        if (new URL(request.url).pathname.endsWith('/desk/vouchers/debits')) {
          sent.push(request.headers.get('Idempotency-Key'));
          if (lose-- > 0) throw new TypeError('Failed to fetch');
        }
        return response;
      },
    });
    provider.client = client;
    await provider.updateComplete;
    await page.find(demo.voucherNumber);
    const before = left(page);
    await setPlaces(page, 2);
    page.debitButton.click();
    await page.idle();
    expect(page.outcome()!.kind).to.equal('network');
    expect(page.retryButton).to.not.equal(null);
    page.retryButton!.click();
    await page.idle();
    expect(sent).to.have.length(2);
    expect(sent[1]).to.equal(sent[0]).and.to.be.a('string');
    expect(page.outcome()).to.deep.include({
      kind: 'debited',
      message: `2 places débitées. Il reste ${before - 2} places.`,
    });
    expect(page.today()).to.have.length(1);
    // Looked up again: two places fewer, not four.
    await page.find(demo.voucherNumber);
    expect(left(page)).to.equal(before - 2);
  });

  it('refuses more places than are left, says how many are, and debits nothing', async () => {
    const { page } = await desk(demo);
    await page.find(demo.voucherNumber);
    const before = left(page);
    await setPlaces(page, before + 1);
    const refused = oneEvent(page.el, 'guichet-voucher-refused');
    page.debitButton.click();
    expect((await refused).detail).to.deep.equal({ kind: 'insufficient', code: 'insufficient_places' });
    await page.idle();
    expect(page.outcome()).to.deep.equal({
      kind: 'insufficient',
      title: 'Places insuffisantes',
      message: `Pas assez de places valables : il en reste ${before}. Rien n’a été débité.`,
    });
    expect(page.today()).to.deep.equal([]);
    await screenshot('voucher-scanner-server-insufficient', page.el);
    await expect(page.el).to.be.accessible();
    await page.find(demo.voucherNumber);
    expect(left(page)).to.equal(before);
  });
});
