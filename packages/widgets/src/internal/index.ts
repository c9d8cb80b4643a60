export {
  type ClientHost,
  connectGuichet,
  errorMessage,
  type GuichetClient,
  GuichetClientController,
  type GuichetContextValue,
  GuichetSessionExpiredEvent,
  guichetContext,
  isUnauthorized,
  type LoadStatus,
  type SessionMode,
  sessionAccountId,
  sessionModeFor,
  storeToken,
  tokenKey,
} from './context.js';
export { formatDate, formatInstantDate, formatMonth } from './format.js';
export { GuichetElement, GuichetEvent, resolveLang } from './guichet-element.js';
export { type Catalogue, strings } from './localize.js';
export { errorState, loadingState, quietState } from './states.js';
export { baseStyles } from './styles.js';
