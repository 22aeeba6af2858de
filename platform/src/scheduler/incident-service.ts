import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../clock';
import type { AuditActor, AuditLog } from '../domain/audit/audit-log';
import { ConflictError, NotFoundError } from '../errors/problem-error';
import type { IncidentResolution } from './incident.entity';

/** An incident as shown to admins: which job failed, why, and whether someone dealt with it. */
export interface IncidentView {
  id: string;
  jobId: string;
  caseId: string | null;
  jobType: string;
  payload: Record<string, unknown>;
  error: string;
  attempts: number;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: IncidentResolution | null;
}

interface IncidentRow {
  id: string;
  job_id: string;
  case_id: string | null;
  job_type: string;
  payload: Record<string, unknown>;
  error: string;
  attempts: number;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: IncidentResolution | null;
}

/** Incident ids are uuids; anything else cannot exist, and must not reach the database as a cast error. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = 'id, job_id, case_id, job_type, payload, error, attempts, created_at, resolved_at, resolved_by, resolution';

/**
 * Where failed jobs surface. The worker records incidents; people resolve
 * them here: retry puts the job back to pending with fresh attempts (it was
 * never deleted, so nothing is lost), dismiss accepts the failure and removes
 * the job (the incident keeps its type, payload and error). Both are audited
 * and scoped by tenant; another tenant's incident is "not found".
 */
export class IncidentService {
  constructor(private readonly deps: { clock: Clock; audit: AuditLog }) {}

  /** Newest first; `open` limits to unresolved ones (what a dashboard shows). */
  async list(em: EntityManager, tenantId: string, filter: { open?: boolean; caseId?: string; limit?: number } = {}): Promise<IncidentView[]> {
    const clauses = ['tenant_id = ?'];
    const params: unknown[] = [tenantId];
    if (filter.open) clauses.push('resolved_at is null');
    if (filter.caseId !== undefined) {
      clauses.push('case_id = ?');
      params.push(filter.caseId);
    }
    params.push(filter.limit ?? 100);
    const rows = await em.execute<IncidentRow[]>(`select ${COLUMNS} from incident where ${clauses.join(' and ')} order by created_at desc, id limit ?`, params);
    return rows.map(toView);
  }

  /**
   * Resolve an incident by running its job again from attempt one, due now.
   * Throws NotFoundError for an unknown (or foreign) incident and
   * ConflictError if it is already resolved or its job was cancelled since.
   */
  async retry(em: EntityManager, input: { tenantId: string; incidentId: string; actor: AuditActor }): Promise<IncidentView> {
    return em.transactional(async (tx) => {
      const incident = await this.resolve(tx, input, 'retried');
      const moved = await tx.execute<{ id: string }[]>(
        `update job set status = 'pending', attempts = 0, due_at = ?, locked_by = null, locked_until = null
          where id = ? and tenant_id = ? and status = 'failed' returning id`,
        [this.deps.clock.now(), incident.jobId, input.tenantId],
      );
      if (moved.length === 0) throw new ConflictError(`The job of incident ${input.incidentId} no longer exists (its case ended or it was already retried); dismiss the incident instead.`);
      await this.audit(tx, input, incident, 'scheduler.incident.retried');
      return incident;
    });
  }

  /**
   * Resolve an incident by accepting the failure: its failed job is deleted
   * (freeing its dedupe key) and will not run. Throws NotFoundError for an
   * unknown incident and ConflictError if it is already resolved.
   */
  async dismiss(em: EntityManager, input: { tenantId: string; incidentId: string; actor: AuditActor; reason: string }): Promise<IncidentView> {
    return em.transactional(async (tx) => {
      const incident = await this.resolve(tx, input, 'dismissed');
      await tx.execute(`delete from job where id = ? and tenant_id = ? and status = 'failed'`, [incident.jobId, input.tenantId]);
      await this.audit(tx, input, incident, 'scheduler.incident.dismissed', { reason: input.reason });
      return incident;
    });
  }

  private async resolve(em: EntityManager, input: { tenantId: string; incidentId: string; actor: AuditActor }, resolution: IncidentResolution): Promise<IncidentView> {
    if (!UUID.test(input.incidentId)) throw new NotFoundError(`No incident ${input.incidentId}.`);
    const [row] = await em.execute<IncidentRow[]>(
      `update incident set resolved_at = ?, resolved_by = ?, resolution = ?
        where id = ? and tenant_id = ? and resolved_at is null returning ${COLUMNS}`,
      [this.deps.clock.now(), input.actor.id, resolution, input.incidentId, input.tenantId],
    );
    if (row) return toView(row);
    const [exists] = await em.execute<{ id: string }[]>('select id from incident where id = ? and tenant_id = ?', [input.incidentId, input.tenantId]);
    if (!exists) throw new NotFoundError(`No incident ${input.incidentId}.`);
    throw new ConflictError(`Incident ${input.incidentId} is already resolved.`);
  }

  private async audit(em: EntityManager, input: { tenantId: string; actor: AuditActor }, incident: IncidentView, action: string, extra: Record<string, unknown> = {}): Promise<void> {
    await this.deps.audit.append(em, input.tenantId, [
      { actor: input.actor, action, subject: { type: 'incident', id: incident.id }, payload: { jobId: incident.jobId, jobType: incident.jobType, caseId: incident.caseId, ...extra } },
    ]);
  }
}

function toView(row: IncidentRow): IncidentView {
  return {
    id: row.id,
    jobId: String(row.job_id),
    caseId: row.case_id,
    jobType: row.job_type,
    payload: row.payload,
    error: row.error,
    attempts: Number(row.attempts),
    createdAt: new Date(row.created_at).toISOString(),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
  };
}
