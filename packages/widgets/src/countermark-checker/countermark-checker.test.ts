import type { GuichetClient } from '@guichet/sdk/client';
import type { DeskCountermark } from '@guichet/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../guichet-provider/define.js';
import type { CountermarkChecker } from './countermark-checker.js';
import { CountermarkCheckerPage } from './countermark-checker.page.js';
import './define.js';

const NBSP = '\u00a0';

// Booked Monday 13 April 2026 10:00 UTC for Saturday 18 April 18:30 UTC: limit C + 48 h.
const booking: DeskCountermark = {
  id: 'b1',
  token: 'K7QX2M',
  status: 'confirmed',
  offerId: 'o1',
  offerName: 'Le Voyage de Chihiro',
  stockId: 's1',
  venueId: 'venue-1',
  venueName: 'Le Louxor',
  beginsAt: '2026-04-18T18:30:00Z',
  quantity: 2,
  price: 1600,
  beneficiary: { firstName: 'Inès', lastName: 'Martin', email: 'ines@example.org' },
  createdAt: '2026-04-13T10:00:00Z',
  cancellationLimit: '2026-04-15T10:00:00Z',
  usedAt: null,
  cancelledAt: null,
  reimbursedAt: null,
  source: 'guichet',
};

type Call = { name: string; input: unknown };

function fakeClient(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  const client = {
    call: async (name: string, input: unknown) => {
      const call = { name, input };
      calls.push(call);
      await new Promise((r) => setTimeout(r, 2));
      const value = answer(call);
      if (value instanceof Error) throw value;
      return value;
    },
  } as unknown as GuichetClient;
  return { client, calls };
}

const problem = (code: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(code), {
    code,
    status,
    messages: { fr: `Serveur : ${code}`, en: `Server: ${code}` },
    problem: { code, status, ...extra },
  });

async function render(client: GuichetClient, now = '2026-04-18T17:00:00Z', lang = 'fr') {
  const wrapper = await fixture(html`<guichet-provider .client=${client}>
    <countermark-checker lang=${lang} venue="venue-1" now=${now}></countermark-checker>
  </guichet-provider>`);
  const el = wrapper.querySelector('countermark-checker') as CountermarkChecker;
  const page = new CountermarkCheckerPage(el);
  await page.settle();
  return page;
}

