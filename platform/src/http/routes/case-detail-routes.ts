import type { AppDeps } from '../app-deps';
import { caseDetailSchema, timelineLineSchema } from '../case-schemas';
import { defineRoute, type RouteDef } from '../route-definition';
import { idParams } from '../schemas';

/**
 * The case page: detail with masked variables, the readable timeline, and
 * the audited reveal of personal data. Every route answers 404 for a case
 * of another tenant or outside the user's departments.
 */
export function caseDetailRoutes(deps: Pick<AppDeps, 'cases'>): RouteDef[] {
  return [
    defineRoute<{ id: string }>({
      method: 'get',
      path: '/api/cases/:id',
      operationId: 'getCase',
      summary: 'A case: procedure, status, variables (personal data masked), tasks with deadlines and whether each was met, linked cases, offline deliveries, evidence',
      tags: ['cases'],
      auth: 'session',
      params: idParams,
      responses: { 200: { description: 'The case', schema: caseDetailSchema }, 404: { description: 'No such case among yours' } },
      async handler({ principal, em, params }) {
        const detail = await deps.cases.detail(em, principal!, params.id);
        return { body: detail, headers: { ETag: `"c${detail.version}"` } };
      },
    }),
    defineRoute<{ id: string }, { detail?: 'summary' | 'full'; locale?: 'zh-CN' | 'en' }>({
      method: 'get',
      path: '/api/cases/:id/timeline',
      operationId: 'getCaseTimeline',
      summary: 'Everything that happened to a case as readable lines, each with the article its step implements',
      tags: ['cases'],
      auth: 'session',
      params: idParams,
      query: { type: 'object', additionalProperties: false, properties: { detail: { enum: ['summary', 'full'] }, locale: { enum: ['zh-CN', 'en'] } } },
      responses: { 200: { description: 'Timeline, oldest first', schema: { type: 'array', items: timelineLineSchema } }, 404: { description: 'No such case among yours' } },
      async handler({ principal, em, params, query }) {
        return { body: await deps.cases.timeline(em, principal!, params.id, query) };
      },
    }),
    defineRoute<{ id: string }, Record<string, never>, { reason: string }>({
      method: 'post',
      path: '/api/cases/:id/reveal',
      operationId: 'revealPersonalData',
      summary: "See a case's personal data in full, with a reason; allowed to the roles the pack names, and audited",
      tags: ['cases'],
      auth: 'session',
      params: idParams,
      body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 4, maxLength: 500 } } },
      responses: {
        200: { description: 'The unmasked variables', schema: { type: 'object', required: ['variables', 'revealedFields'], properties: { variables: { type: 'object' }, revealedFields: { type: 'array', items: { type: 'string' } } } } },
        403: { description: 'Your roles may not see personal data' },
        404: { description: 'No such case among yours' },
      },
      async handler({ principal, em, params, body }) {
        return { body: await deps.cases.reveal(em, principal!, params.id, body.reason.trim()) };
      },
    }),
  ];
}
