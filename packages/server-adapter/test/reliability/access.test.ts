import { randomUUID } from 'node:crypto';
import { addDaysIso, isoDateInZone } from '@guichet/sdk/rules';
import { api, type Endpoint, type EndpointName } from '@guichet/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoIds, seedDemo } from '../../src/demo/seed.js';
import { DEMO_COUNTERMARKS } from '../../src/demo/seed-countermarks.js';
import { hashSecret, newSecret } from '../../src/services/passwords.js';
import type { Db } from '../../src/store/db.js';
import { testServer } from '../harness.js';
import { recordTable } from './figures.js';
import { session } from './world.js';

/**
 * Every endpoint of the contract against eight callers. Expected: anonymous 401 (unless public);
 * a role the endpoint does not take 403 `forbidden`; the owner of the resource (or its structure's
 * admin) served; a caller with the right role but another party's resource in the path 403 or 404;
 * and in every cell, not one marker of a party the caller may not see (ids, names, emails).
 */

const CALLERS = [
  'anonymous',
  'family',
  'other family',
  'referent',
  'cashier',
  'cashier other venue',
  'admin',
  'admin other structure',
] as const;
type Caller = (typeof CALLERS)[number];

/** Whose resource a request names, which decides who owns it. */
type Owner = 'family' | 'town' | 'centre' | 'network' | 'venue' | 'self';

