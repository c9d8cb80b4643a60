import type { GuichetClient } from '@guichet/sdk/client';
import type { WalletsView } from '@guichet/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { screenshot } from '../../test/screenshots.js';
import '../guichet-provider/define.js';
import './define.js';
import type { BalanceTable, GuichetPaymentStartedEvent } from './balance-table.js';
import { BalanceTablePage } from './balance-table.page.js';

const NBSP = '\u00a0';

const wallet = (id: string, name: string, balance: number) => ({
  id,
  accountId: 'a1',
  kindId: `k-${id}`,
  name,
  balance,
});

// Seed 004: "CDC PE2M - APS ET CLSH", -46,05 € with 33,25 € of reservations to come.
const view: WalletsView = {
  until: '2012-04-30',
  estimates: [
    {
      wallet: wallet('w1', 'CDC PE2M - APS ET CLSH', -4605),
      until: '2012-04-30',
      estimatedCost: 3325,
      newBalance: -7930,
      amountDue: 7930,
    },
    {
      wallet: wallet('w2', 'RESTAURATION', 1035),
      until: '2012-04-30',
      estimatedCost: 0,
      newBalance: 1035,
      amountDue: 0,
    },
  ],
  totals: { credit: -3570, reservations: 3325, estimatedBalance: -6895, amountDue: 7930 },
};

async function render(lang = 'fr', data: WalletsView | null = view) {
  const el = await fixture<BalanceTable>(
    html`<balance-table lang=${lang} account="a1" email="carstepka@verano.ro.fr" .data=${data}></balance-table>`,
  );
  return new BalanceTablePage(el);
}

/**
 * A `<balance-table account="a1">` under a provider whose client answers `wallets.get` with `view`
 * (for the `until` asked) and records each call, once the first load is done.
 */
async function provided() {
  const calls: [string, { until?: string }][] = [];
  const client = {
    wallets: {
      get: async (account: string, query: { until?: string }) => {
        calls.push([account, query]);
        return { ...view, until: query.until ?? view.until };
      },
    },
  } as unknown as GuichetClient;
  const wrapper = await fixture(html`<guichet-provider .client=${client}>
      <balance-table account="a1"></balance-table>
    </guichet-provider>`);
  const el = wrapper.querySelector('balance-table')!;
  await new Promise((r) => setTimeout(r));
  await el.updateComplete;
  return { wrapper, el, calls };
}

