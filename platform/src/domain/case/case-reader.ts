import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import { ForbiddenError } from '../../errors/problem-error';
import type { AuditLog } from '../audit/audit-log';
import type { Principal } from '../auth/principal';
import type { CalendarService } from '../calendar/calendar-service';
import type { TenantSettings } from '../tenant/tenant.entity';
import { TASK_VIEW_COLUMNS, TaskViewBuilder, type TaskView, type TaskViewRow } from '../task/task-view';
import { assertCaseVisible, caseScope, visibleCases, type CaseScope } from './case-access';
import type { CaseStatus } from './case-instance.entity';
import { renderTimeline, type TimelineLine } from './case-timeline';
import type { FieldCatalogCache } from './field-catalog-cache';
import { maskPersonalData } from './mask-personal-data';

/** A linked case as the case page lists it. */
export interface LinkedCase {
  id: string;
  procedure: { key: string; name: string };
  status: CaseStatus;
  kind: 'parent' | 'call' | 'push' | 'message';
  direction: 'from' | 'to';
}

export interface CaseDetail {
  id: string;
  procedure: { key: string; name: string; version: number; legalBasis: string | null };
  status: CaseStatus;
  startedAt: string;
  endedAt: string | null;
  startedBy: { id: string; name: string } | null;
  department: { id: string; name: string } | null;
  /** Personal data masked (see maskedFields) unless revealed through {@link CaseReader.reveal}. */
  variables: Record<string, unknown>;
  maskedFields: string[];
  /** Whether this user may reveal the masked fields (each reveal is audited). */
  canReveal: boolean;
  tasks: TaskView[];
  links: LinkedCase[];
  offlineDeliveries: { taskId: string; channel: string; documentNumber: string; deliveredOn: string; attachmentId: string | null; recordedAt: string }[];
  attachments: { id: string; fileName: string; contentType: string; sizeBytes: number; uploadedAt: string }[];
  version: number;
}

interface CaseRow {
  id: string;
  process_key: string;
  procedure_name: string;
  procedure_version: number;
  legal_basis: string | null;
  status: CaseStatus;
  started_at: string;
  ended_at: string | null;
  started_by: string | null;
  starter_name: string | null;
  department_id: string | null;
  department_name: string | null;
  variables: Record<string, unknown>;
  parent_case_id: string | null;
  settings: TenantSettings;
  version: number;
}

const iso = (v: string | Date) => new Date(v).toISOString();

/**
 * The read side of a case: its page (variables masked, tasks with their
 * deadline cards, linked cases, offline deliveries, evidence), its
 * readable timeline, and the audited reveal of personal data.
 */
export class CaseReader {
  constructor(private readonly deps: { clock: Clock; audit: AuditLog; calendars: CalendarService; catalogs: FieldCatalogCache }) {}

