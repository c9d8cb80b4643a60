/**
 * The domain of Guichet as zod schemas: the single source of every type and of the HTTP contract.
 * @module schemas
 */
export * from './account.js';
export * from './activity.js';
export * from './api.js';
export * from './api-countermarks.js';
export * from './api-payments.js';
export * from './api-vouchers.js';
export * from './booking.js';
export * from './calendar.js';
export * from './common.js';
export * from './countermark.js';
export * from './endpoint.js';
export * from './problem.js';
export * from './reservation.js';
export * from './structure.js';
export * from './voucher.js';
export * from './wallet.js';
