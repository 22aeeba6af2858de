import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';
import { caseScope } from '../../domain/case/case-access';
import { CASE_STATUSES } from '../../domain/case/case-instance.entity';
import { searchCases, type CaseFilters } from '../../domain/case/case-search';
import { ForbiddenError, ValidationError } from '../../errors/problem-error';
import { ProcedureNotEffectiveError } from '../../engine/definitions/effective-version';
import { caseListItemSchema, pageOf, pagingQuery } from '../case-schemas';
import type { Principal } from '../../domain/auth/principal';

/** The search query as sent: CaseFilters with the department under its short name. */
type CaseListQuery = Omit<CaseFilters, 'departmentId'> & { department?: string };

/**
 * The department a new case is started for: the one named, which must be
 * the starter's, or the starter's only working department.
 * @throws ValidationError when none or several could be meant; ForbiddenError for users without a working role.
 */
function startingDepartment(principal: Principal, named: string | undefined): string {
  const working = [...new Set(principal.memberships.filter((m) => m.role !== 'admin').map((m) => m.departmentId))];
  if (working.length === 0) throw new ForbiddenError('Starting a case needs a staff, liaison or leader role in some department.');
  if (named) {
    if (!working.includes(named)) throw new ValidationError('You can only start cases for your own departments.', [{ pointer: '/body/department', message: 'is not one of your departments' }]);
    return named;
  }
  if (working.length > 1) throw new ValidationError('You work for several departments: say which one starts the case.', [{ pointer: '/body/department', message: 'is required' }]);
  return working[0]!;
}

const procedureSchema: JsonSchema = {
  type: 'object',
  required: ['key', 'name', 'version'],
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'integer' },
    legalBasis: { type: ['string', 'null'] },
    startForm: { type: ['object', 'null'], properties: { formKey: { type: 'string' }, formVersion: { type: 'integer' } } },
    inEffect: { type: 'boolean', description: 'Whether a case can be started today (false after the sunset, until an extension or a successor)' },
  },
};

/** Procedures, starting cases, and searching them; the case page itself is in case-detail-routes.ts. */
export function caseRoutes(deps: Pick<AppDeps, 'engine' | 'definitions' | 'catalogs' | 'clock'>): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/procedures',
      operationId: 'listProcedures',
      summary: "The county's procedures in the version a case started now would take, with their start forms and whether they are in effect",
      tags: ['cases'],
      auth: 'session',
      responses: { 200: { description: 'Procedures', schema: { type: 'array', items: procedureSchema } } },
      async handler({ principal, em }) {
        const rows = await em.execute<{ id: string }[]>(
          "select distinct on (process_key) id from definition_version where tenant_id = ? and status = 'published' order by process_key, version desc",
          [principal!.tenantId],
        );
        const out = [];
        for (const { id: latestId } of rows) {
          // The version a case started now would take; the newest one (flagged) when none is in effect.
          let loaded = await deps.definitions.byId(em, principal!.tenantId, latestId);
          let inEffect = true;
          try {
            loaded = await deps.definitions.effective(em, principal!.tenantId, loaded.process.key);
          } catch (err) {
            if (!(err instanceof ProcedureNotEffectiveError)) throw err;
            inEffect = false;
          }
          const start = loaded.process.noneStartId ? loaded.process.elements.get(loaded.process.noneStartId) : undefined;
          out.push({
            key: loaded.process.key,
            name: loaded.version.name,
            version: loaded.version.version,
            legalBasis: loaded.version.legalBasis ?? null,
            startForm: start?.startForm ?? null,
            inEffect,
          });
        }
        return { body: out };
      },
    }),
    defineRoute<Record<string, never>, Record<string, never>, { procedure: string; variables: Record<string, unknown>; idempotencyKey?: string; department?: string }>({
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
          department: { type: 'string', format: 'uuid', description: 'The department the case is started for; required when you work for several.' },
        },
      },
      responses: {
        201: { description: 'Started', schema: { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', format: 'uuid' } } } },
        200: { description: 'Already started with this idempotency key', schema: { type: 'object', properties: { caseId: { type: 'string' } } } },
        404: { description: 'No such procedure' },
        409: { description: 'No version of the procedure is in effect today (after its sunset): an admin must extend it or publish a successor' },
      },
      async handler({ principal, em, body, koa }) {
        const idempotencyKey = body.idempotencyKey ?? (koa.get('Idempotency-Key') || undefined);
        const departmentId = startingDepartment(principal!, body.department);
        const { caseId, created } = await deps.engine.startCase(em, {
          tenantId: principal!.tenantId,
          processKey: body.procedure,
          variables: body.variables,
          actor: { id: principal!.userId, label: principal!.login },
          departmentId,
          ...(idempotencyKey ? { idempotencyKey: `${principal!.userId}:${idempotencyKey}` } : {}),
        });
        return { status: created ? 201 : 200, body: { caseId }, headers: { Location: `/api/cases/${caseId}` } };
      },
    }),
    defineRoute<Record<string, never>, CaseListQuery>({
      method: 'get',
      path: '/api/cases',
      operationId: 'searchCases',
      summary: 'Search the cases of your departments (all departments for the bureau leaders). Identifiers match exactly and come back masked.',
      tags: ['cases'],
      auth: 'session',
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          procedure: { type: 'string', maxLength: 100 },
          status: { enum: [...CASE_STATUSES] },
          department: { type: 'string', format: 'uuid' },
          counterparty: { type: 'string', minLength: 1, maxLength: 100 },
          documentNumber: { type: 'string', minLength: 1, maxLength: 100 },
          identifier: { type: 'string', pattern: '^[0-9A-Za-z]{15,18}$', description: '公民身份号码 or 统一社会信用代码, exact match' },
          startedFrom: { type: 'string', format: 'date' },
          startedTo: { type: 'string', format: 'date' },
          overdue: { type: 'boolean' },
          ...pagingQuery,
        },
      },
      responses: { 200: { description: 'A page of cases', schema: pageOf(caseListItemSchema) } },
      async handler({ principal, em, query }) {
        if (query.startedFrom && query.startedTo && query.startedFrom > query.startedTo) {
          throw new ValidationError('The date range is reversed.', [{ pointer: '/query/startedTo', message: 'must not be before startedFrom' }]);
        }
        const catalog = await deps.catalogs.get(em, principal!.tenantId, principal!.formsStamp);
        const page = await searchCases(em, caseScope(principal!), catalog, { ...query, departmentId: query.department }, deps.clock.now());
        return { body: page };
      },
    }),
  ];
}
