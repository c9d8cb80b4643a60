import * as admin from '../services/admin.js';
import type { Handlers } from './handlers.js';

/** Staff of a structure: activities, slots, accounts and members, desk payments, notices. */
export const adminHandlers: Handlers = {
  adminActivities: (ctx) => admin.listActivities(ctx),
  createActivity: (ctx, { body }) => admin.createActivity(ctx, body),
  updateActivity: (ctx, { params, body }) => admin.updateActivity(ctx, params.id, body),
  createSlots: (ctx, { body }) => admin.createSlots(ctx, body),
  adminSlots: (ctx, { query }) => admin.listSlots(ctx, query),
  adminAccounts: (ctx, { query }) => admin.listAccounts(ctx, query),
  createAccount: (ctx, { body }) => admin.createAccount(ctx, body),
  createMember: (ctx, { params, body }) => admin.createMember(ctx, params.accountId, body),
  recordPayment: (ctx, { body }) => admin.recordPayment(ctx, body),
  createNotice: (ctx, { body }) => admin.createNotice(ctx, body),
};
