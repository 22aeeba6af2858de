import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';
import { idParams } from '../schemas';
import { NotFoundError } from '../../errors/problem-error';

const procedureSchema: JsonSchema = {
  type: 'object',
  required: ['key', 'name', 'version'],
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'integer' },
    legalBasis: { type: ['string', 'null'] },
    startForm: { type: ['object', 'null'], properties: { formKey: { type: 'string' }, formVersion: { type: 'integer' } } },
  },
};

/**
 * Procedures and starting cases. The case and task API proper (search,
 * detail with masking, inbox, claim/complete) builds on these in issue 6.
 */
export function caseRoutes(deps: Pick<AppDeps, 'engine' | 'definitions'>): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/procedures',
      operationId: 'listProcedures',
      summary: "The county's published procedures, latest versions, with their start forms",
      tags: ['cases'],
      auth: 'session',
      responses: { 200: { description: 'Procedures', schema: { type: 'array', items: procedureSchema } } },
      async handler({ principal, em }) {
        const rows = await em.execute<{ id: string }[]>(
          "select distinct on (process_key) id from definition_version where tenant_id = ? and status = 'published' order by process_key, version desc",
          [principal!.tenantId],
        );
        const out = [];
        for (const { id } of rows) {
          const loaded = await deps.definitions.byId(em, principal!.tenantId, id);
          const start = loaded.process.noneStartId ? loaded.process.elements.get(loaded.process.noneStartId) : undefined;
          out.push({
            key: loaded.process.key,
            name: loaded.version.name,
            version: loaded.version.version,
            legalBasis: loaded.version.legalBasis ?? null,
            startForm: start?.startForm ?? null,
          });
        }
        return { body: out };
      },
    }),
    defineRoute<Record<string, never>, Record<string, never>, { procedure: string; variables: Record<string, unknown>; idempotencyKey?: string }>({
      method: 'post',
      path: '/api/cases',
      operationId: 'startCase',
      summary: 'Start a case of a procedure; the variables are validated against its start form. A repeated idempotency key returns the first case.',
      tags: ['cases'],
      auth: 'session',
      body: {
        type: 'object',
        required: ['procedure', 'variables'],
        additionalProperties: false,
        properties: {
          procedure: { type: 'string', minLength: 1, maxLength: 100 },
          variables: { type: 'object' },
          idempotencyKey: { type: 'string', minLength: 8, maxLength: 200 },
        },
      },
      responses: {
        201: { description: 'Started', schema: { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', format: 'uuid' } } } },
        200: { description: 'Already started with this idempotency key', schema: { type: 'object', properties: { caseId: { type: 'string' } } } },
        404: { description: 'No such procedure' },
      },
      async handler({ principal, em, body, koa }) {
        const idempotencyKey = body.idempotencyKey ?? (koa.get('Idempotency-Key') || undefined);
        const { caseId, created } = await deps.engine.startCase(em, {
          tenantId: principal!.tenantId,
          processKey: body.procedure,
          variables: body.variables,
          actor: { id: principal!.userId, label: principal!.login },
          ...(idempotencyKey ? { idempotencyKey: `${principal!.userId}:${idempotencyKey}` } : {}),
        });
        return { status: created ? 201 : 200, body: { caseId }, headers: { Location: `/api/cases/${caseId}` } };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'get',
      path: '/api/cases/:id',
      operationId: 'getCaseStatus',
      summary: 'The status of a case (the full case view with masked variables comes with the case API)',
      tags: ['cases'],
      auth: 'session',
      params: idParams,
      responses: { 200: { description: 'Case status', schema: { type: 'object' } }, 404: { description: 'No such case in this county' } },
      async handler({ principal, em, params }) {
        const [row] = await em.execute<{ id: string; process_key: string; status: string; started_at: string; ended_at: string | null }[]>(
          'select id, process_key, status, started_at, ended_at from case_instance where id = ? and tenant_id = ?',
          [params.id, principal!.tenantId],
        );
        if (!row) throw new NotFoundError(`No case ${params.id}.`);
        return { body: { id: row.id, procedure: row.process_key, status: row.status, startedAt: new Date(row.started_at).toISOString(), endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null } };
      },
    }),
  ];
}
