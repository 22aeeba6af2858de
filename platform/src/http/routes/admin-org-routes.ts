import type { Principal } from '../../domain/auth/principal';
import type { DepartmentKind } from '../../domain/org/department.entity';
import { ROLES } from '../../domain/org/membership.entity';
import type { MembershipInput } from '../../domain/org/user-admin';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';
import { idParams } from '../schemas';

const ADMIN = { roles: ['admin'] } as const;

const membershipInput: JsonSchema = {
  type: 'object',
  required: ['departmentId', 'role'],
  additionalProperties: false,
  properties: { departmentId: { type: 'string', format: 'uuid' }, role: { enum: [...ROLES] } },
};

const membershipsInput: JsonSchema = { type: 'array', maxItems: 200, items: membershipInput };

const userSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'login', 'displayName', 'active', 'memberships'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    login: { type: 'string' },
    displayName: { type: 'string' },
    active: { type: 'boolean' },
    memberships: {
      type: 'array',
      items: {
        type: 'object',
        required: ['departmentId', 'departmentCode', 'departmentName', 'role'],
        properties: { departmentId: { type: 'string', format: 'uuid' }, departmentCode: { type: 'string' }, departmentName: { type: 'string' }, role: { enum: [...ROLES] } },
      },
    },
  },
};

const login: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$', description: 'Letters, digits and . _ @ -; unique in the county regardless of case' };
const displayName: JsonSchema = { type: 'string', minLength: 1, maxLength: 100 };
const password: JsonSchema = { type: 'string', minLength: 12, maxLength: 256, description: 'At least 12 characters; stored as an argon2id hash' };
const created: JsonSchema = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };

const command = (p: Principal) => ({ tenantId: p.tenantId, actor: { id: p.userId, label: p.login }, actorSessionId: p.sessionId });

/** The designer's organisation pages: accounts, their roles, and departments (admins only, every change audited). */
export function adminOrgRoutes(deps: Pick<AppDeps, 'userAdmin'>): RouteDef[] {
  const { userAdmin } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/users',
      operationId: 'adminListUsers',
      summary: "Every account of the caller's county with its memberships",
      tags: ['admin'],
      auth: ADMIN,
      responses: { 200: { description: 'Accounts by login', schema: { type: 'array', items: userSchema } }, 403: { description: 'Not an admin' } },
      async handler({ principal, em }) {
        return { body: await userAdmin.listUsers(em, principal!.tenantId) };
      },
    }),
    defineRoute<Record<string, never>, Record<string, never>, { login: string; displayName: string; password: string; memberships?: MembershipInput[] }>({
      method: 'post',
      path: '/api/admin/users',
      operationId: 'adminCreateUser',
      summary: 'Create an account; a liaison role files a liaison designation (第二十七条)',
      tags: ['admin'],
      auth: ADMIN,
      body: { type: 'object', required: ['login', 'displayName', 'password'], additionalProperties: false, properties: { login, displayName, password, memberships: membershipsInput } },
      responses: { 201: { description: 'Created', schema: created }, 409: { description: 'The login is taken' }, 422: { description: 'Invalid input, or a department of another county' } },
      async handler({ principal, em, body }) {
        const id = await userAdmin.createUser(em, { ...command(principal!), login: body.login, displayName: body.displayName, password: body.password, memberships: body.memberships ?? [] });
        return { status: 201, body: { id } };
      },
    }),
    defineRoute<{ id: string }, Record<string, never>, { displayName?: string; active?: boolean; password?: string }>({
      method: 'patch',
      path: '/api/admin/users/:id',
      operationId: 'adminUpdateUser',
      summary: 'Rename, deactivate/reactivate or reset the password of an account; deactivating or a new password ends its sessions',
      tags: ['admin'],
      auth: ADMIN,
      params: idParams,
      body: { type: 'object', minProperties: 1, additionalProperties: false, properties: { displayName, active: { type: 'boolean' }, password } },
      responses: { 204: { description: 'Changed' }, 404: { description: 'No such account in this county' }, 409: { description: 'Would deactivate yourself or leave the county without an active admin' } },
      async handler({ principal, em, params, body }) {
        await userAdmin.updateUser(em, { ...command(principal!), userId: params.id, ...body });
      },
    }),
    defineRoute<{ id: string }, Record<string, never>, { memberships: MembershipInput[] }>({
      method: 'put',
      path: '/api/admin/users/:id/memberships',
      operationId: 'adminReplaceMemberships',
      summary: "Replace an account's memberships; a new liaison role files a designation, a dropped one ends the filing",
      tags: ['admin'],
      auth: ADMIN,
      params: idParams,
      body: { type: 'object', required: ['memberships'], additionalProperties: false, properties: { memberships: membershipsInput } },
      responses: {
        204: { description: 'Replaced' },
        404: { description: 'No such account in this county' },
        409: { description: 'Would leave the county without an active admin' },
        422: { description: 'A department of another county' },
      },
      async handler({ principal, em, params, body }) {
        await userAdmin.replaceMemberships(em, { ...command(principal!), userId: params.id, memberships: body.memberships });
      },
    }),
    defineRoute<Record<string, never>, Record<string, never>, { code: string; name: string; kind: DepartmentKind }>({
      method: 'post',
      path: '/api/admin/departments',
      operationId: 'adminCreateDepartment',
      summary: 'Create a department (its code is what procedures refer to and cannot change)',
      tags: ['admin'],
      auth: ADMIN,
      body: {
        type: 'object',
        required: ['code', 'name', 'kind'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,63}$' },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          kind: { enum: ['approval_bureau', 'supervising', 'other'] },
        },
      },
      responses: { 201: { description: 'Created', schema: created }, 409: { description: 'The code is taken, or a second approval bureau' } },
      async handler({ principal, em, body }) {
        const id = await userAdmin.createDepartment(em, { ...command(principal!), ...body });
        return { status: 201, body: { id } };
      },
    }),
    defineRoute<{ id: string }, Record<string, never>, { name: string }>({
      method: 'patch',
      path: '/api/admin/departments/:id',
      operationId: 'adminRenameDepartment',
      summary: 'Rename a department',
      tags: ['admin'],
      auth: ADMIN,
      params: idParams,
      body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 200 } } },
      responses: { 204: { description: 'Renamed' }, 404: { description: 'No such department in this county' } },
      async handler({ principal, em, params, body }) {
        await userAdmin.renameDepartment(em, { ...command(principal!), departmentId: params.id, name: body.name });
      },
    }),
  ];
}
