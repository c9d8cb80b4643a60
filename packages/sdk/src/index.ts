/**
 * `@guichet/sdk`: the schemas of the domain, the pure rules that decide it, and the HTTP client.
 * @packageDocumentation
 */
export * from './client/index.js';
export * from './rules/index.js';
export * from './schemas/index.js';
