import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseStatus } from './case-instance.entity';
import { visibleCases, type CaseScope } from './case-access';
import type { FieldCatalog } from './field-catalog';
import { endOfLocalDay, startOfLocalDay } from './local-day';
import { caseHeadline, headlineKeys, type CaseHeadline } from './case-headline';

/** Filters of the case list; all optional and combined with AND. */
export interface CaseFilters {
  procedure?: string;
  status?: CaseStatus;
  /** Cases started for this department or offered to it by a task. */
  departmentId?: string;
  /** Substring of the counterparty's name (行政相对人). */
  counterparty?: string;
  /** A legal document number, exact. */
  documentNumber?: string;
  /** A 公民身份号码 or 统一社会信用代码, exact; never echoed back unmasked. */
  identifier?: string;
  /** Local dates (YYYY-MM-DD), both inclusive. */
  startedFrom?: string;
  startedTo?: string;
  /** Only cases with an open task past its due instant. */
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export interface CaseListItem extends CaseHeadline {
  id: string;
  procedure: { key: string; name: string };
  status: CaseStatus;
  startedAt: string;
  endedAt: string | null;
  department: { id: string; name: string } | null;
  nextDueAt: string | null;
  overdue: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

interface Row {
  id: string;
  process_key: string;
  procedure_name: string;
  status: CaseStatus;
  started_at: string;
  ended_at: string | null;
  department_id: string | null;
  department_name: string | null;
  picked: Record<string, unknown>;
  next_due_at: string | null;
  total: string;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Search the cases a user may read. Identifier and document-number filters
 * are exact (jsonb containment, served by the GIN index on variables); the
 * counterparty filter is a case-insensitive substring. Which variables hold
 * those values comes from the forms (the field catalog), not from code.
 */
export async function searchCases(em: EntityManager, scope: CaseScope, catalog: FieldCatalog, filters: CaseFilters, now: Date): Promise<Page<CaseListItem>> {
  const visible = visibleCases(scope);
  const where: string[] = [visible.sql];
  const params: unknown[] = [...visible.params];
  const anyOf = (clauses: string[], values: unknown[]) => {
    where.push(clauses.length ? `(${clauses.join(' or ')})` : 'false');
    params.push(...values);
  };
  if (filters.procedure) anyOf(['c.process_key = ?'], [filters.procedure]);
  if (filters.status) anyOf(['c.status = ?'], [filters.status]);
  if (filters.departmentId) {
    anyOf(['c.department_id = ?', 'exists (select 1 from task dt where dt.case_id = c.id and dt.tenant_id = c.tenant_id and ? = any(dt.candidate_department_ids))'], [filters.departmentId, filters.departmentId]);
  }
  if (filters.counterparty) {
    const pattern = `%${likeEscape(filters.counterparty.trim())}%`;
    // Variable names are bound too: they come from form schemas, which admins write.
    anyOf(catalog.counterparty.map(() => 'c.variables->>? ilike ?'), catalog.counterparty.flatMap((k) => [k, pattern]));
  }
  if (filters.documentNumber) {
    const v = filters.documentNumber.trim();
    anyOf(catalog.documentNumber.map(() => 'c.variables @> ?::jsonb'), catalog.documentNumber.map((k) => JSON.stringify({ [k]: v })));
  }
  if (filters.identifier) {
    const v = filters.identifier.trim().toUpperCase();
    anyOf(catalog.identifier.map(() => 'c.variables @> ?::jsonb'), catalog.identifier.map((k) => JSON.stringify({ [k]: v })));
  }
  if (filters.startedFrom) anyOf(['c.started_at >= ?'], [startOfLocalDay(filters.startedFrom)]);
  if (filters.startedTo) anyOf(['c.started_at < ?'], [endOfLocalDay(filters.startedTo)]);
  if (filters.overdue) {
    anyOf(["exists (select 1 from task ot where ot.case_id = c.id and ot.tenant_id = c.tenant_id and ot.status in ('open', 'claimed') and ot.due_at <= ?)"], [now]);
  }
  const shownKeys = headlineKeys(catalog);
  const picked = shownKeys.length ? `jsonb_build_object(${shownKeys.map(() => '?::text, c.variables->?').join(', ')})` : `'{}'::jsonb`;
  const rows = await em.execute<Row[]>(
    `select c.id, c.process_key, dv.name as procedure_name, c.status, c.started_at, c.ended_at, c.department_id, d.name as department_name,
            ${picked} as picked,
            (select min(nt.due_at) from task nt where nt.case_id = c.id and nt.tenant_id = c.tenant_id and nt.status in ('open', 'claimed')) as next_due_at,
            count(*) over () as total
       from case_instance c
       join definition_version dv on dv.id = c.definition_version_id
       left join department d on d.id = c.department_id
      where ${where.join(' and ')}
      order by c.started_at desc, c.id
      limit ? offset ?`,
    [...shownKeys.flatMap((k) => [k, k]), ...params, filters.pageSize, (filters.page - 1) * filters.pageSize],
  );
  const items = rows.map((r): CaseListItem => {
    const nextDue = r.next_due_at ? new Date(r.next_due_at) : null;
    return {
      id: r.id,
      procedure: { key: r.process_key, name: r.procedure_name },
      status: r.status,
      startedAt: new Date(r.started_at).toISOString(),
      endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
      department: r.department_id ? { id: r.department_id, name: r.department_name ?? '' } : null,
      ...caseHeadline(r.picked, catalog),
      nextDueAt: nextDue?.toISOString() ?? null,
      overdue: nextDue !== null && nextDue <= now,
    };
  });
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && filters.page > 1) {
    // Past the last page the window count has no row to ride on.
    const [count] = await em.execute<{ n: string }[]>(`select count(*) as n from case_instance c where ${where.join(' and ')}`, params);
    total = Number(count?.n ?? 0);
  }
  return { items, total, page: filters.page, pageSize: filters.pageSize };
}
