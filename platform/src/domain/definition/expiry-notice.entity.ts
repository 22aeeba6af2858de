import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/**
 * That the county's admins were told once about one expiry warning: a scope
 * (`pack` or `procedure:<key>`) ending on `effectiveTo` reached `level`.
 * The daily expiry check inserts the marker before notifying, and the unique
 * key makes re-runs (and two workers racing) notify at most once; an
 * extension moves `effectiveTo`, so its thresholds fire anew.
 */
export const ExpiryNotice = defineEntity({
  name: 'ExpiryNotice',
  tableName: 'expiry_notice',
  uniques: [{ properties: ['tenantId', 'scopeKey', 'effectiveTo', 'level'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    /** `pack`, or `procedure:<process key>`. */
    scopeKey: p.text(),
    /** The last valid local date the warning was about. */
    effectiveTo: p.string().columnType('date'),
    /** `60`, `30`, `7` or `expired`. */
    level: p.text(),
    notifiedAt: p.datetime(),
  },
});
export type ExpiryNotice = InferEntity<typeof ExpiryNotice>;