  async detail(em: EntityManager, principal: Principal, caseId: string): Promise<CaseDetail> {
    await assertCaseVisible(em, principal, caseId);
    const row = await this.caseRow(em, principal.tenantId, caseId);
    const catalog = await this.deps.catalogs.get(em, principal.tenantId);
    const masked = maskPersonalData(row.variables, catalog);
    const taskRows = await em.execute<TaskViewRow[]>(`select ${TASK_VIEW_COLUMNS} from task t where t.case_id = ? and t.tenant_id = ? order by t.created_at, t.id`, [caseId, principal.tenantId]);
    const [links, deliveries, attachments] = await Promise.all([
      this.links(em, caseScope(principal), row),
      em.execute<{ task_id: string; channel: string; document_number: string; delivered_on: string | Date; attachment_id: string | null; recorded_at: string }[]>(
        'select task_id, channel, document_number, delivered_on::text as delivered_on, attachment_id, recorded_at from offline_delivery where case_id = ? and tenant_id = ? order by recorded_at',
        [caseId, principal.tenantId],
      ),
      em.execute<{ id: string; file_name: string; content_type: string; size_bytes: number; uploaded_at: string }[]>(
        'select id, file_name, content_type, size_bytes, uploaded_at from attachment where case_id = ? and tenant_id = ? order by uploaded_at, id',
        [caseId, principal.tenantId],
      ),
    ]);
    return {
      id: row.id,
      procedure: { key: row.process_key, name: row.procedure_name, version: row.procedure_version, legalBasis: row.legal_basis },
      status: row.status,
      startedAt: iso(row.started_at),
      endedAt: row.ended_at ? iso(row.ended_at) : null,
      startedBy: row.started_by ? { id: row.started_by, name: row.starter_name ?? '' } : null,
      department: row.department_id ? { id: row.department_id, name: row.department_name ?? '' } : null,
      variables: masked.value,
      maskedFields: masked.masked,
      canReveal: mayReveal(principal, row.settings),
      tasks: await new TaskViewBuilder(this.deps, em, principal.tenantId, this.deps.clock.now()).build(taskRows),
      links,
      offlineDeliveries: deliveries.map((d) => ({
        taskId: d.task_id,
        channel: d.channel,
        documentNumber: d.document_number,
        deliveredOn: String(d.delivered_on).slice(0, 10),
        attachmentId: d.attachment_id,
        recordedAt: iso(d.recorded_at),
      })),
      attachments: attachments.map((a) => ({ id: a.id, fileName: a.file_name, contentType: a.content_type, sizeBytes: Number(a.size_bytes), uploadedAt: iso(a.uploaded_at) })),
      version: row.version,
    };
  }

  /** The case's audit events as readable lines, each with the article its step implements; values masked. */
  async timeline(em: EntityManager, principal: Principal, caseId: string, options: { detail?: 'summary' | 'full'; locale?: 'zh-CN' | 'en' } = {}): Promise<TimelineLine[]> {
    await assertCaseVisible(em, principal, caseId);
    const catalog = await this.deps.catalogs.get(em, principal.tenantId);
    const events = await em.execute<{ seq: string; at: string; actor_id: string | null; actor_label: string; action: string; payload: Record<string, unknown> }[]>(
      "select seq, at, actor_id, actor_label, action, payload from audit_event where tenant_id = ? and subject_type = 'case' and subject_id = ? order by seq",
      [principal.tenantId, caseId],
    );
    const [departments, users, processes] = await Promise.all([
      em.execute<{ id: string; code: string; name: string }[]>('select id, code, name from department where tenant_id = ?', [principal.tenantId]),
      // Actors and the people tasks were delegated to.
      em.execute<{ id: string; display_name: string }[]>(
        `select u.id, u.display_name from app_user u where u.tenant_id = ? and u.id::text in (
           select coalesce(e.actor_id::text, '') from audit_event e where e.tenant_id = ? and e.subject_type = 'case' and e.subject_id = ?
           union select e.payload->>'toUserId' from audit_event e where e.tenant_id = ? and e.subject_type = 'case' and e.subject_id = ? and e.action = 'task.delegated')`,
        [principal.tenantId, principal.tenantId, caseId, principal.tenantId, caseId],
      ),
      em.execute<{ process_key: string; name: string }[]>('select distinct on (process_key) process_key, name from definition_version where tenant_id = ? order by process_key, version desc', [principal.tenantId]),
    ]);
    return renderTimeline(
      events.map((e) => ({ seq: Number(e.seq), at: new Date(e.at), actorId: e.actor_id, actorLabel: e.actor_label, action: e.action, payload: maskPersonalData(e.payload, catalog).value })),
      {
        departments: new Map(departments.flatMap((d) => [[d.id, d.name] as const, [d.code, d.name] as const])),
        users: new Map(users.map((u) => [u.id, u.display_name])),
        processes: new Map(processes.map((p) => [p.process_key, p.name])),
        ...(catalog.titles ? { fields: catalog.titles } : {}),
      },
      options,
    );
  }

