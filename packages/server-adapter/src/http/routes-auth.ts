import * as auth from '../services/auth.js';
import type { Handlers } from './handlers.js';

export const authHandlers: Handlers = {
  async login(ctx, { body }, reply) {
    const { session, token } = await auth.login(ctx, body);
    // Cookie for same-site pages; the bearer token is handed out only when asked for.
    if (body.mode === 'token') return { ...session, token };
    reply.setSession(token);
    return session;
  },
  async logout(ctx, _input, reply) {
    await auth.logout(ctx);
    reply.clearSession();
    return undefined;
  },
  session: async (ctx) =>
    auth.sessionView(
      ctx.db,
      auth.requireUser(ctx).userId,
      ctx.principal!.structureId,
      ctx.principal!.household,
    ),
  switchStructure: (ctx, { body }) => auth.switchStructure(ctx, body.structureId),
  async requestPasswordReset(ctx, { body }) {
    await auth.requestPasswordReset(ctx, body);
    return undefined;
  },
  async resetPassword(ctx, { body }) {
    await auth.resetPassword(ctx, body);
    return undefined;
  },
  profile: (ctx) => auth.profile(ctx),
  updateProfile: (ctx, { body }) => auth.updateProfile(ctx, body),
  async changePassword(ctx, { body }) {
    await auth.changePassword(ctx, body);
    return undefined;
  },
  createApiKey: (ctx, { body }) => auth.createApiKey(ctx, body),
};
