import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { CalendarService } from '../calendar/calendar-service';
import { CANDIDATE_OF_USER } from './candidate-rule';
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

/** Open to the user as a candidate (see candidate-rule.ts). */
const CANDIDATE = CANDIDATE_OF_USER;

/** Open tasks the user should watch: claimed by them, or open to them as a candidate. */
const ACTIONABLE = `((t.status = 'claimed' and t.assignee_id = ?) or (t.status = 'open' and ${CANDIDATE}))`;

function viewCondition(view: InboxView, userId: string, now: Date): { sql: string; params: unknown[]; order: string } {
  switch (view) {
    case 'to-claim':
      return { sql: `t.status = 'open' and ${CANDIDATE}`, params: [userId], order: 't.due_at asc nulls last, t.created_at' };
    case 'mine':
      return { sql: `t.status = 'claimed' and t.assignee_id = ?`, params: [userId], order: 't.due_at asc nulls last, t.created_at' };
    case 'due-soon':
      return { sql: `${ACTIONABLE} and t.yellow_at <= ? and t.due_at > ?`, params: [userId, userId, now, now], order: 't.due_at asc, t.created_at' };
    case 'overdue':
      return { sql: `${ACTIONABLE} and t.due_at <= ?`, params: [userId, userId, now], order: 't.due_at asc, t.created_at' };
    case 'done':
      return { sql: `t.status in ('completed', 'returned') and t.completed_by = ?`, params: [userId], order: 't.completed_at desc, t.id' };
  }
}

/**
 * The staff inbox: one query per tab, sorted by due date, and the badge
 * counts of all tabs in one statement. Department scope comes from the
 * user's memberships (via the candidate rule), the tenant from the session.
 */
export class InboxService {
  constructor(private readonly deps: { calendars: CalendarService }) {}

  async list(em: EntityManager, principal: Principal, catalog: FieldCatalog, view: InboxView, filters: InboxFilters, now: Date): Promise<Page<InboxItem>> {
    const cond = viewCondition(view, principal.userId, now);
    const where = ['t.tenant_id = ?', cond.sql];
    const params: unknown[] = [principal.tenantId, ...cond.params];
    if (filters.procedure) {
      where.push('c.process_key = ?');
      params.push(filters.procedure);
    }
    if (filters.q) {
      // The task name, or the case's counterparty or document number (never personal identifiers: those are exact-match only).
      const pattern = `%${filters.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      const keys = [...catalog.counterparty, ...catalog.documentNumber];
      where.push(`(${['t.name ilike ?', ...keys.map(() => 'c.variables->>? ilike ?')].join(' or ')})`);
      params.push(pattern, ...keys.flatMap((k) => [k, pattern]));
    }
    const shown = headlineKeys(catalog);
    const picked = shown.length ? `jsonb_build_object(${shown.map(() => '?::text, c.variables->?').join(', ')})` : `'{}'::jsonb`;
    const rows = await em.execute<(TaskViewRow & { process_key: string; procedure_name: string; picked: Record<string, unknown>; total: string })[]>(
      `select ${TASK_VIEW_COLUMNS}, c.process_key, dv.name as procedure_name, ${picked} as picked, count(*) over () as total
         from task t
         join case_instance c on c.id = t.case_id
         join definition_version dv on dv.id = c.definition_version_id
        where ${where.join(' and ')}
        order by ${cond.order}
        limit ? offset ?`,
      [...shown.flatMap((k) => [k, k]), ...params, filters.pageSize, (filters.page - 1) * filters.pageSize],
    );
    const views = await new TaskViewBuilder(this.deps, em, principal.tenantId, now).build(rows);
    return {
      items: views.map((v, i) => ({ ...v, procedure: { key: rows[i]!.process_key, name: rows[i]!.procedure_name }, case: caseHeadline(rows[i]!.picked, catalog) })),
      total: Number(rows[0]?.total ?? 0),
      page: filters.page,
      pageSize: filters.pageSize,
    };
  }

  /** Badge counts for every tab, in one statement. */
  async counts(em: EntityManager, principal: Principal, now: Date): Promise<Record<InboxView, number>> {
    const u = principal.userId;
    const [row] = await em.execute<Record<string, string>[]>(
      `select count(*) filter (where t.status = 'open' and ${CANDIDATE}) as to_claim,
              count(*) filter (where t.status = 'claimed' and t.assignee_id = ?) as mine,
              count(*) filter (where ${ACTIONABLE} and t.yellow_at <= ? and t.due_at > ?) as due_soon,
              count(*) filter (where ${ACTIONABLE} and t.due_at <= ?) as overdue,
              count(*) filter (where t.status in ('completed', 'returned') and t.completed_by = ?) as done
         from task t
        where t.tenant_id = ? and (t.assignee_id = ? or t.completed_by = ? or (t.status = 'open' and ${CANDIDATE}))`,
      [u, u, u, u, now, now, u, u, now, u, principal.tenantId, u, u, u],
    );
    return {
      'to-claim': Number(row?.to_claim ?? 0),
      mine: Number(row?.mine ?? 0),
      'due-soon': Number(row?.due_soon ?? 0),
      overdue: Number(row?.overdue ?? 0),
      done: Number(row?.done ?? 0),
    };
  }
}
