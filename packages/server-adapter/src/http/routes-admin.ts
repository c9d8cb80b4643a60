import type { Handlers } from './handlers.js';

export const adminHandlers: Handlers = {};
