import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import type { AuditActor, AuditLog } from '../../domain/audit/audit-log';
import type { CalendarService } from '../../domain/calendar/calendar-service';
import { caseHeadline } from '../../domain/case/case-headline';
import type { FieldCatalog } from '../../domain/case/field-catalog';
import type { FieldCatalogCache } from '../../domain/case/field-catalog-cache';
import { NotFoundError, ValidationError } from '../../errors/problem-error';
import type { JobHandlers } from '../../scheduler/job-handler';
import type { JobScheduler } from '../../scheduler/job-scheduler';
import type { DefinitionService, LoadedDefinition } from '../definitions/definition-service';
import type { FormService } from '../definitions/form-service';
import type { CaseState } from '../runtime/case-state';
import { applyCaseMigration } from './apply-case-migration';
import { planCaseMigration, type ElementMapping, type ElementMove } from './plan-case-migration';
import { proposeMapping, type MappingProposal } from './propose-mapping';

/** The job that migrates the next batch of a plan's cases. */
export const MIGRATION_BATCH_JOB = 'definitions.migration-batch';
/** Cases per batch job: small enough that one job's transaction stays short, large enough that a plan of thousands needs few jobs. */
const BATCH_SIZE = 25;

export interface MigrationRequest {
  tenantId: string;
  processKey: string;
  fromVersion: number;
  toVersion: number;
  mapping: ElementMapping;
  recomputeDeadlines: boolean;
}

export interface DryRunCase {
  caseId: string;
  title: string;
  startedAt: Date;
  migratable: boolean;
  reasons: string[];
  moves: ElementMove[];
}

export type CaseOutcomeStatus = 'pending' | 'migrated' | 'skipped' | 'failed';

export interface PlanView {
  id: string;
  processKey: string;
  fromVersion: number;
  toVersion: number;
  mapping: Record<string, string | null>;
  recomputeDeadlines: boolean;
  status: 'running' | 'done';
  createdAt: Date;
  createdBy: string | null;
  finishedAt: Date | null;
  progress: Record<'total' | CaseOutcomeStatus, number>;
}

export interface MigrationDeps {
  clock: Clock;
  audit: AuditLog;
  jobs: JobScheduler;
  forms: FormService;
  calendars: CalendarService;
  definitions: DefinitionService;
  catalogs: FieldCatalogCache;
}

const SYSTEM: AuditActor = { id: null, label: 'system' };

/** How a case is named in the migration views: its (masked) headline, else its business key, else its id's start. */
function titleOf(caseId: string, businessKey: string | null, variables: Record<string, unknown>, catalog: FieldCatalog): string {
  const head = caseHeadline(variables, catalog);
  return head.counterparty ?? head.documentNumber ?? businessKey ?? caseId.slice(0, 8);
}

/**
 * Moving running cases from one version of a procedure to another: the
 * proposed element mapping, a dry run that judges every running case, and
 * plans executed as background batch jobs with an outcome per case.
 *
 * Why jobs: a county can have thousands of running cases of a procedure;
 * each batch runs in the worker's transaction with a savepoint per case, so
 * a case whose migration fails is rolled back alone, progress is visible
 * between batches, and a crash resumes from the pending rows.
 */
export class MigrationService {
  constructor(private readonly deps: MigrationDeps) {}

  /** The mapping bpmn-js-differ suggests from A to B, the elements to choose from, and how many cases run on A. */
  async proposal(em: EntityManager, tenantId: string, processKey: string, fromVersion: number, toVersion: number): Promise<MappingProposal & { runningCases: number }> {
    const { from, to } = await this.versions(em, tenantId, processKey, fromVersion, toVersion);
    const xml = await em.execute<{ id: string; bpmn_xml: string }[]>('select id, bpmn_xml from definition_version where id in (?, ?)', [from.version.id, to.version.id]);
    const xmlOf = (id: string) => xml.find((r) => r.id === id)!.bpmn_xml;
    const proposal = await proposeMapping(xmlOf(from.version.id), xmlOf(to.version.id), from.process, to.process);
    const [count] = await em.execute<{ n: string }[]>("select count(*) as n from case_instance where tenant_id = ? and definition_version_id = ? and status = 'active'", [tenantId, from.version.id]);
    return { ...proposal, runningCases: Number(count!.n) };
  }

