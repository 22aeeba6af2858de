import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/** A credit-record entry about a permit holder (e.g. a false commitment), written by the recordCredit action. */
export const CreditRecord = defineEntity({
  name: 'CreditRecord',
  tableName: 'credit_record',
  indexes: [{ properties: ['tenantId', 'subjectCode'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    caseId: p.uuid(),
    subjectName: p.string().length(300),
    /** 统一社会信用代码 or 公民身份号码 of the subject. */
    subjectCode: p.string().length(50).nullable(),
    kind: p.string().length(100),
    description: p.text(),
    createdAt: p.datetime(),
  },
});
export type CreditRecord = InferEntity<typeof CreditRecord>;
