import type { Api } from '@guichet/sdk/schemas';
import type { Ctx } from '../services/context.js';
import * as vouchers from '../services/vouchers.js';
import type { Handlers, Input, KeyClaim } from './handlers.js';

/** Cartoonettes: the centre's page and orders, the desk's look-ups and debits, staff, group screenings. */
export const voucherHandlers: Handlers = {
  accountVoucher: (ctx, { params }) => vouchers.voucherDetail(ctx, params.accountId),
  orderVoucherPlaces: (ctx, { params, body }) => vouchers.orderPlaces(ctx, params.accountId, body),
  requestScreening: (ctx, { params, body }) => vouchers.requestScreening(ctx, params.accountId, body),
  accountScreenings: (ctx, { params }) => vouchers.accountScreenings(ctx, params.accountId),
  deskVoucherLookup: (ctx, { body }) => vouchers.deskLookup(ctx, body),
  deskVoucherDebit: Object.assign(
    (ctx: Ctx, { body }: Input<Api['deskVoucherDebit']>) =>
      vouchers.deskDebit(ctx, body, ctx.prepared as vouchers.DeskDebitReads | undefined),
    {
      // The venue and the signature, checked before the transaction.
      prepare: (ctx: Ctx, { body }: Input<Api['deskVoucherDebit']>) => vouchers.deskDebitReads(ctx, body),
      // One statement when the voucher is not being debited elsewhere at that moment.
      attempt: (ctx: Ctx, { body }: Input<Api['deskVoucherDebit']>, claim: KeyClaim | undefined) =>
        vouchers.deskDebitAtOnce(ctx, body, claim),
    },
  ),
  deskGroups: (ctx, { params, query }) => vouchers.deskGroups(ctx, params.venueId, query.date),
  screeningRequests: (ctx, { query }) => vouchers.staffScreenings(ctx, query),
  decideScreening: (ctx, { params, body }) => vouchers.decideScreening(ctx, params.id, body),
  adminVoucherOrders: (ctx, { query }) => vouchers.listOrders(ctx, query),
  markVoucherOrderPaid: (ctx, { params, body }) =>
    vouchers.markOrderPaid(ctx, params.id, body.paymentReference),
  adminVouchers: (ctx, { query }) => vouchers.listVouchers(ctx, query),
  setVoucherStatus: (ctx, { params, body }) => vouchers.setVoucherStatus(ctx, params.id, body.status),
  reverseVoucherDebit: (ctx, { params, body }) => vouchers.reverseDebit(ctx, params.id, body.reason),
};
