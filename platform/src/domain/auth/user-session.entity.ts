import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../org/user.entity';
import { Tenant } from '../tenant/tenant.entity';

/**
 * A login session. Only the SHA-256 of the cookie token is stored, so a
 * database dump cannot be replayed as cookies. Stored in PostgreSQL (not in
 * process memory) so any app server behind a load balancer can serve it.
 */
export const UserSession = defineEntity({
  name: 'UserSession',
  tableName: 'user_session',
  properties: {
    tokenHash: p.string().length(64).primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    userId: p.manyToOne(User).mapToPk().fieldName('user_id').deleteRule('cascade').index(),
    /** Synchronizer token that cookie-authenticated mutations must echo in X-CSRF-Token. */
    csrfToken: p.string().length(64).hidden(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime().index(),
  },
});
export type UserSession = InferEntity<typeof UserSession>;
