import { ScreeningRequestElement } from './screening-request.js';

export {
  GuichetScreeningDecidedEvent,
  GuichetScreeningRequestedEvent,
  ScreeningRequestElement,
  type ScreeningVenue,
} from './screening-request.js';

ScreeningRequestElement.define('screening-request');

declare global {
  interface HTMLElementTagNameMap {
    'screening-request': ScreeningRequestElement;
  }
}
