import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Every row a county owns, read generically from the schema rather than from
 * a hand-kept list, so a table added later is covered without touching the
 * isolation test: each table with a tenant_id column, the tenant row itself,
 * and the two child tables that reach their tenant through a parent
 * (per-person notification reads, a migration plan's cases).
 */
export type TenantRows = Record<string, string[]>;

/** Tables with a tenant_id column, by name. */
export async function tenantTables(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ table_name: string }[]>(
    "select table_name from information_schema.columns where column_name = 'tenant_id' and table_schema = current_schema() order by table_name",
  );
  return rows.map((r) => r.table_name);
}

/** Each table's rows of the tenant as JSON text, sorted, so two snapshots compare with toEqual. */
export async function tenantRows(em: EntityManager, tenantId: string): Promise<TenantRows> {
  const out: TenantRows = {};
  const json = async (sql: string) => (await em.execute<{ j: string }[]>(`select j from (${sql}) s order by j`, [tenantId])).map((r) => r.j);
  for (const table of await tenantTables(em)) out[table] = await json(`select to_jsonb(x)::text as j from "${table}" x where x.tenant_id = ?`);
  out.tenant = await json('select to_jsonb(x)::text as j from tenant x where x.id = ?');
  out.notification_read = await json('select to_jsonb(r)::text as j from notification_read r join notification n on n.id = r.notification_id where n.tenant_id = ?');
  out.migration_case = await json('select to_jsonb(c)::text as j from migration_case c join migration_plan p on p.id = c.plan_id where p.tenant_id = ?');
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The uuid ids of every row the tenant owns (and the tenant's own id): what
 * must never appear in another county's answers. Serial ids (the audit
 * chain's) are left out: small numbers occur anywhere.
 */
export async function tenantOwnedIds(em: EntityManager, tenantId: string): Promise<Set<string>> {
  const ids = new Set<string>([tenantId]);
  const withId = await em.execute<{ table_name: string }[]>(
    "select c.table_name from information_schema.columns c join information_schema.columns i on i.table_name = c.table_name and i.table_schema = c.table_schema and i.column_name = 'id' where c.column_name = 'tenant_id' and c.table_schema = current_schema()",
  );
  for (const { table_name } of withId) {
    for (const r of await em.execute<{ id: string }[]>(`select id::text as id from "${table_name}" where tenant_id = ?`, [tenantId])) if (UUID.test(r.id)) ids.add(r.id);
  }
  return ids;
}

/** The first of `needles` found in `haystack`, if any. */
export function firstContained(haystack: string, needles: Iterable<string>): string | undefined {
  for (const n of needles) if (haystack.includes(n)) return n;
  return undefined;
}
