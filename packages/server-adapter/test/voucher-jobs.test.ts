import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { mailExpiringPlaces } from '../src/jobs/vouchers.js';
import { freshStore } from './harness.js';

describe('places expiring within 30 days', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  const now = new Date('2026-11-21T08:00:00Z');
  beforeAll(async () => {
    store = await freshStore();
    await seedDemo(store.db, now);
  });
  afterAll(() => store.dispose());

  it('tells the holder once per lot, whatever the number of runs', async () => {
    // The demo's older lot was loaded 345 days ago: it expires within 30 days.
    expect(await mailExpiringPlaces(store.db, now)).toBe(1);
    expect(await mailExpiringPlaces(store.db, new Date(now.getTime() + 86_400_000))).toBe(0);
    const mails = await store.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('kind', '=', 'places_expiring')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('clsh.paulbert@example.fr');
    expect(mails[0]!.text_body).toMatch(/places? valables?/);
  });
});
