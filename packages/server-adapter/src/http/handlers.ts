import type { Api, Endpoint, EndpointName } from '@guichet/sdk/schemas';
import type * as z from 'zod/mini';
import type { Ctx } from '../services/context.js';

type Infer<S> = NonNullable<S> extends z.ZodMiniType ? z.infer<NonNullable<S>> : undefined;

/** What a handler receives, typed by its endpoint in the sdk's contract. */
export interface Input<E extends Endpoint> {
  params: Infer<E['params']>;
  query: Infer<E['query']>;
  body: Infer<E['body']>;
}

/** Cookie duties a handler may ask of the HTTP layer (login and logout). */
export interface Reply {
  setSession(token: string): void;
  clearSession(): void;
}

export type Handler<E extends Endpoint> = {
  (
    ctx: Ctx,
    input: Input<E>,
    reply: Reply,
  ): Promise<
    NonNullable<E['response']> extends z.ZodMiniType ? z.input<NonNullable<E['response']>> : undefined
  >;
  /**
   * Reads a write endpoint makes before its transaction opens, on the store itself: what the
   * transaction's locks do not protect, so that they hold no connection and no lock meanwhile
   * (on PGlite the transaction has the only connection). Its result reaches the handler as
   * `ctx.prepared`. It must not write, and the handler must work without it (`ctx.prepared`
   * is absent outside HTTP).
   */
  prepare?: (ctx: Ctx, input: Input<E>) => Promise<unknown>;
};

/** Handlers of some endpoints of the contract, by endpoint name. */
export type Handlers = { [K in EndpointName]?: Handler<Api[K]> };
