import type { GuichetClient } from '@guichet/sdk/client';
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../balance-table/define.js';
import '../countermark-checker/define.js';
import '../family-calendar/define.js';
import '../guichet-login/define.js';
import '../guichet-notices/define.js';
import '../guichet-provider/define.js';
import '../history-table/define.js';
import '../reservation-list/define.js';
import '../screening-request/define.js';
import '../voucher-balance/define.js';
import '../voucher-card/define.js';
import '../voucher-scanner/define.js';

/**
 * Names are data: whatever a family, a centre or a cinema typed (`<script>`, an `<img onerror>`)
 * renders as text in every element. Each element is rendered from fixture data whose every name is
 * markup; nothing may run, no element may come out of a name, and the name shows as typed.
 * (Reliability suite, docs/security.md.)
 */

declare global {
  interface Window {
    __guichetXss?: number;
  }
}

const SCRIPT = '<script>window.__guichetXss=(window.__guichetXss||0)+1</script>';
const IMG = '<img src=x onerror="window.__guichetXss=(window.__guichetXss||0)+1">';
const SVG = '"><svg onload="window.__guichetXss=(window.__guichetXss||0)+1">';
const NAME = `${IMG}${SCRIPT}`;

/** Every node under `root`, through open shadow roots. */
function* deep(root: Node): Generator<Node> {
  yield root;
  const shadow = (root as Element).shadowRoot;
  if (shadow) yield* deep(shadow);
  for (const child of root.childNodes) yield* deep(child);
}

/** All text under `root`, through shadow roots. */
function deepText(root: Node): string {
  let text = '';
  for (const node of deep(root)) if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
  for (const node of deep(root))
    if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) text += node.value;
  return text;
}

async function check(el: Element) {
  await new Promise((r) => setTimeout(r, 50));
  const injected = [...deep(el)].filter(
    (n): n is Element =>
      n instanceof Element &&
      ((n.localName === 'script' && n.textContent?.includes('__guichetXss')) ||
        (n.localName === 'img' && n.getAttribute('src') === 'x') ||
        (n.localName === 'svg' && n.hasAttribute('onload')) ||
        [...n.attributes].some((a) => a.name.startsWith('on'))),
  );
  expect(injected.map((n) => n.outerHTML)).to.deep.equal([]);
  expect(window.__guichetXss ?? 0).to.equal(0);
  // The name is there, as the text it is.
  expect(deepText(el)).to.include('<img src=x');
}

/** A client answering every call with `answer(name)`. */
function client(answer: (name: string) => unknown): GuichetClient {
  return {
    call: async (name: string) => {
      const value = answer(name);
      if (value instanceof Error) throw value;
      return value;
    },
  } as unknown as GuichetClient;
}

async function inProvider(c: GuichetClient, inner: TemplateResult) {
  const wrapper = await fixture(html`<guichet-provider .client=${c}>${inner}</guichet-provider>`);
  await new Promise((r) => setTimeout(r, 50));
  return wrapper;
}

const lot = {
  id: 'l1',
  voucherId: 'v1',
  places: 30,
  remaining: 12,
  loadedOn: '2026-06-15',
  lastValidDay: '2027-06-14',
};
const debit = {
  id: 'd1',
  voucherId: 'v1',
  venueId: 'venue-1',
  venueName: NAME,
  cashierId: 'c1',
  places: 2,
  allocations: [{ lotId: 'l1', places: 2 }],
  at: '2027-05-18T13:05:00Z',
  reverses: null,
  reason: NAME,
};
const detail = {
  accountId: 'acc',
  holderName: NAME,
  voucher: {
    id: 'v1',
    number: 'CT-K7QX2MAB',
    holderAccountId: 'acc',
    holderName: NAME,
    email: 'centre@example.fr',
    status: 'active',
    qrPayload:
      'GV1.CT-K7QX2MAB.k1.5mD0cV2pYl4u8nq3Xw9eRt6yUiOpAsDfGhJkLzXcVbNm1qW2eR3tY4uI5oP6aS7dF8gH9jK0lZ',
    createdAt: '2026-06-15T08:00:00Z',
  },
  today: '2027-05-20',
  placesLeft: 12,
  nearestExpiry: { lastValidDay: '2027-06-14', places: 12 },
  expiringSoon: 12,
  lots: [lot],
  debits: [debit],
  orders: [
    {
      id: 'o1',
      holderAccountId: 'acc',
      centreName: NAME,
      referent: { firstName: NAME, lastName: NAME, phone: '0102030405' },
      places: 30,
      firstSessionDate: '2026-07-01',
      quoteAddressee: NAME,
      status: 'loaded',
      paymentReference: NAME,
      createdAt: '2026-06-01T10:00:00Z',
      lotId: 'l1',
      voucherEmail: null,
    },
  ],
};
const activity = {
  id: 'a1',
  structureId: 's1',
  name: NAME,
  startTime: '09:00',
  endTime: '13:30',
  unitPrice: 475,
  quantity: 1,
  walletKindId: 'k1',
  eligibility: {},
  conflictGroup: null,
  supplements: [{ id: 'sup', activityId: 'a1', name: SVG, unitPrice: 300, dates: [] }],
};

