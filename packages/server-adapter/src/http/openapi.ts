import { api, type Endpoint, ProblemSchema } from '@guichet/sdk/schemas';
import * as z from 'zod/mini';

const json = (schema: z.ZodMiniType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

/** The OpenAPI 3.1 document of `/api/v1`, generated from the sdk's contract. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, e] of Object.entries(api) as [string, Endpoint][]) {
    const parameters = [
      ...fields(e.params).map(([n, s]) => ({ name: n, in: 'path', required: true, schema: s })),
      ...fields(e.query).map(([n, s, required]) => ({ name: n, in: 'query', required, schema: s })),
      ...(e.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', maxLength: 200 },
            },
          ]
        : []),
    ];
    const operation = {
      operationId: name,
      summary: e.summary,
      tags: [e.tag],
      'x-roles': e.roles,
      ...(parameters.length ? { parameters } : {}),
      ...(e.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: json(e.body) } } } }
        : {}),
      responses: {
        ...(e.response
          ? { '200': { description: 'OK', content: { 'application/json': { schema: json(e.response) } } } }
          : { '204': { description: 'Done' } }),
        default: {
          description: 'A problem (RFC 9457) with a stable `code` and French and English messages',
          content: { 'application/problem+json': { schema: json(ProblemSchema) } },
        },
      },
    };
    paths[e.path] ??= {};
    paths[e.path]![e.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Guichet API', version: '1' },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'guichet_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}

function fields(schema: z.ZodMiniType | undefined): [string, unknown, boolean][] {
  if (!schema) return [];
  const shape = (schema as unknown as { _zod: { def: { shape: Record<string, z.ZodMiniType> } } })._zod.def
    .shape;
  return Object.entries(shape).map(([name, s]) => [
    name,
    json(s),
    (s as unknown as { _zod: { optin?: string } })._zod.optin !== 'optional',
  ]);
}
