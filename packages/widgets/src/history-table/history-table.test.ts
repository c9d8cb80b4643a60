import type { GuichetClient } from '@guichet/sdk/client';
import type { Consumption, HistoryMonth, Payment } from '@guichet/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../guichet-provider/define.js';
import './define.js';
import type { GuichetMonthChangeEvent, HistoryTable } from './history-table.js';
import { HistoryTablePage } from './history-table.page.js';

const NBSP = '\u00a0';

const line = (
  id: string,
  date: string,
  memberName: string,
  activityName: string,
  unitPrice: number,
  quantity: number,
): Consumption => ({
  id,
  walletId: 'w1',
  date,
  memberId: memberName,
  memberName,
  activityId: activityName,
  activityName,
  unitPrice,
  quantity,
  total: unitPrice * quantity,
  reservationId: null,
});

const payment = (id: string, receivedOn: string, pieceNumber: string, amount: number): Payment => ({
  id,
  walletId: 'w1',
  receivedOn,
  mode: 'CH',
  pieceNumber,
  payerName: 'DUPONT Jean-Paul',
  bankName: 'LEP',
  amount,
  createdAt: `${receivedOn}T10:00:00Z`,
});

// Seed 004, March 2012 (first lines and a payment).
const march: HistoryMonth = {
  month: '2012-03',
  consumptions: [
    line('c1', '2012-03-07', 'DUPONT Liou', 'CDC - ALSH 6-12 Matin', 1035, 1),
    line('c2', '2012-03-07', 'DUPONT Antoine', 'CDC - ALSH 3-6 Matin', 475, 1),
    line('c3', '2012-03-20', 'DUPONT Antoine', 'CDC - ALSH 3-6 Journée', 665, 2),
  ],
  payments: [payment('p1', '2012-03-28', '924466', 5000)],
  totals: { consumptions: 2840, payments: 5000 },
};

async function render(lang = 'fr', data: HistoryMonth | null = march) {
  const el = await fixture<HistoryTable>(html`<history-table lang=${lang} .data=${data}></history-table>`);
  return new HistoryTablePage(el);
}

describe('<history-table>', () => {
  it('shows the consumptions of the month with their total, in French', async () => {
    const page = await render();
    expect(page.month()).to.equal('mars 2012');
    expect(page.caption()).to.equal('Historique des consommations, mars 2012');
    expect(page.headers()).to.deep.equal(['Date', 'Consommateur', 'Activité', 'Prix', 'Qté', 'Total']);
    expect(page.rows()).to.deep.equal([
      ['mer. 7', 'DUPONT Liou', 'CDC - ALSH 6-12 Matin', `10,35${NBSP}€`, '1', `10,35${NBSP}€`],
      ['mer. 7', 'DUPONT Antoine', 'CDC - ALSH 3-6 Matin', `4,75${NBSP}€`, '1', `4,75${NBSP}€`],
      ['mar. 20', 'DUPONT Antoine', 'CDC - ALSH 3-6 Journée', `6,65${NBSP}€`, '2', `13,30${NBSP}€`],
    ]);
    expect(page.total()).to.deep.equal(['TOTAL', `28,40${NBSP}€`]);
    const scopes = [...page.table!.querySelectorAll('th')].map((th) => th.scope);
    expect(scopes).to.deep.equal(['col', 'col', 'col', 'col', 'col', 'col', 'row']);
  });

  it('switches to the payments', async () => {
    const page = await render();
    page.viewButton('Règlements').click();
    await page.el.updateComplete;
    expect(page.viewButton('Règlements').getAttribute('aria-pressed')).to.equal('true');
    expect(page.caption()).to.equal('Historique des règlements, mars 2012');
    expect(page.rows()).to.deep.equal([
      ['28/03/2012', 'Chèque', '924466', 'DUPONT Jean-Paul', 'LEP', `50,00${NBSP}€`],
    ]);
    expect(page.total()).to.deep.equal(['TOTAL', `50,00${NBSP}€`]);
  });

  it('speaks English', async () => {
    const page = await render('en');
    expect(page.month()).to.equal('March 2012');
    expect(page.caption()).to.equal('Consumption history, March 2012');
    expect(page.rows()[0]).to.deep.equal([
      'Wed 7',
      'DUPONT Liou',
      'CDC - ALSH 6-12 Matin',
      '€10.35',
      '1',
      '€10.35',
    ]);
    page.viewButton('Payments').click();
    await page.el.updateComplete;
    expect(page.rows()[0]).to.deep.equal([
      '28/03/2012',
      'Cheque',
      '924466',
      'DUPONT Jean-Paul',
      'LEP',
      '€50.00',
    ]);
    expect(page.previousButton.getAttribute('aria-label')).to.equal('Previous month');
  });

  it('moves month by month with the keyboard and loads each month', async () => {
    const asked: string[] = [];
    const client = {
      history: {
        month: async (_account: string, month: string) => {
          asked.push(month);
          return month === '2012-03'
            ? march
            : { ...march, month, consumptions: [], payments: [], totals: { consumptions: 0, payments: 0 } };
        },
      },
    } as unknown as GuichetClient;
    const wrapper = await fixture(html`<guichet-provider .client=${client}>
      <history-table account="a1" month="2012-03"></history-table>
    </guichet-provider>`);
    const el = wrapper.querySelector('history-table')!;
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    const page = new HistoryTablePage(el);
    expect(page.rows()).to.have.length(3);
    page.nextButton.focus();
    const moved = oneEvent(el, 'guichet-month-change');
    await sendKeys({ press: 'Enter' });
    expect(((await moved) as GuichetMonthChangeEvent).detail).to.deep.equal({ month: '2012-04' });
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(page.month()).to.equal('avril 2012');
    expect(page.state()).to.equal('Aucune consommation en avril 2012.');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement === page.previousButton).to.equal(true);
    await sendKeys({ press: 'Space' });
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(asked).to.deep.equal(['2012-03', '2012-04', '2012-03']);
    expect(page.rows()).to.have.length(3);
  });

  it('prints with window.print()', async () => {
    const page = await render();
    const print = window.print;
    let printed = 0;
    window.print = () => {
      printed++;
    };
    try {
      page.printButton.click();
    } finally {
      window.print = print;
    }
    expect(printed).to.equal(1);
    expect(page.printButton.closest('.no-print')).to.exist;
  });

  it('says when a month is empty or nobody is signed in', async () => {
    const empty = await render('fr', { ...march, consumptions: [] });
    expect(empty.state()).to.equal('Aucune consommation en mars 2012.');
    const none = await render('fr', null);
    expect(none.state()).to.equal('Connectez-vous pour voir votre historique.');
  });

  it('is accessible', async () => {
    const page = await render();
    await expect(page.el).to.be.accessible();
    page.viewButton('Règlements').click();
    await page.el.updateComplete;
    await expect(page.el).to.be.accessible();
  });
});
