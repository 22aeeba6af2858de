import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { CalendarService } from '../calendar/calendar-service';
import { candidateOfMemberships } from './candidate-rule';
import { caseHeadline, headlineKeys, type CaseHeadline } from '../case/case-headline';
import type { Page } from '../case/case-search';
import type { FieldCatalog } from '../case/field-catalog';
import { TASK_VIEW_COLUMNS, TaskViewBuilder, type TaskView, type TaskViewRow } from './task-view';

/** The inbox tabs: 待认领, 我的待办, 即将超期, 已超期, 已办. */
export const INBOX_VIEWS = ['to-claim', 'mine', 'due-soon', 'overdue', 'done'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export interface InboxFilters {
  procedure?: string;
  /** Substring of the task name or the case's counterparty/document number (any top-level variable value). */
  q?: string;
  page: number;
  pageSize: number;
}

/** An inbox row: the task plus what identifies its case at a glance. */
export interface InboxItem extends TaskView {
  procedure: { key: string; name: string };
  case: CaseHeadline;
}

/** Counts stop at this many rows: the badges show "999+" beyond it, and counting every match of a busy department costs milliseconds per thousand. */
export const INBOX_COUNT_CAP = 1000;

/** A page of one tab; `total` counts at most {@link INBOX_COUNT_CAP} rows past the page's start. */
export interface InboxPage extends Page<InboxItem> {
  /** True when `total` reached its cap: there are at least `total` tasks, maybe more. */
  totalCapped: boolean;
}

/** SQL text and its bindings, in order. */
interface Sql {
  sql: string;
  params: unknown[];
}

/**
 * The tab as one or two branches of a single status each (claimed by me;
 * open to me as a candidate), so each branch reads one partial index of
 * Migration20261126020000InboxIndexes in the tab's order and its count never
 * leaves the index. `key` is the branch's order columns, ending in the id so
 * pages never overlap.
 */
function viewBranches(view: InboxView, userId: string, cand: { sql: string; params: string[] }, now: Date): { branches: Sql[]; key: string[]; order: string } {
  const claimed = (extra: string, params: unknown[]): Sql => ({ sql: `t.status = 'claimed' and t.assignee_id = ?${extra}`, params: [userId, ...params] });
  const open = (extra: string, params: unknown[]): Sql => ({ sql: `t.status = 'open'${extra} and ${cand.sql}`, params: [...params, ...cand.params] });
  const byDue = { key: ['due_at', 'created_at', 'id'], order: 'due_at asc nulls last, created_at, id' };
  switch (view) {
    case 'to-claim':
      return { branches: [open('', [])], ...byDue };
    case 'mine':
      return { branches: [claimed('', [])], ...byDue };
    case 'due-soon':
      return { branches: [claimed(' and t.yellow_at <= ? and t.due_at > ?', [now, now]), open(' and t.yellow_at <= ? and t.due_at > ?', [now, now])], ...byDue };
    case 'overdue':
      return { branches: [claimed(' and t.due_at <= ?', [now]), open(' and t.due_at <= ?', [now])], ...byDue };
    case 'done':
      return { branches: [{ sql: `t.status in ('completed', 'returned') and t.completed_by = ?`, params: [userId] }], key: ['completed_at', 'id'], order: 'completed_at desc, id' };
  }
}

/** The list's search filters; `joinsCase` when they read the case (alias `c`). */
interface Filter extends Sql {
  joinsCase: boolean;
}

/** `select <cols> from task t … where <tenant> and <branch> and <filters>` for each branch. */
function branchSelects(cols: string, tenantId: string, branches: Sql[], filters: Filter | null): Sql[] {
  return branches.map((b) => ({
    sql: `select ${cols} from task t${filters?.joinsCase ? ' join case_instance c on c.id = t.case_id' : ''} where t.tenant_id = ? and ${b.sql}${filters ? ` and ${filters.sql}` : ''}`,
    params: [tenantId, ...b.params, ...(filters?.params ?? [])],
  }));
}

/** How many rows the branches match, counting at most `cap`: a capped count stops reading the index there. */
function cappedCount(tenantId: string, branches: Sql[], filters: Filter | null, cap: number): Sql {
  const parts = branchSelects('1', tenantId, branches, filters);
  return { sql: `select count(*) from (${parts.map((p) => p.sql).join(' union all ')} limit ?) n`, params: [...parts.flatMap((p) => p.params), cap] };
}

/**
 * The staff inbox: one statement per tab, sorted by due date, and the badge
 * counts of all tabs in one statement. Department scope comes from the
 * principal's memberships (the candidate rule), the tenant from the session.
 *
 * Shaped for a county's millions of closed tasks (issue 11, docs/perf/): each
 * tab is one or two single-status branches that read a covering partial index
 * (open tasks by due date, claimed tasks by assignee and due date, finished
 * tasks by who finished them) in the tab's order, index-only, and stop after
 * the page; only the page's ids then join their tasks and cases. Totals and
 * badges are counts of the same branches capped at {@link INBOX_COUNT_CAP}.
 */
export class InboxService {
  constructor(private readonly deps: { calendars: CalendarService }) {}

  async list(em: EntityManager, principal: Principal, catalog: FieldCatalog, view: InboxView, filters: InboxFilters, now: Date): Promise<InboxPage> {
    const { branches, key, order } = viewBranches(view, principal.userId, candidateOfMemberships(principal.memberships), now);
    const where: string[] = [];
    const params: unknown[] = [];
    let joinsCase = false;
    if (filters.procedure) {
      where.push('c.process_key = ?');
      params.push(filters.procedure);
      joinsCase = true;
    }
    if (filters.q) {
      // The task name, or the case's counterparty or document number (never personal identifiers: those are exact-match only).
      const pattern = `%${filters.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      const keys = [...catalog.counterparty, ...catalog.documentNumber];
      where.push(`(${['t.name ilike ?', ...keys.map(() => 'c.variables->>? ilike ?')].join(' or ')})`);
      params.push(pattern, ...keys.flatMap((k) => [k, pattern]));
      joinsCase ||= keys.length > 0;
    }
    // Filters on the case join case_instance inside each branch; without them a branch reads the task index alone.
    const filter: Filter | null = where.length ? { sql: where.join(' and '), params, joinsCase } : null;
    const offset = (filters.page - 1) * filters.pageSize;
    const upTo = offset + filters.pageSize;
    const cap = offset + INBOX_COUNT_CAP;
    // Each branch yields its first `upTo` rows in order; the merge keeps the page. Order columns are on every branch's index.
    const keyCols = key.map((k) => `t.${k}`).join(', ');
    const parts = branchSelects(keyCols, principal.tenantId, branches, filter).map((p) => ({ sql: `(${p.sql} order by ${order.replace(/(^|, )/g, '$1t.')} limit ?)`, params: [...p.params, upTo] }));
    const ids: Sql = { sql: `select p.id from (${parts.map((p) => p.sql).join(' union all ')}) p order by ${order.replace(/(^|, )/g, '$1p.')} limit ? offset ?`, params: [...parts.flatMap((p) => p.params), filters.pageSize, offset] };
    const total = cappedCount(principal.tenantId, branches, filter, cap);
    const shown = headlineKeys(catalog);
    const picked = shown.length ? `jsonb_build_object(${shown.map(() => '?::text, c.variables->?').join(', ')})` : `'{}'::jsonb`;
    // One row even past the last page (the left join), so the total always comes back.
    const rows = await em.execute<(Partial<TaskViewRow> & { process_key: string; procedure_name: string; picked: Record<string, unknown>; total: string })[]>(
      `select n.total, r.* from (select (${total.sql}) as total) n
         left join (
           select ${TASK_VIEW_COLUMNS}, c.process_key, dv.name as procedure_name, ${picked} as picked
             from (${ids.sql}) p
             join task t on t.id = p.id
             join case_instance c on c.id = t.case_id
             join definition_version dv on dv.id = c.definition_version_id
         ) r on true
        order by ${order.replace(/(^|, )/g, '$1r.')}`,
      [...total.params, ...shown.flatMap((k) => [k, k]), ...ids.params],
    );
    const found = rows.filter((r) => r.id != null) as (TaskViewRow & (typeof rows)[number])[];
    const count = Number(rows[0]?.total ?? 0);
    const views = await new TaskViewBuilder(this.deps, em, principal.tenantId, now).build(found);
    return {
      items: views.map((v, i) => ({ ...v, procedure: { key: found[i]!.process_key, name: found[i]!.procedure_name }, case: caseHeadline(found[i]!.picked, catalog) })),
      total: count,
      totalCapped: count >= cap,
      page: filters.page,
      pageSize: filters.pageSize,
    };
  }

  /**
   * Badge counts for every tab, in one statement: each tab's branches counted
   * index-only and capped at {@link INBOX_COUNT_CAP} (a count of 1000 means
   * "1000 or more"; the UI shows 999+).
   */
  async counts(em: EntityManager, principal: Principal, now: Date): Promise<Record<InboxView, number>> {
    const cand = candidateOfMemberships(principal.memberships);
    const counts = INBOX_VIEWS.map((view) => cappedCount(principal.tenantId, viewBranches(view, principal.userId, cand, now).branches, null, INBOX_COUNT_CAP));
    const [row] = await em.execute<Record<string, string>[]>(`select ${counts.map((c, i) => `(${c.sql}) as c${i}`).join(', ')}`, counts.flatMap((c) => c.params));
    return Object.fromEntries(INBOX_VIEWS.map((view, i) => [view, Number(row?.[`c${i}`] ?? 0)])) as Record<InboxView, number>;
  }
}
