import type { EntityManager } from '@mikro-orm/postgresql';
import pino from 'pino';
import { ManualClock } from '../../platform/src/clock';
import type { AuditActor } from '../../platform/src/domain/audit/audit-log';
import { claimTask, completeTask, returnTask, unclaimTask, type TaskActor } from '../../platform/src/engine/commands/task-commands';
import type { StartCaseInput } from '../../platform/src/engine/engine';
import { correlateMessage } from '../../platform/src/engine/commands/event-commands';
import type { CaseState } from '../../platform/src/engine/runtime/case-state';
import { JobWorker } from '../../platform/src/scheduler/job-worker';
import { createServices, type Services } from '../../platform/src/services';
import { cheapHasher, createTestTenant } from './test-app';
import { openTestDatabase, type TestDatabase } from './test-database';

/** A sequence flow, with an optional FEEL condition. */
export const flow = (id: string, from: string, to: string, condition?: string): string =>
  condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;

/** A user-task builder for one form: `task(id, department = 'market', extraAttributes = '')`. */
export const userTaskOf =
  (formKey: string) =>
  (id: string, dept = 'market', extra = ''): string =>
    `<bpmn:userTask id="${id}" cm:formKey="${formKey}" cm:candidateDepartments="${dept}" ${extra}/>`;

