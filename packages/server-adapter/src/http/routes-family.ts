import type { Api } from '@guichet/sdk/schemas';
import * as booking from '../services/booking.js';
import type { Ctx } from '../services/context.js';
import * as family from '../services/family.js';
import type { Handlers, Input } from './handlers.js';

export const familyHandlers: Handlers = {
  account: (ctx, { params }) => family.accountView(ctx, params.accountId),
  calendar: (ctx, { params, query }) =>
    family.monthCalendar(ctx, params.accountId, params.memberId, query.month, query.activityId),
  book: Object.assign(
    (ctx: Ctx, { params, body }: Input<Api['book']>) =>
      booking.book(ctx, params.accountId, body, ctx.prepared as booking.BookingReads | undefined),
    // The account, members, activities and structure name, read before the transaction.
    {
      prepare: (ctx: Ctx, { params, body }: Input<Api['book']>) =>
        booking.bookingReads(ctx, params.accountId, body.changes),
    },
  ),
  reservations: (ctx, { params, query }) => family.reservationsPage(ctx, params.accountId, query),
  wallets: (ctx, { params, query }) => family.walletsView(ctx, params.accountId, query.until),
  history: (ctx, { params, query }) => family.historyView(ctx, params.accountId, query.month),
};
