import { CountermarkChecker } from './countermark-checker.js';

export {
  CountermarkChecker,
  checkToken,
  GuichetCountermarkCancelledEvent,
  GuichetCountermarkCheckedEvent,
  GuichetCountermarkKeptEvent,
  GuichetCountermarkRefusedEvent,
  GuichetCountermarkValidatedEvent,
  type TokenCheck,
} from './countermark-checker.js';

CountermarkChecker.define('countermark-checker');

declare global {
  interface HTMLElementTagNameMap {
    'countermark-checker': CountermarkChecker;
  }
}
