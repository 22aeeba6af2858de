import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import type { DefinitionService } from '../../engine/definitions/definition-service';
import type { Principal } from '../auth/principal';
import type { CalendarService } from '../calendar/calendar-service';
import { assertTaskVisible } from '../case/case-access';
import { caseHeadline, type CaseHeadline } from '../case/case-headline';
import type { FieldCatalogCache } from '../case/field-catalog-cache';
import { maskPersonalData } from '../case/mask-personal-data';
import type { TenantSettings } from '../tenant/tenant.entity';
import { CANDIDATE_OF_USER } from './candidate-rule';
import { TASK_VIEW_COLUMNS, TaskViewBuilder, type TaskView, type TaskViewRow } from './task-view';

/** Everything the task page needs in one response: the task, its form, its case in context, and what the user may do. */
export interface TaskDetail {
  task: TaskView;
  procedure: { key: string; name: string };
  case: CaseHeadline & { id: string; variables: Record<string, unknown>; maskedFields: string[] };
  form: { key: string; version: number; title: string; schema: unknown; uiSchema: unknown };
  /** The assignee's saved draft; null for everyone else. */
  draft: Record<string, unknown> | null;
  /** What a finished task was completed with (personal data masked), to show the form read-only; null while open. */
  submission: Record<string, unknown> | null;
  offline: { allowed: boolean; channels: string[] };
  /** Which commands make sense for this user now (the server checks again when they are sent). */
  can: { claim: boolean; unclaim: boolean; complete: boolean; return: boolean; delegate: boolean };
}

/** Builds the task page; answers 404 for tasks outside the user's reach. */
export class TaskDetailReader {
  constructor(private readonly deps: { clock: Clock; calendars: CalendarService; catalogs: FieldCatalogCache; definitions: DefinitionService }) {}

  async detail(em: EntityManager, principal: Principal, taskId: string): Promise<TaskDetail> {
    await assertTaskVisible(em, principal, taskId);
    const [row] = await em.execute<(TaskViewRow & { variables: Record<string, unknown>; definition_version_id: string; process_key: string; procedure_name: string; draft: Record<string, unknown> | null; submission: Record<string, unknown> | null; settings: TenantSettings; candidate: boolean; supervisor: boolean })[]>(
      `select ${TASK_VIEW_COLUMNS}, t.draft, t.submission, c.variables, c.definition_version_id, c.process_key, dv.name as procedure_name, tn.settings,
              ${CANDIDATE_OF_USER} as candidate,
              exists (select 1 from membership m where m.tenant_id = t.tenant_id and m.user_id = ? and m.department_id = any(t.candidate_department_ids)
                       and m.role in ('liaison', 'leader')) as supervisor
         from task t join case_instance c on c.id = t.case_id join definition_version dv on dv.id = c.definition_version_id join tenant tn on tn.id = t.tenant_id
        where t.id = ? and t.tenant_id = ?`,
      [principal.userId, principal.userId, taskId, principal.tenantId],
    );
    const r = row!;
    const [form] = await em.execute<{ title: string; schema: unknown; ui_schema: unknown }[]>(
      'select title, schema, ui_schema from form_version where tenant_id = ? and form_key = ? and version = ?',
      [principal.tenantId, r.form_key, r.form_version],
    );
    const catalog = await this.deps.catalogs.get(em, principal.tenantId);
    const masked = maskPersonalData(r.variables, catalog);
    const loaded = await this.deps.definitions.byId(em, principal.tenantId, r.definition_version_id);
    const [task] = await new TaskViewBuilder(this.deps, em, principal.tenantId, this.deps.clock.now()).build([r]);
    const open = r.status === 'open';
    const mine = r.status === 'claimed' && r.assignee_id === principal.userId;
    const offlineAllowed = loaded.process.elements.get(r.element_id)?.offlineAllowed === true;
    return {
      task: task!,
      procedure: { key: r.process_key, name: r.procedure_name },
      case: { id: r.case_id, ...caseHeadline(r.variables, catalog), variables: masked.value, maskedFields: masked.masked },
      form: { key: r.form_key, version: r.form_version, title: form?.title ?? r.form_key, schema: form?.schema ?? {}, uiSchema: form?.ui_schema ?? null },
      draft: mine ? r.draft : null,
      submission: r.submission ? maskPersonalData(r.submission, catalog).value : null,
      offline: { allowed: offlineAllowed, channels: offlineAllowed ? (r.settings.offlineDelivery?.channels ?? []) : [] },
      can: {
        claim: open && r.candidate,
        unclaim: mine,
        complete: mine || (open && r.candidate),
        return: mine || (open && r.candidate),
        delegate: (open || r.status === 'claimed') && (mine || r.supervisor || (open && r.candidate)),
      },
    };
  }

  /** Colleagues the user may delegate the task to: candidates sharing one of its departments with the user. */
  async delegates(em: EntityManager, principal: Principal, taskId: string): Promise<{ id: string; name: string; department: string }[]> {
    await assertTaskVisible(em, principal, taskId);
    return em.execute<{ id: string; name: string; department: string }[]>(
      `select distinct u.id, u.display_name as name, d.name as department
         from task t
         join membership mine on mine.tenant_id = t.tenant_id and mine.user_id = ? and mine.department_id = any(t.candidate_department_ids)
         join membership m on m.department_id = mine.department_id and (cardinality(t.candidate_roles) = 0 or m.role = any(t.candidate_roles))
         join app_user u on u.id = m.user_id
         join department d on d.id = m.department_id
        where t.id = ? and t.tenant_id = ? and u.active and u.id <> ? and u.id is distinct from t.assignee_id
        order by d.name, u.display_name`,
      [principal.userId, taskId, principal.tenantId, principal.userId],
    );
  }
}
