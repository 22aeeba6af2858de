import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/** A person who logs in. Login names are unique per tenant, so two counties may both have "admin". */
export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  uniques: [{ properties: ['tenantId', 'login'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id').index(),
    login: p.string().length(64),
    displayName: p.string().length(100),
    /** argon2id encoded hash (salt and parameters inside); never the password. */
    passwordHash: p.text().hidden(),
    active: p.boolean(),
    /** Created by first-start seeding for demonstration; listed in the README, refused in production unless allowed. */
    isDemo: p.boolean(),
    /**
     * May create counties (GET/POST /api/platform/tenants): an installation-wide power,
     * so it is a flag on the account rather than a role in one county's departments.
     * Set for the admin made at first start; every other account is created without it.
     */
    platformAdmin: p.boolean().default(false),
    createdAt: p.datetime(),
  },
});
export type User = InferEntity<typeof User>;
