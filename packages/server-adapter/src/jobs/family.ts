import { chargeDue, refuseExpiredWaiting } from '../services/booking.js';
import type { Job } from './scheduler.js';

/** Family bookings: charging each day's reservations, refusing waiting entries past their deadline. */
export function familyJobs(): Job[] {
  return [
    {
      name: 'charge-reservations',
      everyMs: 10 * 60_000,
      async run(db, now) {
        const charged = await chargeDue(db, now);
        return charged ? `${charged} reservation(s) charged` : undefined;
      },
    },
    {
      name: 'refuse-expired-waiting',
      everyMs: 60_000,
      async run(db, now) {
        const refused = await refuseExpiredWaiting(db, now);
        return refused ? `${refused} waiting entr(y/ies) refused at the deadline` : undefined;
      },
    },
  ];
}