  /**
   * The case's variables in full, for a user whose role the pack allows to
   * see personal data, with a stated reason. The reveal is audited (who,
   * which fields, why) in the same transaction that reads the data.
   * @throws ForbiddenError when the user's roles may not reveal personal data.
   */
  async reveal(em: EntityManager, principal: Principal, caseId: string, reason: string): Promise<{ variables: Record<string, unknown>; revealedFields: string[] }> {
    return em.transactional(async (tx) => {
      await assertCaseVisible(tx, principal, caseId);
      const row = await this.caseRow(tx, principal.tenantId, caseId);
      if (!mayReveal(principal, row.settings)) throw new ForbiddenError('Your roles may not see personal data in full.');
      const catalog = await this.deps.catalogs.get(tx, principal.tenantId);
      const fields = maskPersonalData(row.variables, catalog).masked;
      await this.deps.audit.append(tx, principal.tenantId, [
        { actor: { id: principal.userId, label: principal.login }, action: 'pii.revealed', subject: { type: 'case', id: caseId }, payload: { fields, reason } },
      ]);
      return { variables: row.variables, revealedFields: fields };
    });
  }

  private async caseRow(em: EntityManager, tenantId: string, caseId: string): Promise<CaseRow> {
    const [row] = await em.execute<CaseRow[]>(
      `select c.id, c.process_key, dv.name as procedure_name, dv.version as procedure_version, dv.legal_basis, c.status, c.started_at, c.ended_at,
              c.started_by, u.display_name as starter_name, c.department_id, d.name as department_name, c.variables, c.parent_case_id, tn.settings, c.version
         from case_instance c
         join definition_version dv on dv.id = c.definition_version_id
         join tenant tn on tn.id = c.tenant_id
         left join app_user u on u.id = c.started_by
         left join department d on d.id = c.department_id
        where c.id = ? and c.tenant_id = ?`,
      [caseId, tenantId],
    );
    return row!;
  }

  /** Parent, children and pushes, as far as the user may read them. */
  private async links(em: EntityManager, scope: CaseScope, row: CaseRow): Promise<LinkedCase[]> {
    const tenantId = scope.tenantId;
    const visible = visibleCases(scope);
    const rows = await em.execute<{ id: string; process_key: string; name: string; status: CaseStatus; kind: LinkedCase['kind']; direction: 'from' | 'to' }[]>(
      `select c.id, c.process_key, dv.name, c.status, l.kind, 'to' as direction
         from case_link l join case_instance c on c.id = l.to_case_id join definition_version dv on dv.id = c.definition_version_id
        where l.from_case_id = ? and l.tenant_id = ? and ${visible.sql}
       union all
       select c.id, c.process_key, dv.name, c.status, l.kind, 'from' as direction
         from case_link l join case_instance c on c.id = l.from_case_id join definition_version dv on dv.id = c.definition_version_id
        where l.to_case_id = ? and l.tenant_id = ? and ${visible.sql}`,
      [row.id, tenantId, ...visible.params, row.id, tenantId, ...visible.params],
    );
    const links = rows.map((r) => ({ id: r.id, procedure: { key: r.process_key, name: r.name }, status: r.status, kind: r.kind, direction: r.direction }));
    if (row.parent_case_id && !links.some((l) => l.id === row.parent_case_id)) {
      const [p] = await em.execute<{ id: string; process_key: string; name: string; status: CaseStatus }[]>(
        `select c.id, c.process_key, dv.name, c.status from case_instance c join definition_version dv on dv.id = c.definition_version_id where c.id = ? and ${visible.sql}`,
        [row.parent_case_id, ...visible.params],
      );
      if (p) links.unshift({ id: p.id, procedure: { key: p.process_key, name: p.name }, status: p.status, kind: 'parent', direction: 'from' });
    }
    return links;
  }
}

/** The pack decides which roles may see personal data in full (none when it says nothing). */
export function mayReveal(principal: Principal, settings: TenantSettings): boolean {
  const roles = settings.personalData?.revealRoles ?? [];
  return principal.memberships.some((m) => roles.includes(m.role));
}
