import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';
import { Department } from './department.entity';
import { User } from './user.entity';

export const ROLES = ['admin', 'liaison', 'staff', 'leader'] as const;
/** What a member may do inside one department (a person may hold several roles in several departments). */
export type Role = (typeof ROLES)[number];

/** user × department × role: the unit of authorisation. */
export const Membership = defineEntity({
  name: 'Membership',
  tableName: 'membership',
  uniques: [{ properties: ['userId', 'departmentId', 'role'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id').index(),
    userId: p.manyToOne(User).mapToPk().fieldName('user_id').deleteRule('cascade').index(),
    departmentId: p.manyToOne(Department).mapToPk().fieldName('department_id').deleteRule('cascade').index(),
    role: p.enum(() => ({ admin: 'admin', liaison: 'liaison', staff: 'staff', leader: 'leader' })).columnType('text'),
    createdAt: p.datetime(),
  },
});
export type Membership = InferEntity<typeof Membership>;
