import { randomUUID } from 'node:crypto';
import { cancellationLimit } from '@guichet/sdk/rules';
import type { Db } from '../store/db.js';
import type { CinemaDemoIds } from './seed-cinema.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Countermarks of the demo, to type at the desk of the Studio des Ursulines (login `caisse`). */
export const DEMO_COUNTERMARKS = {
  /** Tonight's duo screening, booked three days ago: can be validated now. */
  validatable: 'K7QX2M',
  /** Booked an hour ago for a session in five days: "valid from" in about 47 hours. */
  tooEarly: 'HTZ4WB',
  /** Already validated at a session three days ago. */
  used: 'QW3RTY',
  /** Cancelled by its beneficiary. */
  cancelled: 'CNCL27',
} as const;

/**
 * The demo network's offers in the four categories (a duo screening at the Studio des Ursulines,
 * a film event and a festival at L'Entrepôt, an open-air screening of the itinerant cinema), their
 * sessions around `now`, a few beneficiaries and their bookings ({@link DEMO_COUNTERMARKS}).
 */
export async function seedCountermarkDemo(db: Db, now: Date, ids: CinemaDemoIds): Promise<void> {
  const at = (ms: number) => new Date(now.getTime() + ms);
  const offer = {
    chihiro: randomUUID(),
    courts: randomUUID(),
    festival: randomUUID(),
    pleinAir: randomUUID(),
  };
  await db
    .insertInto('offers')
    .values([
      {
        id: offer.chihiro,
        venue_id: ids.venues.ursulines,
        name: 'Le Voyage de Chihiro',
        category: 'screening',
        description:
          'Chihiro, dix ans, découvre un monde peuplé d’esprits. Séance en version originale sous-titrée.',
        is_duo: true,
        duration_minutes: 125,
        version: 'VOSTFR',
        poster_url: null,
        import_key: 'le voyage de chihiro|vostfr',
      },
      {
        id: offer.courts,
        venue_id: ids.venues.entrepot,
        name: 'Nuit du court métrage',
        category: 'film_event',
        description: 'Douze courts métrages, une nuit, en présence des réalisatrices et réalisateurs.',
        is_duo: false,
        duration_minutes: 240,
        version: null,
        poster_url: null,
        import_key: null,
      },
      {
        id: offer.festival,
        venue_id: ids.venues.entrepot,
        name: 'Festival du film d’animation — pass journée',
        category: 'festival',
        description: 'Toutes les séances d’une journée du festival.',
        is_duo: false,
        duration_minutes: null,
        version: null,
        poster_url: null,
        import_key: null,
      },
      {
        id: offer.pleinAir,
        venue_id: ids.venues.pleinAir,
        name: 'Les Demoiselles de Rochefort en plein air',
        category: 'open_air',
        description: 'Projection sur la pelouse de la Villette, transats fournis.',
        is_duo: true,
        duration_minutes: 120,
        version: 'VF',
        poster_url: null,
        import_key: null,
      },
    ])
    .execute();

  const stock = {
    chihiroPast: randomUUID(),
    chihiroTonight: randomUUID(),
    chihiroLater: randomUUID(),
    courts: randomUUID(),
    festival: randomUUID(),
    pleinAir: randomUUID(),
  };
  const begins = {
    chihiroPast: at(-3 * DAY),
    chihiroTonight: at(6 * HOUR),
    chihiroLater: at(5 * DAY),
  };
  await db
    .insertInto('stocks')
    .values([
      {
        id: stock.chihiroPast,
        offer_id: offer.chihiro,
        begins_at: begins.chihiroPast,
        price: 500,
        quantity: 80,
        booked: 1,
        booking_limit: null,
      },
      {
        id: stock.chihiroTonight,
        offer_id: offer.chihiro,
        begins_at: begins.chihiroTonight,
        price: 500,
        quantity: 80,
        booked: 2,
        booking_limit: null,
      },
      {
        id: stock.chihiroLater,
        offer_id: offer.chihiro,
        begins_at: begins.chihiroLater,
        price: 500,
        quantity: 80,
        booked: 1,
        booking_limit: null,
      },
      {
        id: stock.courts,
        offer_id: offer.courts,
        begins_at: at(10 * DAY),
        price: 1200,
        quantity: 120,
        booking_limit: at(9 * DAY),
      },
      {
        id: stock.festival,
        offer_id: offer.festival,
        begins_at: at(3 * DAY),
        price: 1500,
        quantity: 40,
        booking_limit: null,
      },
      {
        id: stock.pleinAir,
        offer_id: offer.pleinAir,
        begins_at: at(20 * DAY),
        price: 0,
        quantity: 300,
        booking_limit: null,
      },
    ])
    .execute();

  const people = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await db
    .insertInto('beneficiaries')
    .values([
      {
        id: people[0]!,
        structure_id: ids.network,
        first_name: 'Inès',
        last_name: 'MOREAU',
        email: 'ines.moreau@example.fr',
      },
      {
        id: people[1]!,
        structure_id: ids.network,
        first_name: 'Yanis',
        last_name: 'BERNARD',
        email: 'yanis.bernard@example.fr',
      },
      {
        id: people[2]!,
        structure_id: ids.network,
        first_name: 'Chloé',
        last_name: 'PETIT',
        email: 'chloe.petit@example.fr',
      },
      {
        id: people[3]!,
        structure_id: ids.network,
        first_name: 'Lucas',
        last_name: 'ROUX',
        email: 'lucas.roux@example.fr',
      },
    ])
    .execute();

  const booking = (
    token: string,
    person: string,
    stockId: string,
    eventAt: Date,
    bookedAt: Date,
    quantity: number,
    status: 'confirmed' | 'used' | 'cancelled',
  ) => ({
    id: randomUUID(),
    token,
    stock_id: stockId,
    offer_id: offer.chihiro,
    venue_id: ids.venues.ursulines,
    beneficiary_id: person,
    quantity,
    unit_price: 500,
    amount: 500 * quantity,
    status,
    created_at: bookedAt,
    cancellation_limit: cancellationLimit(bookedAt, eventAt),
    used_at: status === 'used' ? eventAt : null,
    cancelled_at: status === 'cancelled' ? new Date(bookedAt.getTime() + HOUR) : null,
    cancelled_by: status === 'cancelled' ? ('beneficiary' as const) : null,
    reimbursed_at: null,
    reimbursed_amount: null,
    statement_id: null,
  });
  const c = DEMO_COUNTERMARKS;
  await db
    .insertInto('countermark_bookings')
    .values([
      booking(
        c.validatable,
        people[0]!,
        stock.chihiroTonight,
        begins.chihiroTonight,
        at(-3 * DAY),
        2,
        'confirmed',
      ),
      booking(c.tooEarly, people[1]!, stock.chihiroLater, begins.chihiroLater, at(-HOUR), 1, 'confirmed'),
      booking(c.used, people[2]!, stock.chihiroPast, begins.chihiroPast, at(-5 * DAY), 1, 'used'),
      booking(c.cancelled, people[3]!, stock.chihiroLater, begins.chihiroLater, at(-4 * DAY), 1, 'cancelled'),
    ])
    .execute();
}