  /** Judge every running case on A against the mapping, changing nothing. */
  async dryRun(em: EntityManager, request: MigrationRequest): Promise<{ summary: { total: number; migratable: number; blocked: number }; cases: DryRunCase[] }> {
    const { from, to } = await this.versions(em, request.tenantId, request.processKey, request.fromVersion, request.toVersion);
    this.checkMapping(request.mapping, from, to);
    const catalog = await this.deps.catalogs.get(em, request.tenantId);
    const rows = await em.execute<{ id: string; business_key: string | null; variables: Record<string, unknown>; state: CaseState; started_at: Date }[]>(
      "select id, business_key, variables, state, started_at from case_instance where tenant_id = ? and definition_version_id = ? and status = 'active' order by started_at, id",
      [request.tenantId, from.version.id],
    );
    const cases = rows.map((row) => {
      const plan = planCaseMigration(from.process, to.process, row.state, request.mapping);
      return {
        caseId: row.id,
        title: titleOf(row.id, row.business_key, row.variables, catalog),
        startedAt: new Date(row.started_at),
        migratable: plan.migratable,
        reasons: plan.reasons,
        moves: plan.moves,
      };
    });
    const migratable = cases.filter((c) => c.migratable).length;
    return { summary: { total: cases.length, migratable, blocked: cases.length - migratable }, cases };
  }

  /** Record a plan for every case running on A now, and queue its first batch. Audited `migration.started`. */
  async start(em: EntityManager, request: MigrationRequest, actor: AuditActor): Promise<PlanView> {
    return em.transactional(async (tx) => {
      const { from, to } = await this.versions(tx, request.tenantId, request.processKey, request.fromVersion, request.toVersion);
      this.checkMapping(request.mapping, from, to);
      const id = randomUUID();
      const now = this.deps.clock.now();
      await tx.execute(
        `insert into migration_plan (id, tenant_id, process_key, from_version_id, to_version_id, mapping, recompute_deadlines, status, created_by, created_at)
         values (?, ?, ?, ?, ?, ?::jsonb, ?, 'running', ?, ?)`,
        [id, request.tenantId, request.processKey, from.version.id, to.version.id, JSON.stringify(request.mapping), request.recomputeDeadlines, actor.id, now],
      );
      await tx.execute(
        `insert into migration_case (plan_id, case_id, tenant_id, status) select ?, id, tenant_id, 'pending' from case_instance where tenant_id = ? and definition_version_id = ? and status = 'active'`,
        [id, request.tenantId, from.version.id],
      );
      await this.deps.audit.append(tx, request.tenantId, [
        { actor, action: 'migration.started', subject: { type: 'definition', id: request.processKey }, payload: { planId: id, fromVersion: from.version.version, toVersion: to.version.version, mapping: request.mapping, recomputeDeadlines: request.recomputeDeadlines } },
      ]);
      await this.queueBatch(tx, request.tenantId, id, 1);
      return (await this.plan(tx, request.tenantId, id)).plan;
    });
  }