describe('<balance-table>', () => {
  it('shows each wallet with balance, estimated cost and new balance, in French', async () => {
    const page = await render();
    expect(page.table!.caption!.textContent).to.equal('Soldes et paiements');
    expect(page.rows()).to.deep.equal([
      ['CDC PE2M - APS ET CLSH', `-46,05${NBSP}€`, `33,25${NBSP}€`, `-79,30${NBSP}€`],
      ['RESTAURATION', `10,35${NBSP}€`, `0,00${NBSP}€`, `10,35${NBSP}€`],
    ]);
    const headers = [...page.table!.tHead!.rows[0]!.cells].map((c) => [c.textContent!.trim(), c.scope]);
    expect(headers).to.deep.equal([
      ['Porte-monnaie', 'col'],
      ['Solde', 'col'],
      ['Coût estimé', 'col'],
      ['Nouveau solde', 'col'],
    ]);
    expect(page.totals()).to.deep.equal({
      'Votre crédit': `-35,70${NBSP}€`,
      'Montant des réservations': `33,25${NBSP}€`,
      'Solde estimé': `-68,95${NBSP}€`,
    });
    expect(page.untilInput.value).to.equal('2012-04-30');
  });

  it('speaks English', async () => {
    const page = await render('en');
    expect(page.table!.caption!.textContent).to.equal('Balances and payments');
    expect(page.rows()[1]).to.deep.equal(['RESTAURATION', '€10.35', '€0.00', '€10.35']);
    expect(Object.keys(page.totals())).to.deep.equal(['Your credit', 'Reservations', 'Estimated balance']);
    expect(page.payButton.textContent!.trim()).to.equal('Pay');
  });

  it('switches to English when its lang changes, once the English strings have arrived', async () => {
    const page = await render();
    expect(page.payButton.textContent!.trim()).to.equal('Payer');
    page.el.lang = 'en';
    await page.el.updateComplete;
    expect(page.table!.caption!.textContent).to.equal('Balances and payments');
    // The payment form (its own chunk, loaded on the first "Pay") speaks English too.
    page.payButton.click();
    await page.el.updateComplete;
    expect(page.paymentForm!.querySelector('caption')!.textContent).to.equal('Payment');
    expect(page.amountInput('w1').value).to.equal('79.30');
    page.el.setAttribute('lang', 'fr');
    await page.el.updateComplete;
    expect(page.paymentForm!.querySelector('caption')!.textContent).to.equal('Paiement');
  });

  it('prefills the amount due per wallet and fires guichet-payment-started with the split', async () => {
    const page = await render();
    page.payButton.click();
    await page.el.updateComplete;
    expect(page.amountInput('w1').value).to.equal('79,30');
    expect(page.amountInput('w2').value).to.equal('0,00');
    expect(page.paymentTotal()).to.equal(`79,30${NBSP}€`);
    // Raise the amount: the wallet stays in credit.
    page.amountInput('w1').value = '80';
    page.amountInput('w1').dispatchEvent(new Event('input'));
    await page.el.updateComplete;
    expect(page.paymentRows()[0]![4]).to.equal(`0,70${NBSP}€`);
    expect(page.paymentTotal()).to.equal(`80,00${NBSP}€`);
    setTimeout(() => page.submitButton.click());
    const event = (await oneEvent(page.el, 'guichet-payment-started')) as GuichetPaymentStartedEvent;
    expect(event.detail).to.deep.equal({
      accountId: 'a1',
      until: '2012-04-30',
      email: 'carstepka@verano.ro.fr',
      total: 8000,
      lines: [{ walletId: 'w1', amount: 8000 }],
    });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('refuses an amount below what is due, a malformed amount and a missing email', async () => {
    const page = await render();
    let fired = 0;
    page.el.addEventListener('guichet-payment-started', () => fired++);
    page.payButton.click();
    await page.el.updateComplete;
    page.amountInput('w1').value = '50';
    page.amountInput('w1').dispatchEvent(new Event('input'));
    page.amountInput('w2').value = '12,345';
    page.amountInput('w2').dispatchEvent(new Event('input'));
    page.emailInput.value = '';
    page.submitButton.click();
    await page.el.updateComplete;
    expect(fired).to.equal(0);
    expect(page.errors()).to.include(`Le montant ne peut pas être inférieur à 79,30${NBSP}€.`);
    expect(page.errors()).to.include('Montant invalide : saisissez par exemple 79,00.');
    expect(page.amountInput('w1').getAttribute('aria-invalid')).to.equal('true');
    expect(page.emailInput.getAttribute('aria-invalid')).to.equal('true');
  });

  it('is used with the keyboard: open the payment, type an amount, submit with Enter', async () => {
    const page = await render();
    page.payButton.focus();
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    expect(page.payButton.getAttribute('aria-expanded')).to.equal('true');
    // Focus moved to the first amount.
    expect(page.el.shadowRoot!.activeElement === page.amountInput('w1')).to.equal(true);
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ type: '100' });
    const started = oneEvent(page.el, 'guichet-payment-started');
    await sendKeys({ press: 'Enter' });
    const event = (await started) as GuichetPaymentStartedEvent;
    expect(event.detail.total).to.equal(10000);
  });

  it('reloads the estimate when the "until" date changes', async () => {
    const { el, calls } = await provided();
    const page = new BalanceTablePage(el);
    expect(calls).to.deep.equal([['a1', {}]]);
    const untilChange = oneEvent(el, 'guichet-until-change');
    page.untilInput.value = '2012-05-31';
    page.untilInput.dispatchEvent(new Event('change'));
    expect((await untilChange).detail).to.deep.equal({ until: '2012-05-31' });
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(calls[1]).to.deep.equal(['a1', { until: '2012-05-31' }]);
    expect(page.untilInput.value).to.equal('2012-05-31');
  });

  it('loads again when its account changes and when another element of the page booked', async () => {
    const { wrapper, el, calls } = await provided();
    expect(calls.map(([account]) => account)).to.deep.equal(['a1']);
    el.account = 'a2';
    await el.updateComplete;
    await new Promise((r) => setTimeout(r));
    expect(calls.map(([account]) => account)).to.deep.equal(['a1', 'a2']);
    document.dispatchEvent(new Event('guichet-booking-submitted'));
    await new Promise((r) => setTimeout(r));
    expect(calls.map(([account]) => account)).to.deep.equal(['a1', 'a2', 'a2']);
    wrapper.remove();
    document.dispatchEvent(new Event('guichet-booking-submitted'));
    expect(calls.length).to.equal(3, 'a removed element stops listening');
  });

  it('fires guichet-session-expired on a 401 and says to sign in', async () => {
    const client = {
      wallets: {
        get: async () => {
          throw Object.assign(new Error('expired'), {
            status: 401,
            messages: { fr: 'Session expirée.', en: 'Session expired.' },
          });
        },
      },
    } as unknown as GuichetClient;
    let expired = 0;
    const wrapper =
      await fixture(html`<guichet-provider .client=${client} @guichet-session-expired=${() => expired++}>
      <balance-table account="a1"></balance-table>
    </guichet-provider>`);
    const el = wrapper.querySelector('balance-table')!;
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(expired).to.equal(1);
    expect(new BalanceTablePage(el).state()).to.equal('Connectez-vous pour voir vos soldes.');
  });

  it('shows the server message of an error and a retry button', async () => {
    const client = {
      wallets: {
        get: async () => {
          throw Object.assign(new Error('boom'), {
            status: 500,
            messages: { fr: 'Erreur du serveur.', en: 'Server error.' },
          });
        },
      },
    } as unknown as GuichetClient;
    const wrapper = await fixture(html`<guichet-provider lang="en" .client=${client}>
      <balance-table account="a1"></balance-table>
    </guichet-provider>`);
    const el = wrapper.querySelector('balance-table')!;
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(new BalanceTablePage(el).state()).to.equal('Server error. Try again');
    await expect(el).to.be.accessible();
  });

  it('says when there is nothing to show', async () => {
    const page = await render('fr', null);
    expect(page.state()).to.equal('Connectez-vous pour voir vos soldes.');
    const empty = await render('fr', { ...view, estimates: [] });
    expect(empty.state()).to.equal('Aucun porte-monnaie pour ce compte.');
  });

  it('is accessible, closed and with the payment form open', async () => {
    const page = await render();
    await expect(page.el).to.be.accessible();
    page.payButton.click();
    await page.el.updateComplete;
    await expect(page.el).to.be.accessible();
  });

  it('writes review screenshots at phone and desktop widths, closed and paying', async () => {
    const page = await render();
    await screenshot('balance-table', page.el);
    page.payButton.click();
    await page.el.updateComplete;
    await screenshot('balance-table-payment', page.el);
  });
});
