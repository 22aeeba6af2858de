import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/** The three sides the regulation distinguishes (审批部门, 监管部门, and everyone else). */
export const DEPARTMENT_KINDS = ['approval_bureau', 'supervising', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** A department of a county: the approval bureau, a supervising department, or another unit. */
export const Department = defineEntity({
  name: 'Department',
  tableName: 'department',
  uniques: [{ properties: ['tenantId', 'code'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id').index(),
    /** Stable code used by packs and BPMN candidate rules; unique per tenant, not globally. */
    code: p.string().length(64),
    name: p.string().length(200),
    kind: p.enum(() => ({ approval_bureau: 'approval_bureau', supervising: 'supervising', other: 'other' })).columnType('text'),
    createdAt: p.datetime(),
  },
});
export type Department = InferEntity<typeof Department>;
