import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';
import { Department } from './department.entity';
import { User } from './user.entity';

/**
 * One period during which a user is a department's liaison officer.
 * Rows are never deleted: a change ends the current row and opens a new one,
 * so the filing history (who designated whom, when, and why it ended) stays.
 */
export const LiaisonDesignation = defineEntity({
  name: 'LiaisonDesignation',
  tableName: 'liaison_designation',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id').index(),
    departmentId: p.manyToOne(Department).mapToPk().fieldName('department_id').index(),
    userId: p.manyToOne(User).mapToPk().fieldName('user_id'),
    designatedAt: p.datetime(),
    designatedBy: p.uuid().nullable(),
    /** The filing note (备案说明), e.g. the department's decision that names the liaison. */
    note: p.text().nullable(),
    endedAt: p.datetime().nullable(),
    endedBy: p.uuid().nullable(),
    endReason: p.text().nullable(),
  },
});
export type LiaisonDesignation = InferEntity<typeof LiaisonDesignation>;
