/**
 * Pure rules of the domain: functions of data and a clock, no I/O.
 * The server applies them to decide; widgets apply them to preview.
 * @module rules
 */
export {};
