import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../../../platform/src/clock';
import type { AuditActor } from '../../../platform/src/domain/audit/audit-log';
import { claimTask, completeTask, type TaskActor } from '../../../platform/src/engine/commands/task-commands';
import { createServices, type Services } from '../../../platform/src/services';
import { cheapHasher, createTestTenant, testPack } from '../../helpers/test-app';

const FIXTURES = path.resolve(__dirname, '../fixtures');
/** A fixture of tests/bench/fixtures as text. */
export const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

/** The three supervising departments every approval is pushed to. */
export const PUSH_DEPARTMENTS = ['market', 'health', 'ecology'] as const;

/** The start payload: an approval decision of realistic size (about 600 bytes of JSON). */
export function approvalPayload(i: number): Record<string, unknown> {
  return {
    departments: [...PUSH_DEPARTMENTS],
    approval: {
      licenceNo: `鲁审批许字〔2024〕第${String(i).padStart(6, '0')}号`,
      holder: `测试县某某餐饮管理有限公司第${i}分店`,
      creditCode: `91370881MA3C${String(i % 1_000_000).padStart(6, '0')}`,
      matter: '食品经营许可（新办）',
      address: '测试县城关街道文化路 88 号',
      decidedAt: '2024-03-04',
      decision: '准予许可',
      scope: ['预包装食品销售', '散装食品销售', '热食类食品制售'],
    },
  };
}

/** One county set up for the benchmark on a database: three supervising departments, the bench forms and procedures. */
export interface EngineWorkload {
  services: Services;
  tenantId: string;
  /** The staff account of each department, as the task commands see it. */
  staff: Map<string, TaskActor>;
  actor: AuditActor;
  em(): ReturnType<MikroORM['em']['fork']>;
}

/**
 * Create the county with the production tenant-creation code and publish
 * the bench forms and procedures (tests/bench/fixtures). The clock stands on
 * a Monday in Shanghai so 3WD deadlines land on the statutory calendar.
 */
