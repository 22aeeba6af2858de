import type { EntityManager } from '@mikro-orm/postgresql';
import { buildFieldCatalog, type FieldCatalog } from './field-catalog';

/**
 * The tenant's field catalog (which variables are personal data or search
 * keys), rebuilt only when a form is published. Each lookup costs one tiny
 * query (count and newest publish time), so several app servers stay correct
 * without any invalidation messages between them.
 */
export class FieldCatalogCache {
  private readonly entries = new Map<string, { stamp: string; catalog: FieldCatalog }>();

  async get(em: EntityManager, tenantId: string): Promise<FieldCatalog> {
    const [row] = await em.execute<{ n: string; newest: string | null }[]>('select count(*) as n, max(published_at) as newest from form_version where tenant_id = ?', [tenantId]);
    const stamp = `${row?.n ?? 0}:${row?.newest ? new Date(row.newest).toISOString() : ''}`;
    const cached = this.entries.get(tenantId);
    if (cached?.stamp === stamp) return cached.catalog;
    const schemas = await em.execute<{ schema: unknown }[]>('select schema from form_version where tenant_id = ?', [tenantId]);
    const catalog = buildFieldCatalog(schemas.map((s) => s.schema));
    this.entries.set(tenantId, { stamp, catalog });
    return catalog;
  }
}