  /** A plan with its progress and, for the detail view, every case's outcome. */
  async plan(em: EntityManager, tenantId: string, id: string): Promise<{ plan: PlanView; cases: { caseId: string; title: string; status: CaseOutcomeStatus; reason: string | null; at: Date | null }[] }> {
    const [plan] = await this.plans(em, tenantId, { id });
    if (!plan) throw new NotFoundError(`No migration plan ${id}.`);
    const catalog = await this.deps.catalogs.get(em, tenantId);
    const rows = await em.execute<{ case_id: string; status: CaseOutcomeStatus; reason: string | null; at: Date | null; business_key: string | null; variables: Record<string, unknown> }[]>(
      `select m.case_id, m.status, m.reason, m.at, c.business_key, c.variables
         from migration_case m join case_instance c on c.id = m.case_id
        where m.plan_id = ? and m.tenant_id = ? order by c.started_at, m.case_id`,
      [id, tenantId],
    );
    return {
      plan,
      cases: rows.map((r) => ({ caseId: r.case_id, title: titleOf(r.case_id, r.business_key, r.variables, catalog), status: r.status, reason: r.reason, at: r.at ? new Date(r.at) : null })),
    };
  }

  /** Plans of a procedure (or one plan), newest first, with their progress counts. */
  async plans(em: EntityManager, tenantId: string, filter: { processKey?: string; id?: string }): Promise<PlanView[]> {
    const rows = await em.execute<
      { id: string; process_key: string; from_version: number; to_version: number; mapping: Record<string, string | null>; recompute_deadlines: boolean; status: 'running' | 'done'; created_at: Date; created_by: string | null; finished_at: Date | null; counts: Record<string, number> | null }[]
    >(
      `select p.id, p.process_key, fv.version as from_version, tv.version as to_version, p.mapping, p.recompute_deadlines, p.status, p.created_at, u.display_name as created_by, p.finished_at,
              (select jsonb_object_agg(s.status, s.n) from (select status, count(*) as n from migration_case c where c.plan_id = p.id group by status) s) as counts
         from migration_plan p
         join definition_version fv on fv.id = p.from_version_id
         join definition_version tv on tv.id = p.to_version_id
         left join app_user u on u.id = p.created_by
        where p.tenant_id = ?${filter.processKey ? ' and p.process_key = ?' : ''}${filter.id ? ' and p.id = ?' : ''}
        order by p.created_at desc, p.id`,
      [tenantId, ...(filter.processKey ? [filter.processKey] : []), ...(filter.id ? [filter.id] : [])],
    );
    return rows.map((r) => {
      const count = (s: CaseOutcomeStatus) => Number(r.counts?.[s] ?? 0);
      const progress = { pending: count('pending'), migrated: count('migrated'), skipped: count('skipped'), failed: count('failed') };
      return {
        id: r.id,
        processKey: r.process_key,
        fromVersion: Number(r.from_version),
        toVersion: Number(r.to_version),
        mapping: r.mapping,
        recomputeDeadlines: r.recompute_deadlines,
        status: r.status,
        createdAt: new Date(r.created_at),
        createdBy: r.created_by,
        finishedAt: r.finished_at ? new Date(r.finished_at) : null,
        progress: { total: progress.pending + progress.migrated + progress.skipped + progress.failed, ...progress },
      };
    });
  }

  /** The worker's handler for batch jobs. */
  jobHandlers(): JobHandlers {
    return { [MIGRATION_BATCH_JOB]: (em, job) => this.runBatch(em, job.tenantId, job.payload as { planId: string; batch: number }) };
  }

