import { hasRole, type Principal } from '../../domain/auth/principal';
import { ForbiddenError } from '../../errors/problem-error';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';
import { idParams } from '../schemas';

const departmentSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'code', 'name', 'kind'],
  properties: { id: { type: 'string', format: 'uuid' }, code: { type: 'string' }, name: { type: 'string' }, kind: { enum: ['approval_bureau', 'supervising', 'other'] } },
};

const filingSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'userId', 'userLogin', 'userName', 'designatedAt', 'endedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    userId: { type: 'string', format: 'uuid' },
    userLogin: { type: 'string' },
    userName: { type: 'string' },
    designatedAt: { type: 'string', format: 'date-time' },
    designatedBy: { type: ['string', 'null'] },
    note: { type: ['string', 'null'] },
    endedAt: { type: ['string', 'null'] },
    endedBy: { type: ['string', 'null'] },
    endReason: { type: ['string', 'null'] },
  },
};

/** Liaison filings are made by the platform admin or by the department's own leader (第二十七条: the unit decides, then files). */
function assertMayFileLiaison(principal: Principal, departmentId: string): void {
  if (hasRole(principal, 'admin') || hasRole(principal, 'leader', departmentId)) return;
  throw new ForbiddenError("Only an admin or the department's leader may file liaison changes.");
}

const actorOf = (p: Principal) => ({ id: p.userId, label: p.login });

/** Departments of the caller's county and their liaison officers. */
export function orgRoutes(deps: Pick<AppDeps, 'org' | 'clock'>): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/departments',
      operationId: 'listDepartments',
      summary: "The departments of the caller's county",
      tags: ['organisation'],
      auth: 'session',
      responses: { 200: { description: 'Departments', schema: { type: 'array', items: departmentSchema } } },
      async handler({ principal, em }) {
        const departments = await deps.org.listDepartments(em, principal!.tenantId);
        return { body: departments.map((d) => ({ id: d.id, code: d.code, name: d.name, kind: d.kind })) };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'get',
      path: '/api/departments/:id/liaisons',
      operationId: 'listLiaisonFilings',
      summary: "A department's liaison officers with their full filing history (第二十七条)",
      tags: ['organisation'],
      auth: 'session',
      params: idParams,
      responses: { 200: { description: 'Filings, current first', schema: { type: 'array', items: filingSchema } }, 404: { description: 'No such department in this county' } },
      async handler({ principal, em, params }) {
        return { body: await deps.org.liaisonHistory(em, principal!.tenantId, params.id) };
      },
    }),
    defineRoute<{ id: string }, Record<string, never>, { userId: string; note: string }>({
      method: 'post',
      path: '/api/departments/:id/liaisons',
      operationId: 'designateLiaison',
      summary: 'File a new liaison officer for a department',
      tags: ['organisation'],
      auth: { roles: ['admin', 'leader'] },
      params: idParams,
      body: {
        type: 'object',
        required: ['userId', 'note'],
        additionalProperties: false,
        properties: { userId: { type: 'string', format: 'uuid' }, note: { type: 'string', minLength: 1, maxLength: 2000, description: '备案说明' } },
      },
      responses: { 201: { description: 'Filed', schema: filingSchema }, 404: { description: 'No such department or user' }, 409: { description: 'Not a member, or already a liaison' } },
      async handler({ principal, em, params, body }) {
        assertMayFileLiaison(principal!, params.id);
        const d = await deps.org.designateLiaison(em, { tenantId: principal!.tenantId, departmentId: params.id, userId: body.userId, note: body.note, actor: actorOf(principal!), at: deps.clock.now() });
        const history = await deps.org.liaisonHistory(em, principal!.tenantId, params.id);
        return { status: 201, body: history.find((h) => h.id === d.id) };
      },
    }),
    defineRoute<{ id: string }, Record<string, never>, { reason: string }>({
      method: 'post',
      path: '/api/liaison-designations/:id/end',
      operationId: 'endLiaison',
      summary: 'End a liaison filing (transfer, leave); it stays in the history',
      tags: ['organisation'],
      auth: { roles: ['admin', 'leader'] },
      params: idParams,
      body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } } },
      responses: { 200: { description: 'Ended', schema: filingSchema }, 404: { description: 'No such filing in this county' }, 409: { description: 'Already ended' } },
      async handler({ principal, em, params, body }) {
        const existing = await em.execute<{ department_id: string }[]>('select department_id from liaison_designation where id = ? and tenant_id = ?', [params.id, principal!.tenantId]);
        if (existing[0]) assertMayFileLiaison(principal!, existing[0].department_id);
        const d = await deps.org.endLiaison(em, { tenantId: principal!.tenantId, designationId: params.id, reason: body.reason, actor: actorOf(principal!), at: deps.clock.now() });
        const history = await deps.org.liaisonHistory(em, principal!.tenantId, d.departmentId);
        return { body: history.find((h) => h.id === d.id) };
      },
    }),
  ];
}
