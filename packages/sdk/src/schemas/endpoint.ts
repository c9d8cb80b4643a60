import type * as z from 'zod/mini';
import type { RoleSchema } from './account.js';

/** One endpoint of `/api/v1`: method, path, who may call it, and its inputs and answer as zod schemas. */
export interface Endpoint<
  P extends z.ZodMiniType = z.ZodMiniType,
  Q extends z.ZodMiniType = z.ZodMiniType,
  B extends z.ZodMiniType = z.ZodMiniType,
  R extends z.ZodMiniType = z.ZodMiniType,
> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under `/api/v1`, parameters in braces: `/accounts/{accountId}`. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it; `public` needs no session. */
  roles: readonly (z.infer<typeof RoleSchema> | 'public' | 'any')[];
  params?: P;
  query?: Q;
  body?: B;
  /** The 2xx answer; absent for 204. */
  response?: R;
  /** Accepts `Idempotency-Key`: a replay returns the first answer and changes nothing. */
  idempotent?: boolean;
}

/** Declares an endpoint, keeping its schema types. */
export const endpoint = <
  P extends z.ZodMiniType,
  Q extends z.ZodMiniType,
  B extends z.ZodMiniType,
  R extends z.ZodMiniType,
>(
  e: Endpoint<P, Q, B, R>,
) => e;
