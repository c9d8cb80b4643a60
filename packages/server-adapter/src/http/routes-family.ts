import type { Handlers } from './handlers.js';

export const familyHandlers: Handlers = {};
