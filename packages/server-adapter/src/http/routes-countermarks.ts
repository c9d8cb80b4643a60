import * as countermarks from '../services/countermarks.js';
import * as offers from '../services/offers.js';
import { importShowtimes } from '../services/showtimes.js';
import type { Handlers } from './handlers.js';

/** Venues, offers and sessions, beneficiary bookings, the desk's countermarks, reimbursement statements. */
export const countermarkHandlers: Handlers = {
  venues: (ctx) => offers.listVenues(ctx),
  createVenue: (ctx, { body }) => offers.createVenue(ctx, body),
  updateVenue: (ctx, { params, body }) => offers.updateVenue(ctx, params.id, body),
  offers: (ctx, { query }) => offers.listOffers(ctx, query),
  createOffer: (ctx, { body }) => offers.createOffer(ctx, body),
  updateOffer: (ctx, { params, body }) => offers.updateOffer(ctx, params.id, body),
  offerStocks: (ctx, { params }) => offers.listStocks(ctx, params.id),
  createStock: (ctx, { params, body }) => offers.createStock(ctx, params.id, body),
  updateStock: (ctx, { params, body }) => offers.updateStock(ctx, params.id, body),
  importShowtimes: (ctx, { body }) =>
    importShowtimes(
      ctx.db,
      { structureId: offers.adminNetwork(ctx), defaultVenueId: body.venueId },
      body.format,
      body.content,
    ),
  bookCountermark: (ctx, { body }) => countermarks.bookCountermark(ctx, body),
  countermarkBookings: (ctx, { query }) => countermarks.listBookings(ctx, query),
  countermarkBooking: (ctx, { params }) => countermarks.getBooking(ctx, params.id),
  cancelCountermarkBooking: (ctx, { params, body }) => countermarks.cancelBooking(ctx, params.id, body.by),
  deskCountermark: (ctx, { params, query }) =>
    countermarks.deskAction(ctx, 'check', params.token, query.venueId),
  deskUseCountermark: (ctx, { params, query }) =>
    countermarks.deskAction(ctx, 'use', params.token, query.venueId),
  deskKeepCountermark: (ctx, { params, query }) =>
    countermarks.deskAction(ctx, 'keep', params.token, query.venueId),
  deskCancelCountermark: (ctx, { params, query }) =>
    countermarks.deskAction(ctx, 'cancel', params.token, query.venueId),
  reimbursementStatements: (ctx, { query }) => countermarks.listStatements(ctx, query),
};
