/**
 * Pure rules of the domain: functions of data and a clock, no I/O.
 * The server applies them to decide; widgets apply them to preview.
 * @module rules
 */

export * from './booking.js';
export * from './countermark.js';
export * from './dates.js';
export * from './day-state.js';
export * from './history.js';
export * from './money.js';
export * from './voucher.js';
export * from './waitlist.js';
export * from './wallet.js';