/** Wrap process XML in a BPMN definitions element with our cm namespace. */
export function bpmn(body: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:cm="http://shenguan.platform/schema/bpmn/cm/1.0" id="defs" targetNamespace="http://test">
${extra}
${body}
</bpmn:definitions>`;
}

/** One executable process in its own file (element ids are unique per file, so scenarios can reuse "start", "f1", ...). */
export function bpmnProcess(id: string, body: string, extra = ''): string {
  return bpmn(`<bpmn:process id="${id}" isExecutable="true">\n${body}\n</bpmn:process>`, extra);
}

/** A flow from `from` to a none end event `id`: the usual tail of a scenario path. */
export function endAfter(from: string, id = `end_${from}`): string {
  return `<bpmn:sequenceFlow id="${id}_in" sourceRef="${from}" targetRef="${id}"/><bpmn:endEvent id="${id}"/>`;
}

export interface TaskView {
  id: string;
  element_id: string;
  status: string;
  name: string;
  /** ISO instant, or null for a task without a deadline. */
  due_at: string | null;
  candidate_department_ids: string[];
  assignee_id: string | null;
}

/**
 * An engine on a real database (PostgreSQL or PGlite) with the production
 * service wiring, a test county, a manual clock, and a job worker driven by
 * hand: scenarios read as "given a definition, when a task is completed or
 * days pass, then these tasks, statuses and timers".
 */
export class EngineHarness {
  private constructor(
    readonly db: TestDatabase,
    readonly services: Services,
    readonly clock: ManualClock,
    readonly tenantId: string,
    private readonly worker: JobWorker,
  ) {}

  static async start(at = '2024-03-04T02:00:00Z'): Promise<EngineHarness> {
    const db = await openTestDatabase();
    const clock = new ManualClock(at);
    const services = createServices({ clock, hasher: cheapHasher, sessionTtlHours: 12 });
    const tenant = await createTestTenant(db.orm.em.fork(), { clock, ...services }, 'testcounty');
    const worker = new JobWorker({ orm: db.orm, clock, handlers: services.jobHandlers, workerId: 'test-worker', logger: pino({ level: 'silent' }), leaseMs: 60_000 });
    return new EngineHarness(db, services, clock, tenant.id, worker);
  }

  em(): EntityManager {
    return this.db.orm.em.fork();
  }

  actor: AuditActor = { id: null, label: 'tester' };

  async publishForm(formKey: string, schema: Record<string, unknown> = { type: 'object' }): Promise<void> {
    await this.services.forms.publish(this.em(), { tenantId: this.tenantId, formKey, title: formKey, schema, actor: this.actor });
  }

  async publish(xml: string): Promise<void> {
    await this.services.definitions.publish(this.em(), { tenantId: this.tenantId, xml, actor: this.actor });
  }

  async start(processKey: string, variables: Record<string, unknown> = {}, idempotencyKey?: string): Promise<string> {
    return (await this.services.engine.startCase(this.em(), { tenantId: this.tenantId, processKey, variables, actor: this.actor, idempotencyKey })).caseId;
  }

  async userId(login: string): Promise<string> {
    const [row] = await this.em().execute<{ id: string }[]>('select id from app_user where tenant_id = ? and login = ?', [this.tenantId, login]);
    return row!.id;
  }

  async departmentId(code: string): Promise<string> {
    const [row] = await this.em().execute<{ id: string }[]>('select id from department where tenant_id = ? and code = ?', [this.tenantId, code]);
    return row!.id;
  }

  /** A demo account as the task commands see it. */
  async who(login: string): Promise<TaskActor> {
    const userId = await this.userId(login);
    return { tenantId: this.tenantId, userId, actor: { id: userId, label: login } };
  }

  /** startCase with every option (message or timer start, idempotency key); the tenant and actor are filled in. */
  async startWith(input: Omit<StartCaseInput, 'tenantId' | 'actor'>): Promise<{ caseId: string; created: boolean }> {
    return this.services.engine.startCase(this.em(), { tenantId: this.tenantId, actor: this.actor, ...input });
  }

  async unclaim(taskId: string, login = 'market-staff'): Promise<void> {
    await unclaimTask(this.services.engine, this.em(), await this.who(login), taskId);
  }

  /** Any read-only query, for assertions on rows the helpers below do not cover. */
  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.em().execute<T[]>(sql, params);
  }

  async claim(taskId: string, login = 'market-staff'): Promise<void> {
    await claimTask(this.services.engine, this.em(), await this.who(login), taskId);
  }

  async complete(taskId: string, data: Record<string, unknown> = {}, login = 'market-staff'): Promise<void> {
    await completeTask(this.services.engine, this.em(), await this.who(login), taskId, data);
  }

  async returnTask(taskId: string, reason: string, login = 'market-staff'): Promise<void> {
    await returnTask(this.services.engine, this.em(), await this.who(login), taskId, reason);
  }

  async correlate(name: string, correlationKey: string | null, variables: Record<string, unknown> = {}) {
    return correlateMessage(this.services.engine, this.em(), { tenantId: this.tenantId, name, correlationKey, variables, actor: this.actor });
  }

  async tasks(caseId: string, status?: string): Promise<TaskView[]> {
    const rows = await this.em().execute<TaskView[]>(
      `select id, element_id, status, name, due_at, candidate_department_ids, assignee_id from task where case_id = ? ${status ? 'and status = ?' : ''} order by created_at, element_id`,
      status ? [caseId, status] : [caseId],
    );
    return rows.map((r) => ({ ...r, due_at: r.due_at === null ? null : new Date(r.due_at).toISOString() }));
  }

  async openTask(caseId: string, elementId: string): Promise<TaskView> {
    const found = (await this.tasks(caseId)).filter((t) => t.element_id === elementId && (t.status === 'open' || t.status === 'claimed'));
    if (found.length !== 1) throw new Error(`expected one open ${elementId} task in case ${caseId}, found ${found.length}`);
    return found[0]!;
  }

  async caseRow(caseId: string): Promise<{ status: string; variables: Record<string, unknown>; state: CaseState; version: number }> {
    const [row] = await this.em().execute<{ status: string; variables: Record<string, unknown>; state: CaseState; version: number }[]>('select status, variables, state, version from case_instance where id = ?', [caseId]);
    return row!;
  }

  async auditActions(caseId: string): Promise<string[]> {
    const rows = await this.em().execute<{ action: string }[]>("select action from audit_event where subject_type = 'case' and subject_id = ? order by seq", [caseId]);
    return rows.map((r) => r.action);
  }

  /** Run every job that is due now, repeatedly, until none is left (messages can cascade). */
  runDueJobs(): Promise<number> {
    return this.worker.runUntilIdle();
  }

  /** Move the clock to `iso` and fire what became due. */
  async advanceTo(iso: string): Promise<number> {
    this.clock.set(iso);
    return this.runDueJobs();
  }

  async pendingJobs(caseId?: string): Promise<{ type: string; status: string }[]> {
    return this.em().execute(`select type, status from job where tenant_id = ? ${caseId ? 'and case_id = ?' : ''} order by due_at`, caseId ? [this.tenantId, caseId] : [this.tenantId]);
  }

  /** Jobs with their due instants (ISO) and dedupe keys, in due order; of one case, or of the tenant. */
  async jobs(caseId?: string): Promise<{ type: string; status: string; due_at: string; dedupe_key: string | null; payload: Record<string, unknown> }[]> {
    const rows = await this.em().execute<{ type: string; status: string; due_at: Date; dedupe_key: string | null; payload: Record<string, unknown> }[]>(
      `select type, status, due_at, dedupe_key, payload from job where tenant_id = ? ${caseId ? 'and case_id = ?' : ''} order by due_at, id`,
      caseId ? [this.tenantId, caseId] : [this.tenantId],
    );
    return rows.map((r) => ({ ...r, due_at: new Date(r.due_at).toISOString() }));
  }

  /** Cases linked from `caseId` (call activity children, pushes, message starts), oldest first. */
  async links(caseId: string): Promise<{ to_case_id: string; kind: string; element_id: string }[]> {
    return this.em().execute('select to_case_id, kind, element_id from case_link where tenant_id = ? and from_case_id = ? order by created_at, to_case_id', [this.tenantId, caseId]);
  }

  /** Open message subscriptions of a case. */
  async subscriptions(caseId: string): Promise<{ element_id: string; message_name: string; correlation_key: string }[]> {
    return this.em().execute('select element_id, message_name, correlation_key from message_subscription where tenant_id = ? and case_id = ? order by created_at, element_id', [this.tenantId, caseId]);
  }

  /** Ids of the cases of a procedure, oldest first. */
  async casesOf(processKey: string): Promise<string[]> {
    const rows = await this.em().execute<{ id: string }[]>('select id from case_instance where tenant_id = ? and process_key = ? order by started_at, id', [this.tenantId, processKey]);
    return rows.map((r) => r.id);
  }

  async incidents(): Promise<{ error: string }[]> {
    return this.em().execute('select error from incident where tenant_id = ?', [this.tenantId]);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
