import type { EntityManager } from '@mikro-orm/postgresql';
import { verifyAuditChain, type ChainVerification } from './verify-audit-chain';

/** Verify every county's chain (or one, by code); used by the audit:verify command. */
export async function verifyAllTenants(em: EntityManager, tenantCode?: string): Promise<(ChainVerification & { tenantCode: string })[]> {
  const tenants = await em.execute<{ id: string; code: string }[]>(
    `select id, code from tenant ${tenantCode ? 'where code = ?' : ''} order by code`,
    tenantCode ? [tenantCode] : [],
  );
  const results = [];
  for (const t of tenants) results.push({ ...(await verifyAuditChain(em, t.id)), tenantCode: t.code });
  return results;
}
