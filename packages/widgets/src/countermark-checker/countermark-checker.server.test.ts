import { expect, html, oneEvent } from '@open-wc/testing';
import { screenshot } from '../../test/screenshots.js';
import { advanceServerClock, type GuichetDemo, guichetDemo, signedIn } from '../../test/server.js';
import type { CountermarkChecker } from './countermark-checker.js';
import { CountermarkCheckerPage } from './countermark-checker.page.js';
import './define.js';

// The desk of the Studio des Ursulines against the real server (packages/widgets/test/guichet-server.ts):
// the cashier (login `caisse`) checks the demo's countermarks (seed-countermarks.ts).
const HOUR = 3_600_000;

async function desk(demo: GuichetDemo, now: string): Promise<CountermarkCheckerPage> {
  const provider = await signedIn(
    demo,
    'caisse',
    'caisse-demo',
    html`<countermark-checker now=${now}></countermark-checker>`,
  );
  const page = new CountermarkCheckerPage(provider.querySelector<CountermarkChecker>('countermark-checker')!);
  await page.settle();
  return page;
}

describe('<countermark-checker> against the server', () => {
  let demo: GuichetDemo;
  before(async function () {
    this.timeout(60_000); // the first suite waits for the server to start
    demo = await guichetDemo();
  });

  it('says from when a countermark booked an hour ago may be validated, then validates and keeps it', async () => {
    const early = await desk(demo, demo.now);
    const refused = oneEvent(early.el, 'guichet-countermark-refused');
    await early.check('htz4-wb');
    expect((await refused).detail.token).to.equal('HTZ4WB');
    // Booked an hour before the demo was seeded, for a session five days on: valid 48 h after booking.
    const validFrom = new Date(Date.parse(demo.seededAt) + 47 * HOUR);
    const paris = { timeZone: 'Europe/Paris' } as const;
    const day = validFrom.toLocaleDateString('fr-FR', paris);
    const time = validFrom.toLocaleTimeString('fr-FR', { ...paris, hour: '2-digit', minute: '2-digit' });
    expect(early.refusal()).to.equal(
      `Vous pourrez valider cette contremarque à partir du ${day} à ${time}, une fois le délai d’annulation passé.`,
    );
    expect(early.booking()).to.deep.include({
      offer: 'Le Voyage de Chihiro',
      quantity: '1 place',
      beneficiary: 'Yanis BERNARD',
      venue: 'Studio des Ursulines',
      status: 'Réservée',
    });
    expect(early.enabled().validate).to.equal(false);
    await screenshot('countermark-checker-server-too-early', early.el);
    await expect(early.el).to.be.accessible();

    // Two days later, signed in again (the session did not last that long).
    const later = await advanceServerClock(48 * HOUR);
    try {
      const page = await desk(demo, later);
      await page.check('HTZ4WB');
      expect(page.refusal()).to.equal('');
      expect(page.enabled()).to.deep.equal({ validate: true, keep: false, cancel: true });
      const validated = oneEvent(page.el, 'guichet-countermark-validated');
      page.button('validate').click();
      expect((await validated).detail.booking.status).to.equal('used');
      await page.idle();
      expect(page.done()).to.equal('Contremarque validée.');
      expect(page.booking()!.status).to.match(/^Validée le \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
      expect(page.enabled()).to.deep.equal({ validate: false, keep: true, cancel: false });
      await screenshot('countermark-checker-server-validated', page.el);

      const kept = oneEvent(page.el, 'guichet-countermark-kept');
      page.button('keep').click();
      expect((await kept).detail.booking.status).to.equal('confirmed');
      await page.idle();
      expect(page.done()).to.equal('Validation annulée : la réservation est de nouveau à valider.');
      expect(page.booking()!.status).to.equal('Réservée');
      expect(page.enabled()).to.deep.equal({ validate: true, keep: false, cancel: true });
      // The server has it confirmed again: a new check finds it to validate.
      await page.check('HTZ4WB');
      expect(page.refusal()).to.equal('');
      expect(page.booking()!.status).to.equal('Réservée');
    } finally {
      await advanceServerClock(-48 * HOUR);
    }
  });

  it('shows the reason of each refusal the server gives', async () => {
    const page = await desk(demo, demo.now);
    await page.check('QW3RTY');
    expect(page.refusal()).to.equal('Cette contremarque a déjà été validée.');
    await page.check('CNCL27');
    expect(page.refusal()).to.equal('Cette réservation a été annulée.');
    expect(page.booking()!.status).to.equal('Annulée');
    await page.check('ZZZZZZ');
    expect(page.refusal()).to.equal('Contremarque introuvable pour ce lieu.');
    expect(page.booking()).to.equal(null);
    await page.check('K7QX2M');
    expect(page.refusal()).to.equal('');
    expect(page.booking()).to.deep.include({ quantity: '2 places (duo)', beneficiary: 'Inès MOREAU' });
  });
});
