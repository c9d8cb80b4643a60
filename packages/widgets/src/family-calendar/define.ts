import { FamilyCalendar } from './family-calendar.js';

export {
  FamilyCalendar,
  type FamilyCalendarClient,
  GuichetBasketChangeEvent,
  GuichetBookingSubmittedEvent,
  GuichetCalendarChangeEvent,
} from './family-calendar.js';

FamilyCalendar.define('family-calendar');

declare global {
  interface HTMLElementTagNameMap {
    'family-calendar': FamilyCalendar;
  }
}
