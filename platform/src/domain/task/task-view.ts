import type { EntityManager } from '@mikro-orm/postgresql';
import { CalendarCoverageError, workingDaysBetween, type DeadlineStage, type WorkingCalendar } from '../../calendar';
import type { CalendarService } from '../calendar/calendar-service';
import type { TaskStatus } from './task.entity';

/** The columns a task view needs, as raw SQL returns them (see TASK_VIEW_COLUMNS). */
export interface TaskViewRow {
  id: string;
  case_id: string;
  element_id: string;
  name: string;
  status: TaskStatus;
  candidate_department_ids: string[];
  candidate_roles: string[];
  assignee_id: string | null;
  assignee_name: string | null;
  completed_by: string | null;
  form_key: string;
  form_version: number;
  created_at: string | Date;
  claimed_at: string | Date | null;
  completed_at: string | Date | null;
  due_at: string | Date | null;
  yellow_at: string | Date | null;
  red_at: string | Date | null;
  calendar_key: string | null;
  legal_basis: string | null;
  return_reason: string | null;
  delivery_channel: string | null;
  version: number;
}

/** Select list for {@link TaskViewRow}, for a query with task alias `t` (joins the assignee's name). */
export const TASK_VIEW_COLUMNS = `t.id, t.case_id, t.element_id, t.name, t.status, t.candidate_department_ids, t.candidate_roles, t.assignee_id,
  (select u.display_name from app_user u where u.id = t.assignee_id) as assignee_name, t.completed_by, t.form_key, t.form_version,
  t.created_at, t.claimed_at, t.completed_at, t.due_at, t.yellow_at, t.red_at, t.calendar_key, t.legal_basis, t.return_reason, t.delivery_channel, t.version`;

/** A task as the UIs show it: who may act, its deadline card, and whether the deadline was met. */
export interface TaskView {
  id: string;
  caseId: string;
  elementId: string;
  name: string;
  status: TaskStatus;
  candidateDepartments: { id: string; name: string }[];
  candidateRoles: string[];
  assignee: { id: string; name: string } | null;
  formKey: string;
  formVersion: number;
  createdAt: string;
  claimedAt: string | null;
  completedAt: string | null;
  dueAt: string | null;
  /** The card colour now, for open tasks with a deadline; null otherwise. */
  stage: DeadlineStage | null;
  /**
   * Working days left after today before the deadline ends (0: it ends by
   * the end of today's working day); null when overdue, done or without a deadline.
   */
  remainingWorkingDays: number | null;
  /** For finished tasks with a deadline: done by the due instant. */
  metDeadline: boolean | null;
  legalBasis: string | null;
  returnReason: string | null;
  deliveryChannel: string | null;
  version: number;
}

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

/** The stage from the instants stored on the task, so no calendar work is needed per row. */
export function stageAt(row: Pick<TaskViewRow, 'status' | 'due_at' | 'yellow_at' | 'red_at'>, now: Date): DeadlineStage | null {
  if ((row.status !== 'open' && row.status !== 'claimed') || row.due_at === null) return null;
  const t = now.getTime();
  if (t >= new Date(row.due_at).getTime()) return 'overdue';
  if (row.red_at !== null && t >= new Date(row.red_at).getTime()) return 'red';
  if (row.yellow_at !== null && t >= new Date(row.yellow_at).getTime()) return 'yellow';
  return 'normal';
}

/**
 * Maps task rows to views. Holds the calendars it compiled and the
 * department names it looked up, so build one per request, not per row.
 */
export class TaskViewBuilder {
  private readonly calendars = new Map<string, WorkingCalendar | null>();
  private departmentNames: Map<string, string> | undefined;

  constructor(
    private readonly deps: { calendars: CalendarService },
    private readonly em: EntityManager,
    private readonly tenantId: string,
    private readonly now: Date,
  ) {}

  async build(rows: TaskViewRow[]): Promise<TaskView[]> {
    const names = await this.names();
    const out: TaskView[] = [];
    for (const r of rows) {
      const stage = stageAt(r, this.now);
      const due = r.due_at === null ? null : new Date(r.due_at);
      let remaining: number | null = null;
      if (due && stage !== null && stage !== 'overdue' && r.calendar_key) {
        const cal = await this.calendar(r.calendar_key);
        try {
          remaining = cal ? workingDaysBetween(this.now, due, cal) : null;
        } catch (err) {
          if (!(err instanceof CalendarCoverageError)) throw err;
        }
      }
      const finished = r.status === 'completed' || r.status === 'returned';
      out.push({
        id: r.id,
        caseId: r.case_id,
        elementId: r.element_id,
        name: r.name,
        status: r.status,
        candidateDepartments: r.candidate_department_ids.map((id) => ({ id, name: names.get(id) ?? id })),
        candidateRoles: r.candidate_roles,
        assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
        formKey: r.form_key,
        formVersion: r.form_version,
        createdAt: iso(r.created_at)!,
        claimedAt: iso(r.claimed_at),
        completedAt: iso(r.completed_at),
        dueAt: iso(due),
        stage,
        remainingWorkingDays: remaining,
        metDeadline: finished && due && r.completed_at ? new Date(r.completed_at) <= due : null,
        legalBasis: r.legal_basis,
        returnReason: r.return_reason,
        deliveryChannel: r.delivery_channel,
        version: r.version,
      });
    }
    return out;
  }

  private async names(): Promise<Map<string, string>> {
    if (!this.departmentNames) {
      const rows = await this.em.execute<{ id: string; name: string }[]>('select id, name from department where tenant_id = ?', [this.tenantId]);
      this.departmentNames = new Map(rows.map((d) => [d.id, d.name]));
    }
    return this.departmentNames;
  }

  private async calendar(key: string): Promise<WorkingCalendar | null> {
    if (!this.calendars.has(key)) {
      const current = await this.deps.calendars.currentCompiled(this.em, this.tenantId, key).catch(() => null);
      this.calendars.set(key, current?.calendar ?? null);
    }
    return this.calendars.get(key)!;
  }
}