interface Target {
  owner: Owner;
  /** The path names the resource (a foreign caller must be refused, not merely served nothing). */
  inPath: boolean;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/** Parties' markers: strings that only their owners (and their structure's staff) may ever see. */
type Party = 'dupont' | 'martin' | 'centre' | 'town' | 'network' | 'ursulines' | 'other';

const SEES: Record<Caller, Party[]> = {
  anonymous: [],
  family: ['dupont', 'town'],
  'other family': ['martin', 'town'],
  referent: ['centre', 'network'],
  cashier: ['network', 'centre', 'ursulines'],
  'cashier other venue': ['network', 'centre'],
  admin: ['dupont', 'martin', 'town', 'centre', 'network', 'ursulines'],
  'admin other structure': ['other'],
};

const OWNERS: Record<Exclude<Owner, 'self'>, Caller[]> = {
  family: ['family', 'admin'],
  town: ['admin'],
  centre: ['referent', 'admin'],
  network: ['admin', 'cashier', 'cashier other venue', 'referent'],
  venue: ['cashier', 'admin'],
};

describe('access matrix: every endpoint against eight callers', () => {
  let t: Awaited<ReturnType<typeof testServer>>;
  let ids: DemoIds;
  let db: Db;
  const tokens: Partial<Record<Caller, { user: string; structure: string }>> = {};
  const markers: Record<Party, string[]> = {
    dupont: [],
    martin: [],
    centre: [],
    town: [],
    network: [],
    ursulines: [],
    other: [],
  };
  let targets: Record<EndpointName, Target>;

  /** A fresh session of the caller (logout closes one per cell). */
  async function tokenOf(caller: Caller, owner: Owner): Promise<string | undefined> {
    if (caller === 'anonymous') return undefined;
    const who = tokens[caller]!;
    // The admin administers both the town and the network: its session is in the owner's structure.
    const structure =
      caller === 'admin' && ['centre', 'network', 'venue'].includes(owner)
        ? ids.cinema.network
        : who.structure;
    const token = newSecret('gs');
    await db
      .insertInto('sessions')
      .values({
        token_hash: hashSecret(token),
        user_id: who.user,
        structure_id: structure,
        expires_at: new Date(Date.now() + 3600_000),
      })
      .execute();
    return token;
  }

  beforeAll(async () => {
    t = await testServer();
    db = t.db;
    ids = await seedDemo(db, new Date());
    const town = ids.town;
    const network = ids.cinema.network;
    const v = ids.cinema.venues;
    const other = randomUUID();
    await db
      .insertInto('structures')
      .values({
        id: other,
        name: 'Commune de Loinville',
        kind: 'town',
        time_zone: 'Europe/Paris',
        origins: [],
      })
      .execute();
    const s = async (structure: string, role: Parameters<typeof session>[2], extra = {}) => ({
      user: (await session(db, structure, role, extra)).userId,
      structure,
    });
    tokens.family = { user: ids.dupont.userId, structure: town };
    tokens['other family'] = await s(town, 'family', { accountId: ids.martin.accountId });
    tokens.referent = { user: ids.cinema.referentUserId, structure: network };
    tokens.cashier = await s(network, 'cashier', { venueIds: [v.ursulines, v.entrepot] });
    tokens['cashier other venue'] = await s(network, 'cashier', { venueIds: [v.pleinAir] });
    tokens.admin = { user: ids.adminUserId, structure: town };
    // The demo's admin also administers the network: a session there too.
    await session(db, network, 'admin', { userId: ids.adminUserId });
    tokens['admin other structure'] = await s(other, 'admin');

    const one = async (table: 'vouchers' | 'voucher_orders' | 'voucher_debits') =>
      (await db.selectFrom(table).select('id').executeTakeFirstOrThrow()).id;
    const offer = (
      await db
        .selectFrom('offers')
        .select(['id'])
        .where('venue_id', '=', v.ursulines)
        .executeTakeFirstOrThrow()
    ).id;
    const stock = (
      await db.selectFrom('stocks').select('id').where('offer_id', '=', offer).executeTakeFirstOrThrow()
    ).id;
    const booking = await db
      .selectFrom('countermark_bookings')
      .select(['id', 'token'])
      .where('token', '=', DEMO_COUNTERMARKS.validatable)
      .executeTakeFirstOrThrow();
    const tooEarly = await db
      .selectFrom('countermark_bookings')
      .select('id')
      .where('token', '=', DEMO_COUNTERMARKS.tooEarly)
      .executeTakeFirstOrThrow();
    const today = isoDateInZone(new Date(), 'Europe/Paris');
    const month = today.slice(0, 7);
    const activity = ids.activities.matin36;
    const order = await one('voucher_orders');
    const voucher = await one('vouchers');
    const debit = await one('voucher_debits');
    const screening = (
      await db
        .selectFrom('screening_requests')
        .select('id')
        .where('venue_id', '=', v.ursulines)
        .executeTakeFirstOrThrow()
    ).id;
    const walletKind = ids.walletKinds.periscolaire;
    const started = await t.call('POST', `/accounts/${ids.dupont.accountId}/payments`, {
      token: (await tokenOf('family', 'family'))!,
      body: { amounts: { [ids.dupont.wallets.periscolaire]: 500 }, email: 'jean-paul.dupont@example.fr' },
    });
    const paymentId = started.body.paymentId as string;
    const path = (params: Record<string, string>) => params;
    const F = (o: Partial<Target> = {}): Target => ({
      owner: 'family',
      inPath: true,
      params: { accountId: ids.dupont.accountId },
      ...o,
    });
    targets = {
      login: { owner: 'self', inPath: false, body: { login: 'nobody-at-all', password: 'wrong-password' } },
      logout: { owner: 'self', inPath: false },
      session: { owner: 'self', inPath: false },
      switchStructure: { owner: 'self', inPath: false, body: { structureId: network } },
      requestPasswordReset: { owner: 'self', inPath: false, body: { login: 'nobody-at-all' } },
      resetPassword: {
        owner: 'self',
        inPath: false,
        body: { token: 'gr_not-a-real-reset-token-0000', password: 'Un-mot-de-passe-2026' },
      },
      profile: { owner: 'self', inPath: false },
      updateProfile: { owner: 'self', inPath: false, body: { email: null } },
      changePassword: {
        owner: 'self',
        inPath: false,
        body: { current: 'not-the-password', password: 'Un-mot-de-passe-2026' },
      },
      account: F(),
      calendar: F({
        params: { accountId: ids.dupont.accountId, memberId: ids.dupont.antoine },
        query: { month },
      }),
      book: F({
        body: {
          changes: [
            { op: 'add', memberId: ids.dupont.antoine, activityId: activity, date: ids.holiday.from },
          ],
          dryRun: true,
        },
      }),
      reservations: F(),
      wallets: F(),
      history: F({ query: { month } }),
      startPayment: F({
        body: { amounts: { [ids.dupont.wallets.periscolaire]: 1000 }, email: 'jean-paul.dupont@example.fr' },
      }),
      paymentStatus: F({ params: { accountId: ids.dupont.accountId, paymentId } }),
      calendarFeed: F(),
      rotateCalendarFeed: F(),
      revokeCalendarFeed: F(),
      adminActivities: { owner: 'self', inPath: false },
      createActivity: {
        owner: 'self',
        inPath: false,
        body: {
          name: 'Atelier',
          startTime: '14:00',
          endTime: '16:00',
          unitPrice: 300,
          walletKindId: walletKind,
        },
      },
      updateActivity: {
        owner: 'town',
        inPath: true,
        params: path({ id: activity }),
        body: { unitPrice: 475 },
      },
      createSlots: {
        owner: 'self',
        inPath: false,
        body: {
          activityId: activity,
          from: addDaysIso(today, 200),
          to: addDaysIso(today, 201),
          weekdays: [1, 2, 3, 4, 5],
          capacity: 10,
          waitingCapacity: 2,
          opensAt: new Date().toISOString(),
          deadlineDaysBefore: 2,
          deadlineTime: '12:00',
        },
      },
      adminSlots: {
        owner: 'self',
        inPath: false,
        query: { activityId: activity, from: today, to: addDaysIso(today, 30) },
      },
      adminAccounts: { owner: 'self', inPath: false },
      createAccount: { owner: 'self', inPath: false, body: { holderName: 'NOUVELLE Famille', email: null } },
      createMember: {
        owner: 'family',
        inPath: true,
        params: { accountId: ids.dupont.accountId },
        body: { firstName: 'Zoé', lastName: 'DUPONT', birthDate: null },
      },
      recordPayment: {
        owner: 'self',
        inPath: false,
        body: {
          walletId: ids.dupont.wallets.periscolaire,
          receivedOn: today,
          mode: 'CH',
          pieceNumber: '1',
          payerName: 'DUPONT',
          bankName: '',
          amount: 100,
        },
      },
      createNotice: { owner: 'self', inPath: false, body: { title: 'Avis', body: 'Texte.' } },
      createApiKey: { owner: 'self', inPath: false, body: { name: 'export' } },
      accountVoucher: { owner: 'centre', inPath: true, params: { accountId: ids.cinema.centreAccountId } },
      orderVoucherPlaces: {
        owner: 'centre',
        inPath: true,
        params: { accountId: ids.cinema.centreAccountId },
        body: {
          places: 10,
          firstSessionDate: addDaysIso(today, 30),
          referent: { firstName: 'Nadia', lastName: 'BENALI', phone: '01 45 35 12 12' },
        },
      },
      requestScreening: {
        owner: 'centre',
        inPath: true,
        params: { accountId: ids.cinema.centreAccountId },
        body: {
          venueId: v.ursulines,
          session: 'Film',
          date: addDaysIso(today, 20),
          children: 10,
          adults: 2,
          payment: 'on_site',
        },
      },
      accountScreenings: { owner: 'centre', inPath: true, params: { accountId: ids.cinema.centreAccountId } },
      deskVoucherLookup: {
        owner: 'venue',
        inPath: false,
        body: { venueId: v.ursulines, code: 'CT-NOTSIGNED' },
      },
      deskVoucherDebit: {
        owner: 'venue',
        inPath: false,
        body: { venueId: v.ursulines, code: 'CT-NOTSIGNED', places: 1 },
      },
      deskGroups: {
        owner: 'venue',
        inPath: true,
        params: { venueId: v.ursulines },
        query: { date: today },
      },
      screeningRequests: { owner: 'self', inPath: false },
      decideScreening: {
        owner: 'venue',
        inPath: true,
        params: { id: screening },
        body: { decision: 'declined', message: null },
      },
      adminVoucherOrders: { owner: 'self', inPath: false },
      markVoucherOrderPaid: {
        owner: 'network',
        inPath: true,
        params: { id: order },
        body: { paymentReference: 'BC-X' },
      },
      adminVouchers: { owner: 'self', inPath: false },
      setVoucherStatus: {
        owner: 'network',
        inPath: true,
        params: { id: voucher },
        body: { status: 'active' },
      },
      reverseVoucherDebit: {
        owner: 'network',
        inPath: true,
        params: { id: debit },
        body: { reason: 'erreur' },
      },
      venues: { owner: 'self', inPath: false },
      createVenue: { owner: 'self', inPath: false, body: { name: 'Salle', address: '1 rue' } },
      updateVenue: {
        owner: 'network',
        inPath: true,
        params: { id: v.ursulines },
        body: { address: '10 rue des Ursulines, 75005 Paris' },
      },
      offers: { owner: 'self', inPath: false },
      createOffer: {
        owner: 'self',
        inPath: false,
        body: { venueId: v.ursulines, name: 'Film', category: 'screening' },
      },
      updateOffer: { owner: 'network', inPath: true, params: { id: offer }, body: { active: true } },
      offerStocks: { owner: 'network', inPath: true, params: { id: offer } },
      createStock: {
        owner: 'network',
        inPath: true,
        params: { id: offer },
        body: { beginsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(), price: 500, quantity: 10 },
      },
      updateStock: { owner: 'network', inPath: true, params: { id: stock }, body: { quantity: 100 } },
      importShowtimes: {
        owner: 'self',
        inPath: false,
        body: { format: 'json', content: '[]', venueId: v.ursulines },
      },
      bookCountermark: {
        owner: 'self',
        inPath: false,
        body: {
          stockId: stock,
          beneficiary: { firstName: 'Léo', lastName: 'PETIT', email: 'leo@example.fr' },
        },
      },
      countermarkBookings: { owner: 'self', inPath: false },
      countermarkBooking: { owner: 'network', inPath: true, params: { id: booking.id } },
      cancelCountermarkBooking: {
        owner: 'network',
        inPath: true,
        params: { id: tooEarly.id },
        body: { by: 'venue' },
      },
      deskCountermark: { owner: 'venue', inPath: true, params: { token: booking.token } },
      deskUseCountermark: { owner: 'venue', inPath: true, params: { token: DEMO_COUNTERMARKS.tooEarly } },
      deskKeepCountermark: { owner: 'venue', inPath: true, params: { token: DEMO_COUNTERMARKS.tooEarly } },
      deskCancelCountermark: { owner: 'venue', inPath: true, params: { token: DEMO_COUNTERMARKS.used } },
      reimbursementStatements: { owner: 'self', inPath: false },
    } as Record<EndpointName, Target>;

    // Markers: ids, names and emails of each party.
    markers.dupont.push(
      ids.dupont.accountId,
      ids.dupont.antoine,
      'jean-paul.dupont@example.fr',
      'DUPONT Jean-Paul',
    );
    markers.martin.push(ids.martin.accountId, 'claire.martin@example.fr', 'MARTIN Claire');
    markers.centre.push(ids.cinema.centreAccountId, 'clsh.paulbert@example.fr');
    markers.town.push(town, 'CarteVille', ids.activities.matin36);
    markers.network.push(network, 'Cinémas Indépendants Parisiens', v.ursulines);
    const beneficiaries = await db
      .selectFrom('countermark_bookings')
      .innerJoin('offers', 'offers.id', 'countermark_bookings.offer_id')
      .innerJoin('beneficiaries', 'beneficiaries.id', 'countermark_bookings.beneficiary_id')
      .select(['beneficiaries.email', 'countermark_bookings.token'])
      .where('offers.venue_id', '=', v.ursulines)
      .execute();
    markers.ursulines.push(...beneficiaries.map((b) => b.email));
    markers.other.push(other);
  });
  afterAll(async () => {
    if (t.store.kind === 'postgres') {
      await t.store.close();
      await new Promise((r) => setTimeout(r, 300));
    }
    await t.close();
  });

  it('answers every cell as expected and never shows another party’s data', async () => {
    const missing = Object.keys(api).filter((name) => !targets[name as EndpointName]);
    expect(missing, 'endpoints without a target in the matrix').toEqual([]);
    const rows: string[][] = [];
    const wrong: string[] = [];
    for (const [name, e] of Object.entries(api) as [EndpointName, Endpoint][]) {
      const target = targets[name];
      const roles = e.roles as readonly string[];
      const row: string[] = [name];
      for (const caller of CALLERS) {
        const token = await tokenOf(caller, target.owner);
        const path = e.path.replace(/\{(\w+)\}/g, (_, k: string) =>
          encodeURIComponent(target.params?.[k] ?? ''),
        );
        const search = target.query ? `?${new URLSearchParams(target.query)}` : '';
        const res = await t.call(e.method, `${path}${search}`, {
          ...(token ? { token } : {}),
          ...(target.body !== undefined ? { body: target.body } : {}),
        });
        const status = res.status;
        const code = res.body?.code as string | undefined;
        const callerRoles =
          caller === 'anonymous'
            ? []
            : [caller.replace(' other venue', '').replace(' other structure', '').replace('other ', '')];
        const hasRole = roles.includes('any') || callerRoles.some((r) => roles.includes(r));
        let expected: string;
        let ok: boolean;
        if (roles.includes('public')) {
          expected = 'served';
          ok = status < 500 && status !== 403;
        } else if (caller === 'anonymous') {
          expected = '401';
          ok = status === 401;
        } else if (!hasRole) {
          expected = '403';
          ok = status === 403 && code === 'forbidden';
        } else if (target.owner === 'self' || OWNERS[target.owner].includes(caller)) {
          expected = 'served';
          ok =
            status < 400 ||
            (status !== 401 && code !== 'forbidden' && status < 500 && !(status === 404 && target.inPath));
        } else if (target.inPath) {
          expected = '403/404';
          ok = status === 403 || status === 404;
        } else {
          expected = 'refused or own';
          ok = status < 500 && status !== 401;
        }
        const text = JSON.stringify(res.body ?? '');
        const seen = (Object.keys(markers) as Party[])
          .filter((party) => !SEES[caller].includes(party))
          .flatMap((party) => markers[party].filter((m) => text.includes(m)).map((m) => `${party}:${m}`));
        if (seen.length) ok = false;
        if (!ok)
          wrong.push(
            `${name} × ${caller}: expected ${expected}, got ${status} ${code ?? ''} ${seen.join(' ')}`,
          );
        row.push(`${status}${ok ? '' : ' ✗'}`);
      }
      rows.push(row);
    }
    recordTable(
      'Access matrix (HTTP status per caller; ✗ = unexpected or leaked)',
      ['endpoint', ...CALLERS],
      rows,
    );
    expect(wrong).toEqual([]);
  });
});