export async function setUpEngineWorkload(orm: MikroORM, tenantCode = 'benchcounty'): Promise<EngineWorkload> {
  const clock = new ManualClock('2024-03-04T02:00:00Z');
  const services = createServices({ clock, hasher: cheapHasher, sessionTtlHours: 12 });
  const pack = testPack(tenantCode);
  pack.manifest.departments.push({ code: 'ecology', name: '测试县生态环境分局', kind: 'supervising' });
  const tenant = await createTestTenant(orm.em.fork(), { clock, ...services }, tenantCode, pack);
  const actor: AuditActor = { id: null, label: 'bench' };
  await services.forms.publish(orm.em.fork(), {
    tenantId: tenant.id,
    formKey: 'bench-approval-start',
    title: '审批决定',
    actor,
    schema: {
      type: 'object',
      required: ['departments', 'approval'],
      properties: {
        departments: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
        approval: {
          type: 'object',
          required: ['licenceNo', 'holder'],
          properties: {
            licenceNo: { type: 'string', minLength: 1 },
            holder: { type: 'string', minLength: 1 },
            creditCode: { type: 'string', pattern: '^[0-9A-Z]{18}$' },
            matter: { type: 'string' },
            address: { type: 'string' },
            decidedAt: { type: 'string', format: 'date' },
            decision: { type: 'string', enum: ['准予许可', '不予许可'] },
            scope: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  });
  await services.forms.publish(orm.em.fork(), {
    tenantId: tenant.id,
    formKey: 'bench-claim',
    title: '认领',
    actor,
    schema: {
      type: 'object',
      required: ['decision'],
      properties: { decision: { type: 'string', enum: ['claimed', 'returned'] }, note: { type: 'string', maxLength: 500 } },
      additionalProperties: false,
    },
  });
  await services.definitions.publish(orm.em.fork(), { tenantId: tenant.id, xml: fixture('bench-approval-push.bpmn'), actor });
  await services.definitions.publish(orm.em.fork(), { tenantId: tenant.id, xml: fixture('bench-single-task.bpmn'), actor });
  const staff = new Map<string, TaskActor>();
  for (const code of PUSH_DEPARTMENTS) {
    const [row] = await orm.em.fork().execute<{ id: string }[]>('select id from app_user where tenant_id = ? and login = ?', [tenant.id, `${code}-staff`]);
    staff.set(code, { tenantId: tenant.id, userId: row!.id, actor: { id: row!.id, label: `${code}-staff` } });
  }
  return { services, tenantId: tenant.id, staff, actor, em: () => orm.em.fork() };
}

/** Which commands one approval-push case ran (for the statement counts). */
export type ApprovalStep = 'start' | 'claim' | 'complete';

/**
 * One approval-push case end to end: start with the payload (the push starts
 * three linked claim cases), then each department's staff claims and
 * completes its claim task. `onStep` sees each command as it finishes.
 */
export async function runApprovalCase(w: EngineWorkload, i: number, onStep?: (step: ApprovalStep) => void): Promise<void> {
  const { caseId } = await w.services.engine.startCase(w.em(), { tenantId: w.tenantId, processKey: 'bench-approval', variables: approvalPayload(i), actor: w.actor });
  onStep?.('start');
  const tasks = await w.em().execute<{ id: string; code: string }[]>(
    `select t.id, c.variables->>'targetDepartment' as code from case_link l join case_instance c on c.id = l.to_case_id join task t on t.case_id = c.id
      where l.tenant_id = ? and l.from_case_id = ? and t.status = 'open'`,
    [w.tenantId, caseId],
  );
  if (tasks.length !== PUSH_DEPARTMENTS.length) throw new Error(`case ${caseId}: expected ${PUSH_DEPARTMENTS.length} claim tasks, found ${tasks.length}`);
  for (const t of tasks) {
    const who = w.staff.get(t.code)!;
    await claimTask(w.services.engine, w.em(), who, t.id);
    onStep?.('claim');
    await completeTask(w.services.engine, w.em(), who, t.id, { decision: 'claimed', note: '已认领，纳入日常监管' });
    onStep?.('complete');
  }
}

/** One single-task case: start, then the market staff completes the task (which claims it implicitly). */
export async function runSingleTaskCase(w: EngineWorkload): Promise<void> {
  const { caseId } = await w.services.engine.startCase(w.em(), { tenantId: w.tenantId, processKey: 'bench-single', variables: { applicant: '某某', amount: 1 }, actor: w.actor });
  const [task] = await w.em().execute<{ id: string }[]>("select id from task where case_id = ? and status = 'open'", [caseId]);
  await completeTask(w.services.engine, w.em(), w.staff.get('market')!, task!.id, { decision: 'claimed' });
}

/** Checks after a run: every case of the run completed, and nothing is left open. */
export async function assertAllDone(w: EngineWorkload): Promise<{ cases: number; openTasks: number; incidents: number }> {
  const [row] = await w.em().execute<{ active: string; cases: string; open_tasks: string; incidents: string }[]>(
    `select (select count(*) from case_instance where tenant_id = ? and status <> 'completed') as active,
            (select count(*) from case_instance where tenant_id = ?) as cases,
            (select count(*) from task where tenant_id = ? and status in ('open', 'claimed')) as open_tasks,
            (select count(*) from incident where tenant_id = ?) as incidents`,
    [w.tenantId, w.tenantId, w.tenantId, w.tenantId],
  );
  if (Number(row!.active) !== 0 || Number(row!.open_tasks) !== 0 || Number(row!.incidents) !== 0) {
    throw new Error(`run left work undone: ${row!.active} cases not completed, ${row!.open_tasks} open tasks, ${row!.incidents} incidents`);
  }
  return { cases: Number(row!.cases), openTasks: 0, incidents: 0 };
}
