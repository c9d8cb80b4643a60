import * as z from 'zod/mini';

/**
 * An error answer (`application/problem+json`, RFC 9457) with Guichet's stable `code`
 * and a human message in French and English. Code branches on `code`; people read `messages`.
 */
export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int().check(z.gte(400), z.lte(599)),
  code: z.string(),
  detail: z.optional(z.string()),
  messages: z.object({ fr: z.string(), en: z.string() }),
  instance: z.optional(z.string()),
  requestId: z.optional(z.string()),
  /** Field errors of a `validation_failed` answer. */
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});
export type Problem = z.infer<typeof ProblemSchema>;
