/**
 * How big the reliability scenarios are. `npm test` runs the short version (the default);
 * `npm run test:reliability` sets `RELIABILITY_SCALE=full` and runs the figures the issue asks for.
 */
export const FULL = process.env.RELIABILITY_SCALE === 'full';

export const SCALE = FULL
  ? {
      families: 500,
      rounds: 20,
      voucherDebits: 200,
      voucherPlaces: 50,
      kills: 5,
      hostileRequests: 20_000,
      pgliteWrites: 400,
    }
  : {
      families: 100,
      rounds: 2,
      voucherDebits: 50,
      voucherPlaces: 20,
      kills: 2,
      hostileRequests: 2_000,
      pgliteWrites: 40,
    };
