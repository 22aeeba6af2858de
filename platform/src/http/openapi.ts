import type { JsonSchema, RouteDef } from './route-definition';
import { CSRF_HEADER, SESSION_COOKIE } from './mount-routes';

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['pointer', 'message'], properties: { pointer: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(route: RouteDef): unknown[] {
  const out: unknown[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    const props = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema?.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: s, ...(s.description ? { description: s.description } : {}) });
    }
  }
  return out;
}

/**
 * The OpenAPI 3.1 document, generated from the very route definitions that
 * validate requests. Error responses every route can give are added here once.
 */
export function buildOpenApi(routes: RouteDef[], info: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = { description: spec.description, ...(spec.schema ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema } } } : {}) };
    }
    const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
    if (route.params || route.query || route.body) responses['422'] ??= problem('Validation failed');
    if (route.auth !== 'public') {
      responses['401'] ??= problem('Not logged in');
      responses['403'] ??= problem('Not allowed, or missing CSRF token');
    }
    responses['500'] ??= problem('Unexpected error');
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      parameters: parameters(route),
      responses,
      security: route.auth === 'public' ? [] : [{ session: [], csrf: [] }],
    };
    if (route.body) operation.requestBody = { required: !route.bodyOptional, content: { 'application/json': { schema: route.body } } };
    if (route.rawBody) operation.requestBody = { required: true, description: `At most ${route.rawBody.maxBytes} bytes.`, content: Object.fromEntries(route.rawBody.contentTypes.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])) };
    (paths[toOpenApiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/session' },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: 'Required on mutations; from the login response or GET /api/me' },
      },
    },
  };
}
