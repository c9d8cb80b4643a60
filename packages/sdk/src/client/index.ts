/**
 * The HTTP client of a Guichet server: typed by the contract, answers validated by its schemas.
 * @module client
 */
export * from './client.js';
export * from './errors.js';
