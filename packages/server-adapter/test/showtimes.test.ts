import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../src/http/problem.js';
import { importShowtimes, parseCsv, parseEuros } from '../src/services/showtimes.js';
import { cinemaNetwork } from './countermarks-fixtures.js';
import { testClock, testServer } from './harness.js';

const programme = (price = '7.50') => ({
  films: [
    {
      film: 'Le Voyage de Chihiro',
      version: 'VOSTFR',
      durationMinutes: 125,
      posterUrl: 'https://images.example.fr/chihiro.jpg',
      price,
      quantity: 80,
      duo: true,
      showtimes: ['2026-04-18 20:30', '2026-04-19T16:00', '2026-04-20T18:30:00Z'],
    },
    {
      film: 'Le Voyage de Chihiro',
      version: 'VF',
      duration: 125,
      price: 6,
      quantity: 80,
      showtimes: ['2026-04-18 14:00'],
    },
    { film: 'Paris, Texas', venue: 'Entrepôt', price: '5,00', quantity: 40, showtimes: ['2026-04-21 21:00'] },
  ],
});

describe('showtime import', () => {
  const clock = testClock('2026-04-13T08:00:00Z');
  let t: Awaited<ReturnType<typeof testServer>>;
  let net: Awaited<ReturnType<typeof cinemaNetwork>>;
  let admin: string;
  const post = (body: unknown) => t.call('POST', '/offers/import', { token: admin, body });
  const counts = async () => ({
    offers: (await t.db.selectFrom('offers').select('id').execute()).length,
    stocks: (await t.db.selectFrom('stocks').select('id').execute()).length,
  });

  beforeAll(async () => {
    t = await testServer({ clock });
    net = await cinemaNetwork(t, clock);
    admin = (await net.session('admin')).token;
  });
  afterAll(() => t.close());

  it('creates offers and sessions from a JSON programme, local times in the venue zone', async () => {
    const res = await post({
      format: 'json',
      content: JSON.stringify(programme()),
      venueId: net.venues.studio,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      offersCreated: 3,
      offersUpdated: 0,
      stocksCreated: 5,
      stocksUpdated: 0,
      unchanged: 0,
    });
    const offers = await t.call('GET', `/offers?venueId=${net.venues.studio}`, { token: admin });
    const vostfr = offers.body.items.find((o: { version: string }) => o.version === 'VOSTFR');
    expect(vostfr).toMatchObject({
      name: 'Le Voyage de Chihiro',
      category: 'screening',
      isDuo: true,
      durationMinutes: 125,
      posterUrl: 'https://images.example.fr/chihiro.jpg',
    });
    const stocks = await t.call('GET', `/offers/${vostfr.id}/stocks`, { token: admin });
    expect(stocks.body.items.map((s: { beginsAt: string }) => s.beginsAt)).toEqual([
      '2026-04-18T18:30:00.000Z',
      '2026-04-19T14:00:00.000Z',
      '2026-04-20T18:30:00.000Z',
    ]);
    expect(stocks.body.items[0]).toMatchObject({ price: 750, quantity: 80, booked: 0 });
    const entrepot = await t.call('GET', `/offers?venueId=${net.venues.entrepot}`, { token: admin });
    expect(entrepot.body.items.map((o: { name: string }) => o.name)).toEqual(['Paris, Texas']);
  });

  it('changes nothing when the same programme comes again, as JSON or as CSV', async () => {
    const before = await counts();
    const again = await post({
      format: 'json',
      content: JSON.stringify(programme()),
      venueId: net.venues.studio,
    });
    expect(again.body).toEqual({
      offersCreated: 0,
      offersUpdated: 0,
      stocksCreated: 0,
      stocksUpdated: 0,
      unchanged: 8,
    });
    const csv = [
      'film;version;duration;poster_url;begins_at;price;quantity;venue;duo',
      'le voyage de chihiro;vostfr;125;https://images.example.fr/chihiro.jpg;2026-04-18 20:30;7,50;80;;oui',
      '"Paris, Texas";;;;2026-04-21 21:00;5;40;Entrepôt;',
    ].join('\r\n');
    const same = await post({ format: 'csv', content: csv, venueId: net.venues.studio });
    // The film's name as written in the CSV is lower case: the offer is the same, its name updated.
    expect(same.body).toEqual({
      offersCreated: 0,
      offersUpdated: 1,
      stocksCreated: 0,
      stocksUpdated: 0,
      unchanged: 3,
    });
    expect(await counts()).toEqual(before);
  });

  it('updates prices and quantities, never below the places booked', async () => {
    const res = await post({
      format: 'json',
      content: JSON.stringify(programme('8')),
      venueId: net.venues.studio,
    });
    expect(res.body).toMatchObject({ offersUpdated: 1, stocksUpdated: 3, stocksCreated: 0 });
    const stock = await t.db
      .selectFrom('stocks')
      .innerJoin('offers', 'offers.id', 'stocks.offer_id')
      .select(['stocks.id', 'stocks.price'])
      .where('offers.name', '=', 'Paris, Texas')
      .executeTakeFirstOrThrow();
    await t.call('POST', '/countermark-bookings', {
      token: net.apiKey,
      body: { stockId: stock.id, beneficiary: net.beneficiary() },
    });
    const shrink = await post({
      format: 'csv',
      content:
        'film,begins_at,price,quantity,venue\nParis Texas,2026-04-21 21:00,5,0,Entrepôt\n"Paris, Texas",2026-04-21 21:00,5,0,Entrepôt',
    });
    expect(shrink.status).toBe(422);
    expect(shrink.body.errors).toEqual([
      { path: 'line 3.quantity', message: '1 places are already booked for this session' },
    ]);
    // All or nothing: the first line's new offer was not kept.
    expect(
      (await t.db.selectFrom('offers').select('id').where('name', '=', 'Paris Texas').execute()).length,
    ).toBe(0);
  });

  it('refuses an invalid programme with every error by line, writing nothing', async () => {
    const before = await counts();
    const csv = [
      'film,version,begins_at,price,quantity',
      'Nosferatu,VOSTFR,2026-04-22 20:30,7.5,50',
      ',VF,2026-02-30 20:30,7.555,-1',
      'Nosferatu,VOSTFR,22/04/2026 20:30,7,50',
    ].join('\n');
    const res = await post({ format: 'csv', content: csv, venueId: net.venues.studio });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('import_invalid');
    expect(res.body.messages.fr).toBe("Le programme n'a pas été importé : des lignes sont invalides.");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'line 3.film',
      'line 3.price',
      'line 3.quantity',
      'line 4.beginsAt',
    ]);
    const impossible = await post({
      format: 'json',
      content: JSON.stringify({
        films: [{ film: 'X', price: 5, quantity: 5, showtimes: ['2026-02-30 20:30'] }],
      }),
      venueId: net.venues.studio,
    });
    expect(impossible.body.errors).toEqual([
      { path: 'films[0].showtimes[0].beginsAt', message: 'Impossible date-time' },
    ]);
    const noVenue = await post({
      format: 'csv',
      content: 'film,begins_at,price,quantity\nX,2026-04-22 20:30,5,5',
    });
    expect(noVenue.body.errors[0].path).toBe('line 2.venue');
    expect((await post({ format: 'json', content: '{' })).body.errors).toEqual([
      { path: 'file', message: 'The file is not valid JSON' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('imports for the command line in a transaction of its own, venues named by id', async () => {
    const content = JSON.stringify([
      { film: 'La Jetée', price: 4, quantity: 30, showtimes: ['2026-05-02 18:00'] },
    ]);
    const run = () =>
      t.db
        .transaction()
        .execute((trx) =>
          importShowtimes(trx, { structureId: null, defaultVenueId: net.venues.reunion }, 'json', content),
        );
    expect(await run()).toMatchObject({ offersCreated: 1, stocksCreated: 1 });
    expect(await run()).toMatchObject({ offersCreated: 0, stocksCreated: 0, unchanged: 2 });
    const stock = await t.db
      .selectFrom('stocks')
      .innerJoin('offers', 'offers.id', 'stocks.offer_id')
      .select('stocks.begins_at')
      .where('offers.name', '=', 'La Jetée')
      .executeTakeFirstOrThrow();
    expect(stock.begins_at.toISOString()).toBe('2026-05-02T14:00:00.000Z'); // 18:00 in La Réunion (UTC+4)
    await expect(
      t.db
        .transaction()
        .execute((trx) =>
          importShowtimes(trx, { structureId: null, defaultVenueId: 'nope' }, 'json', content),
        ),
    ).rejects.toBeInstanceOf(ProblemError);
  });

  it('reads quoted CSV fields and euros exactly', () => {
    expect(parseCsv('a;"b;""c""\nd";e\n', ';')).toEqual([['a', 'b;"c"\nd', 'e']]);
    expect([
      parseEuros('7,5'),
      parseEuros('7.05'),
      parseEuros(12),
      parseEuros('1.234'),
      parseEuros('-1'),
    ]).toEqual([750, 705, 1200, null, null]);
  });
});