describe('<countermark-checker>', () => {
  it('says what is wrong with the format before sending anything', async () => {
    const { client, calls } = fakeClient(() => booking);
    const page = await render(client);
    await page.type('abc-1O');
    expect(page.formatError()).to.equal(
      'Caractères impossibles dans une contremarque : 1, O. Il n’y a jamais de 0, O, 1, I, 8 ni 9.',
    );
    expect(page.input.getAttribute('aria-invalid')).to.equal('true');
    await page.check('k7qx2');
    expect(page.formatError()).to.equal('Une contremarque a 6 caractères : vous en avez saisi 5.');
    await page.check('   ');
    expect(page.formatError()).to.equal('Saisissez les 6 caractères de la contremarque.');
    expect(calls).to.have.length(0);
    expect(page.el.shadowRoot!.activeElement).to.equal(page.input);
  });

  it('forgives case, spaces and dashes, and reads the pass Culture QR payload', async () => {
    const { client, calls } = fakeClient(() => booking);
    const page = await render(client);
    await page.check(' k7q-x2 m ');
    await page.check('PASSCULTURE:v3;TOKEN:k7qx2m');
    // pass Culture's tokens may hold digits Guichet never uses.
    await page.check('PASSCULTURE:v3;TOKEN:ab01cd');
    expect(calls.map((c) => c.input)).to.deep.equal([
      { params: { token: 'K7QX2M' }, query: { venueId: 'venue-1' } },
      { params: { token: 'K7QX2M' }, query: { venueId: 'venue-1' } },
      { params: { token: 'AB01CD' }, query: { venueId: 'venue-1' } },
    ]);
    expect(calls.every((c) => c.name === 'deskCountermark')).to.equal(true);
  });

  it('shows the booking and enables Valider and Annuler la réservation once the limit is past', async () => {
    const { client } = fakeClient(() => booking);
    const page = await render(client);
    const checked = oneEvent(page.el, 'guichet-countermark-checked');
    await page.check('K7QX2M');
    expect((await checked).detail.token).to.equal('K7QX2M');
    expect(page.booking()).to.deep.equal({
      offer: 'Le Voyage de Chihiro',
      session: '18/04/2026 20:30',
      quantity: '2 places (duo)',
      price: `16,00${NBSP}€`,
      beneficiary: 'Inès Martin',
      venue: 'Le Louxor',
      status: 'Réservée',
    });
    expect(page.enabled()).to.deep.equal({ validate: true, keep: false, cancel: true });
    expect(page.validFrom()).to.equal('');
  });

  it('says from when it may be validated when it is too early', async () => {
    const { client } = fakeClient(() => booking);
    const page = await render(client, '2026-04-14T09:00:00Z');
    await page.check('K7QX2M');
    expect(page.enabled().validate).to.equal(false);
    expect(page.validFrom()).to.equal(
      'Vous pourrez valider cette contremarque à partir du 15/04/2026 à 12:00, une fois le délai d’annulation passé.',
    );
  });

  it('validates, then undoes the validation', async () => {
    const { client, calls } = fakeClient((call) =>
      call.name === 'deskUseCountermark'
        ? { ...booking, status: 'used', usedAt: '2026-04-18T18:10:00Z' }
        : call.name === 'deskKeepCountermark'
          ? { ...booking, status: 'confirmed', usedAt: null }
          : booking,
    );
    const page = await render(client);
    await page.check('K7QX2M');
    const validated = oneEvent(page.el, 'guichet-countermark-validated');
    page.button('validate').click();
    expect((await validated).detail.booking.status).to.equal('used');
    await page.settle();
    expect(page.done()).to.equal('Contremarque validée.');
    expect(page.booking()!.status).to.equal('Validée le 18/04/2026 20:10');
    expect(page.enabled()).to.deep.equal({ validate: false, keep: true, cancel: false });
    const kept = oneEvent(page.el, 'guichet-countermark-kept');
    page.button('keep').click();
    await kept;
    await page.settle();
    expect(page.done()).to.equal('Validation annulée : la réservation est de nouveau à valider.');
    expect(page.enabled()).to.deep.equal({ validate: true, keep: false, cancel: true });
    expect(calls.map((c) => c.name)).to.deep.equal([
      'deskCountermark',
      'deskUseCountermark',
      'deskKeepCountermark',
    ]);
  });

  it('cancels the booking after a confirmation', async () => {
    const { client, calls } = fakeClient((call) =>
      call.name === 'deskCancelCountermark' ? undefined : booking,
    );
    const page = await render(client);
    await page.check('K7QX2M');
    page.button('cancel').click();
    await page.settle();
    expect(calls).to.have.length(1);
    expect(page.el.shadowRoot!.activeElement).to.equal(page.confirmYes);
    const cancelled = oneEvent(page.el, 'guichet-countermark-cancelled');
    page.confirmYes!.click();
    await cancelled;
    await page.settle();
    expect(calls[1]!.name).to.equal('deskCancelCountermark');
    expect(page.booking()!.status).to.equal('Annulée');
    expect(page.reason()).to.equal('Cette réservation a été annulée.');
    expect(page.enabled()).to.deep.equal({ validate: false, keep: false, cancel: false });
  });

  it('shows the reason when the server refuses, with the exact time when too early', async () => {
    const answers: Record<string, unknown> = {
      AAAAAA: problem('too_early', 403, { validFrom: '2026-04-19T18:30:00Z' }),
      BBBBBB: problem('already_used', 410),
      CCCCCC: problem('not_found', 404),
      DDDDDD: problem('cancelled', 410, { booking: { ...booking, token: 'DDDDDD', status: 'cancelled' } }),
      EEEEEE: problem('venue_closed', 403),
    };
    const { client } = fakeClient(
      (call) => answers[(call.input as { params: { token: string } }).params.token],
    );
    const page = await render(client);
    const refused = oneEvent(page.el, 'guichet-countermark-refused');
    await page.check('aaaaaa');
    expect((await refused).detail.code).to.equal('too_early');
    expect(page.refusal()).to.equal(
      'Vous pourrez valider cette contremarque à partir du 19/04/2026 à 20:30, une fois le délai d’annulation passé.',
    );
    await page.check('bbbbbb');
    expect(page.refusal()).to.equal('Cette contremarque a déjà été validée.');
    expect(page.booking()).to.equal(null);
    await page.check('cccccc');
    expect(page.refusal()).to.equal('Contremarque introuvable pour ce lieu.');
    await page.check('dddddd');
    expect(page.refusal()).to.equal('Cette réservation a été annulée.');
    expect(page.booking()!.status).to.equal('Annulée');
    await page.check('eeeeee');
    expect(page.refusal()).to.equal('Serveur : venue_closed');
  });

  it('is a form field: submits the normalised token and is invalid while the format is wrong', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <countermark-checker name="countermark" required></countermark-checker>
    </form>`);
    const el = form.querySelector('countermark-checker')!;
    await el.updateComplete;
    const page = new CountermarkCheckerPage(el);
    expect(el.form).to.equal(form);
    expect(el.validity.valueMissing).to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    await page.type('k7q x2');
    expect(el.validity.patternMismatch).to.equal(true);
    expect(el.validationMessage).to.equal('Une contremarque a 6 caractères : vous en avez saisi 5.');
    await page.type('k7q-x2m');
    expect(el.value).to.equal('K7QX2M');
    expect(el.checkValidity()).to.equal(true);
    expect(new FormData(form).get('countermark')).to.equal('K7QX2M');
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('');
  });

  it('speaks English', async () => {
    const { client } = fakeClient(() => booking);
    const page = await render(client, '2026-04-14T09:00:00Z', 'en');
    await page.type('ab0');
    expect(page.formatError()).to.equal(
      'Characters a countermark never has: 0. There is never a 0, O, 1, I, 8 or 9.',
    );
    await page.check('K7QX2M');
    expect(page.booking()).to.deep.include({ quantity: '2 places (duo)', price: '€16.00', status: 'Booked' });
    expect(page.validFrom()).to.equal(
      'You will be able to validate this countermark from 15/04/2026 at 12:00, once the cancellation period is over.',
    );
    expect(page.button('validate').textContent!.trim()).to.equal('Validate');
    expect(page.button('keep').textContent!.trim()).to.equal('Undo the validation');
    expect(page.button('cancel').textContent!.trim()).to.equal('Cancel the booking');
  });

  it('is accessible, with a booking and a format error', async () => {
    const { client } = fakeClient(() => booking);
    const page = await render(client, '2026-04-14T09:00:00Z');
    await page.check('K7QX2M');
    await page.type('K7QX2');
    await expect(page.el).to.be.accessible();
  });
});
