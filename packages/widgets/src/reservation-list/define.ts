import { ReservationList } from './reservation-list.js';

export { ReservationList };

ReservationList.define('reservation-list');

declare global {
  interface HTMLElementTagNameMap {
    'reservation-list': ReservationList;
  }
}
