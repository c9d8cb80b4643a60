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
  /**
   * The write in one statement on the store, outside any transaction, when nothing stands in its
   * way: it claims the Idempotency-Key (`claim`, when the request has one) with the answer in
   * that same statement, and returns the answer's JSON. It returns undefined, having written
   * nothing, whenever the handler should decide instead (a refusal, a key already taken, data
   * changed since it was read): the handler then runs in its transaction as usual. After
   * `prepare`, whose result it gets as `ctx.prepared`.
   */
  attempt?: (ctx: Ctx, input: Input<E>, claim: KeyClaim | undefined) => Promise<string | undefined>;
};

/** The Idempotency-Key a write claims, with its scope and the hash of its request. */
export interface KeyClaim {
  scope: string;
  key: string;
  hash: string;
}

/** Handlers of some endpoints of the contract, by endpoint name. */
export type Handlers = { [K in EndpointName]?: Handler<Api[K]> };
