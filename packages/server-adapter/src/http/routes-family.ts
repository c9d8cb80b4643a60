import * as booking from '../services/booking.js';
import * as family from '../services/family.js';
import type { Handlers } from './handlers.js';

export const familyHandlers: Handlers = {
  account: (ctx, { params }) => family.accountView(ctx, params.accountId),
  calendar: (ctx, { params, query }) =>
    family.monthCalendar(ctx, params.accountId, params.memberId, query.month, query.activityId),
  book: (ctx, { params, body }) => booking.book(ctx, params.accountId, body),
  reservations: (ctx, { params, query }) => family.reservationsPage(ctx, params.accountId, query),
  wallets: (ctx, { params, query }) => family.walletsView(ctx, params.accountId, query.until),
  history: (ctx, { params, query }) => family.historyView(ctx, params.accountId, query.month),
};
