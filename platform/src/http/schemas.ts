import type { JsonSchema } from './route-definition';

/** Schemas shared by several routes. */
export const uuidParam: JsonSchema = { type: 'string', format: 'uuid' };

export const idParams: JsonSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: uuidParam },
};

export const membershipSchema: JsonSchema = {
  type: 'object',
  required: ['departmentId', 'departmentCode', 'departmentName', 'departmentKind', 'role'],
  properties: {
    departmentId: { type: 'string', format: 'uuid' },
    departmentCode: { type: 'string' },
    departmentName: { type: 'string' },
    departmentKind: { enum: ['approval_bureau', 'supervising', 'other'] },
    role: { enum: ['admin', 'liaison', 'staff', 'leader'] },
  },
};

export const meSchema: JsonSchema = {
  type: 'object',
  required: ['userId', 'login', 'displayName', 'tenant', 'memberships', 'platformAdmin', 'csrfToken'],
  properties: {
    userId: { type: 'string', format: 'uuid' },
    login: { type: 'string' },
    displayName: { type: 'string' },
    tenant: { type: 'object', required: ['id', 'code'], properties: { id: { type: 'string' }, code: { type: 'string' } } },
    memberships: { type: 'array', items: membershipSchema },
    platformAdmin: { type: 'boolean', description: 'May create counties (/api/platform/*): the account made at first start' },
    csrfToken: { type: 'string' },
  },
};