  /**
   * Migrate the next cases of a plan, each under its own savepoint: a case
   * that throws is rolled back to exactly what it was and recorded as
   * failed with the error; then queue the next batch or close the plan.
   */
  private async runBatch(em: EntityManager, tenantId: string, payload: { planId: string; batch: number }): Promise<void> {
    const [plan] = await em.execute<{ process_key: string; from_version_id: string; to_version_id: string; mapping: ElementMapping; recompute_deadlines: boolean; created_by: string | null; status: string }[]>(
      'select process_key, from_version_id, to_version_id, mapping, recompute_deadlines, created_by, status from migration_plan where id = ? and tenant_id = ? for update',
      [payload.planId, tenantId],
    );
    if (!plan || plan.status !== 'running') return;
    const from = await this.deps.definitions.byId(em, tenantId, plan.from_version_id);
    const to = await this.deps.definitions.byId(em, tenantId, plan.to_version_id);
    const pending = await em.execute<{ case_id: string }[]>("select case_id from migration_case where plan_id = ? and status = 'pending' order by case_id limit ?", [payload.planId, BATCH_SIZE]);
    const actor = plan.created_by ? { id: plan.created_by, label: 'migration' } : SYSTEM;
    for (const { case_id } of pending) {
      const now = this.deps.clock.now();
      let status: CaseOutcomeStatus;
      let reason: string | null = null;
      try {
        const outcome = await em.transactional((tx) =>
          applyCaseMigration(tx, this.deps, { tenantId, caseId: case_id, from, to, mapping: plan.mapping, recomputeDeadlines: plan.recompute_deadlines, planId: payload.planId, actor, now }),
        );
        status = outcome.status;
        if (outcome.status === 'skipped') reason = outcome.reason;
      } catch (err) {
        status = 'failed';
        reason = `迁移失败，已回滚：${(err as Error).message}`.slice(0, 2000);
      }
      await em.execute('update migration_case set status = ?, reason = ?, at = ? where plan_id = ? and case_id = ?', [status, reason, now, payload.planId, case_id]);
    }
    const [left] = await em.execute<{ n: string }[]>("select count(*) as n from migration_case where plan_id = ? and status = 'pending'", [payload.planId]);
    if (Number(left!.n) > 0) {
      await this.queueBatch(em, tenantId, payload.planId, payload.batch + 1);
      return;
    }
    await em.execute("update migration_plan set status = 'done', finished_at = ? where id = ?", [this.deps.clock.now(), payload.planId]);
    const [counts] = await this.plans(em, tenantId, { id: payload.planId });
    await this.deps.audit.append(em, tenantId, [{ actor, action: 'migration.finished', subject: { type: 'definition', id: plan.process_key }, payload: { planId: payload.planId, ...counts!.progress } }]);
  }

  private async queueBatch(em: EntityManager, tenantId: string, planId: string, batch: number): Promise<void> {
    await this.deps.jobs.schedule(em, { tenantId, type: MIGRATION_BATCH_JOB, dueAt: this.deps.clock.now(), payload: { planId, batch }, dedupeKey: `migration:${planId}:${batch}` });
  }

  private async versions(em: EntityManager, tenantId: string, processKey: string, fromVersion: number, toVersion: number): Promise<{ from: LoadedDefinition; to: LoadedDefinition }> {
    if (fromVersion === toVersion) throw new ValidationError('A migration needs two different versions.', [{ pointer: '/body/toVersion', message: 'must differ from fromVersion' }]);
    const rows = await em.execute<{ id: string; version: number }[]>(
      "select id, version from definition_version where tenant_id = ? and process_key = ? and version in (?, ?) and status = 'published'",
      [tenantId, processKey, fromVersion, toVersion],
    );
    const idOf = (v: number) => rows.find((r) => Number(r.version) === v)?.id;
    const fromId = idOf(fromVersion);
    const toId = idOf(toVersion);
    if (!fromId || !toId) throw new NotFoundError(`Procedure "${processKey}" has no published version ${!fromId ? fromVersion : toVersion}.`);
    return { from: await this.deps.definitions.byId(em, tenantId, fromId), to: await this.deps.definitions.byId(em, tenantId, toId) };
  }

  /** A mapping may only name elements of A, and only point at elements of B. */
  private checkMapping(mapping: ElementMapping, from: LoadedDefinition, to: LoadedDefinition): void {
    const errors = Object.entries(mapping).flatMap(([source, target]) => [
      ...(from.process.elements.has(source) ? [] : [{ pointer: `/body/mapping/${source}`, message: `version ${from.version.version} has no element "${source}"` }]),
      ...(target === null || to.process.elements.has(target) ? [] : [{ pointer: `/body/mapping/${source}`, message: `version ${to.version.version} has no element "${target}"` }]),
    ]);
    if (errors.length) throw new ValidationError('The mapping names elements the versions do not have.', errors);
  }
}