describe('hostile names render as text in every element', () => {
  afterEach(() => {
    window.__guichetXss = 0;
  });

  it('<balance-table>', async () => {
    const wallet = (id: string) => ({ id, accountId: 'a1', kindId: 'k', name: NAME, balance: -100 });
    const data = {
      until: '2026-04-30',
      estimates: [
        { wallet: wallet('w1'), until: '2026-04-30', estimatedCost: 100, newBalance: -200, amountDue: 200 },
      ],
      totals: { credit: -100, reservations: 100, estimatedBalance: -200, amountDue: 200 },
    };
    await check(
      await fixture(html`<balance-table account="a1" email="x@example.fr" .data=${data}></balance-table>`),
    );
  });

  it('<guichet-notices>', async () => {
    const data = [
      {
        id: 'n1',
        structureId: 's1',
        title: NAME,
        body: `${SVG} ${NAME}`,
        publishedAt: '2026-04-01T08:00:00Z',
      },
    ];
    await check(await fixture(html`<guichet-notices .data=${data}></guichet-notices>`));
  });

  it('<history-table>', async () => {
    const data = {
      month: '2026-03',
      consumptions: [
        {
          id: 'c1',
          walletId: 'w1',
          date: '2026-03-07',
          memberId: 'm1',
          memberName: NAME,
          activityId: 'a1',
          activityName: SVG,
          unitPrice: 475,
          quantity: 1,
          total: 475,
          reservationId: null,
        },
      ],
      payments: [
        {
          id: 'p1',
          walletId: 'w1',
          receivedOn: '2026-03-28',
          mode: 'CH',
          pieceNumber: NAME,
          payerName: NAME,
          bankName: NAME,
          amount: 5000,
          createdAt: '2026-03-28T10:00:00Z',
        },
      ],
      totals: { consumptions: 475, payments: 5000 },
    };
    await check(await fixture(html`<history-table .data=${data}></history-table>`));
  });

  it('<reservation-list>', async () => {
    const data = [
      {
        id: 'r1',
        accountId: 'a1',
        memberId: 'm1',
        activityId: 'a1',
        slotId: 's1',
        date: '2026-04-26',
        status: 'waitlisted',
        waitPosition: 1,
        supplementIds: [],
        unitPrice: 475,
        quantity: 1,
        refusalReason: null,
        createdAt: '2026-04-10T08:00:00Z',
        updatedAt: '2026-04-10T08:00:00Z',
        chargedAt: null,
      },
    ];
    const members = [{ id: 'm1', firstName: NAME, lastName: SVG }];
    const activities = [{ id: 'a1', name: NAME }];
    await check(
      await fixture(html`<reservation-list
        today="2026-04-01"
        from="2026-04-01"
        .data=${data}
        .members=${members}
        .activities=${activities}
      ></reservation-list>`),
    );
  });

  it('<voucher-balance>', async () => {
    await check(await fixture(html`<voucher-balance interval="0" .data=${detail}></voucher-balance>`));
  });

  it('<voucher-card>', async () => {
    const el = await fixture<HTMLElement & { qrComplete?: Promise<unknown> }>(
      html`<voucher-card .data=${detail}></voucher-card>`,
    );
    await el.qrComplete;
    await check(el);
  });

  it('<voucher-scanner>', async () => {
    const summary = {
      ...detail.voucher,
      placesLeft: 12,
      today: '2027-05-20',
      nearestExpiry: null,
      lots: [lot],
    };
    const wrapper = await inProvider(
      client(() => ({ items: [] })),
      html`<voucher-scanner venue="venue-1" .voucher=${summary} .debits=${[{ debit, places: 2 }]}></voucher-scanner>`,
    );
    await check(wrapper);
  });

  it('<countermark-checker>', async () => {
    const booking = {
      id: 'b1',
      token: 'K7QX2M',
      status: 'confirmed',
      offerId: 'o1',
      offerName: NAME,
      stockId: 's1',
      venueId: 'venue-1',
      venueName: SVG,
      beginsAt: '2026-04-18T18:30:00Z',
      quantity: 2,
      price: 1600,
      beneficiary: { firstName: NAME, lastName: NAME, email: 'x@example.org' },
      createdAt: '2026-04-13T10:00:00Z',
      cancellationLimit: '2026-04-15T10:00:00Z',
      usedAt: null,
      cancelledAt: null,
      reimbursedAt: null,
      source: 'guichet',
    };
    const wrapper = await inProvider(
      client(() => booking),
      html`<countermark-checker venue="venue-1" now="2026-04-18T17:00:00Z" .booking=${booking}></countermark-checker>`,
    );
    await check(wrapper);
  });

  it('<screening-request>', async () => {
    const request = {
      id: 'r1',
      accountId: 'acc',
      centreName: NAME,
      venueId: 'venue-1',
      venueName: NAME,
      session: SVG,
      date: '2026-06-17',
      time: '10:00',
      children: 24,
      adults: 3,
      payment: 'voucher',
      note: NAME,
      status: 'confirmed',
      staffMessage: NAME,
      decidedAt: '2026-06-02T08:00:00Z',
      createdAt: '2026-06-01T08:00:00Z',
    };
    const venues = JSON.stringify([{ id: 'venue-1', name: NAME }]);
    const wrapper = await inProvider(
      client(() => ({ items: [request] })),
      html`<screening-request mode="centre" account="acc" today="2026-06-10" venues=${venues}></screening-request>`,
    );
    await check(wrapper);
  });

  it('<family-calendar>', async () => {
    const members = [{ id: 'm1', accountId: 'a1', firstName: NAME, lastName: SVG, birthDate: '2021-05-01' }];
    const days = Array.from({ length: 30 }, (_, i) => {
      const date = `2026-04-${String(i + 1).padStart(2, '0')}`;
      return {
        date,
        activityId: 'a1',
        state: i === 19 ? 'open' : 'closed',
        slotId: i === 19 ? 's1' : null,
        placesLeft: i === 19 ? 5 : null,
        waitPosition: null,
        supplementIds: [],
      };
    });
    const calendar = { memberId: 'm1', month: '2026-04', activities: [activity], days, readOnly: false };
    await check(
      await fixture(html`<family-calendar
        today="2026-04-15"
        account="a1"
        .members=${members}
        .calendar=${calendar}
      ></family-calendar>`),
    );
  });

  it('<guichet-login> shows a server message as text', async () => {
    const error = Object.assign(new Error('refused'), {
      name: 'GuichetHttpError',
      code: 'invalid_credentials',
      status: 401,
      messages: { fr: NAME, en: NAME },
      problem: { code: 'invalid_credentials', status: 401 },
    });
    const c = {
      setToken: () => {},
      auth: { login: async () => Promise.reject(error), session: async () => Promise.reject(error) },
      call: async () => Promise.reject(error),
    } as unknown as GuichetClient;
    const wrapper = await inProvider(c, html`<guichet-login></guichet-login>`);
    const login = wrapper.querySelector('guichet-login')!;
    const root = login.shadowRoot!;
    (root.querySelector('input[name="login"], input[autocomplete="username"]') as HTMLInputElement).value =
      'dupont';
    (root.querySelector('input[type="password"]') as HTMLInputElement).value = 'x';
    for (const input of root.querySelectorAll('input'))
      input.dispatchEvent(new Event('input', { bubbles: true }));
    (root.querySelector('form') as HTMLFormElement).requestSubmit();
    await new Promise((r) => setTimeout(r, 100));
    await check(wrapper);
  });
});
