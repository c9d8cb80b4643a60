import type { RecapStrings } from './recap.strings.js';

/** The English strings of `<family-calendar>`'s recap and outcomes, loaded when it speaks English. */
export const en: RecapStrings = {
  recapTitle: 'Summary of your requests',
  recapAdditions: 'New bookings',
  recapCancellations: 'Cancellations',
  noAdditions: 'No new bookings.',
  noCancellations: 'No cancellations.',
  col: {
    date: 'Date',
    child: 'Child',
    activity: 'Activity',
    arrival: 'Arrival',
    departure: 'Departure',
    unitPrice: 'Price',
    quantity: 'Qty',
    total: 'Total',
    result: 'Result',
  },
  totalAdditions: 'Total of bookings',
  totalCancellations: 'Total of cancellations',
  net: 'Net of your requests',
  outcomesTitle: 'Result of your requests',
  outcome: {
    accepted: 'Booking accepted',
    cancelled: 'Booking cancelled',
    waitlisted: (position) =>
      position === undefined ? 'Put on the waiting list' : `Put on the waiting list, position ${position}`,
    refused: (reason) => `Refused: ${reason}`,
  },
  reason: {
    closed: 'this day is not open for booking',
    deadline_passed: 'the deadline for changes has passed',
    full: 'the activity and its waiting list are full',
    not_eligible: 'the child is not of the required age for this activity',
    same_day_conflict: 'another activity is already booked that day',
    account_in_debit: 'the account is in debit',
    already_booked: 'this day is already booked',
    not_booked: 'there is no booking to cancel',
  },
  outcomesSummary: (c, list) => {
    const parts = [
      c.accepted && `${c.accepted} accepted`,
      c.cancelled && `${c.cancelled} cancelled`,
      c.waitlisted && `${c.waitlisted} on the waiting list`,
      c.refused && `${c.refused} refused`,
    ].filter((p): p is string => typeof p === 'string');
    return `Requests processed: ${list(parts)}.`;
  },
  backToCalendar: 'Back to the calendar',
};
