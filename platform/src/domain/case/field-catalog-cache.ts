import type { EntityManager } from '@mikro-orm/postgresql';
import { buildFieldCatalog, type FieldCatalog } from './field-catalog';

/**
 * SQL for a tenant's form stamp, given the SQL expression of its tenant id:
 * the number of form versions and the newest publish time (microseconds), so
 * any publish changes it. A scalar subquery, so the session lookup can read
 * it in the same statement (AuthService.authenticate).
 */
export function formsStampSql(tenantIdSql: string): string {
  return `select count(*) || ':' || coalesce(extract(epoch from max(published_at))::text, '') from form_version where tenant_id = ${tenantIdSql}`;
}

/**
 * The tenant's field catalog (which variables are personal data or search
 * keys), rebuilt only when a form is published. Validity is checked against
 * the form stamp on every lookup, so several app servers stay correct
 * without any invalidation messages between them. Callers that already read
 * the stamp (the principal carries it, from the session statement) pass it
 * in and save the round trip; others cost one tiny query.
 */
export class FieldCatalogCache {
  private readonly entries = new Map<string, { stamp: string; catalog: FieldCatalog }>();

  async get(em: EntityManager, tenantId: string, knownStamp?: string): Promise<FieldCatalog> {
    let stamp = knownStamp;
    if (stamp === undefined) {
      const [row] = await em.execute<{ stamp: string }[]>(`select (${formsStampSql('?')}) as stamp`, [tenantId]);
      stamp = row?.stamp ?? '';
    }
    const cached = this.entries.get(tenantId);
    if (cached?.stamp === stamp) return cached.catalog;
    const schemas = await em.execute<{ schema: unknown }[]>('select schema from form_version where tenant_id = ?', [tenantId]);
    const catalog = buildFieldCatalog(schemas.map((s) => s.schema));
    this.entries.set(tenantId, { stamp, catalog });
    return catalog;
  }
}
