import { isDeepStrictEqual } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ManualClock } from '../../clock';
import { correlateMessage } from '../../engine/commands/event-commands';
import { claimTask, completeTask, returnTask } from '../../engine/commands/task-commands';
import { grantExtension } from '../../engine/definitions/validity-extensions';
import { ProblemError, ValidationError } from '../../errors/problem-error';
import type { Ajv } from '../../forms/ajv-factory';
import type { Services } from '../../services';
import { scenarioSchema, type Scenario, type ScenarioStep, type TaskRef } from './scenario-schema';

/** A scenario step that did not hold: names the scenario, the step and what differed. */
export class ScenarioFailure extends Error {
  constructor(readonly scenario: string, readonly step: number, detail: string) {
    super(`Scenario "${scenario}", step ${step + 1}: ${detail}`);
    this.name = 'ScenarioFailure';
  }
}

/** Check a scenario file against the format; throws with every problem listed. */
export function parseScenario(json: unknown, ajv: Ajv, file: string): Scenario {
  const validate = ajv.getSchema(scenarioSchema.$id) ?? ajv.compile(scenarioSchema);
  if (!validate(json)) throw new Error(`${file}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  return json as Scenario;
}

/**
 * Grant the 延期适用 a scenario set after the pack's sunset declares, as the
 * county's admin would have. Already extended at least as far (an earlier
 * scenario of the same county did it) is fine: extensions never shorten.
 */
async function extendFor(ctx: ScenarioContext, scenario: Scenario): Promise<void> {
  const { to, reason } = scenario.given.extension!;
  try {
    await grantExtension(ctx.orm.em.fork(), { clock: ctx.clock, audit: ctx.services.audit }, { tenantId: ctx.tenantId, processKey: scenario.procedure, extendedTo: to, reason, actor: { id: null, label: 'scenario' } });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
  }
}

/** What a scenario runs against: a tenant created from the pack, its services, a clock it may move and a way to fire due jobs. */
export interface ScenarioContext {
  orm: MikroORM;
  services: Services;
  clock: ManualClock;
  tenantId: string;
  /** Fire every job due now; returns how many ran. */
  runDueJobs(): Promise<number>;
}

interface TaskRow {
  id: string;
  case_id: string;
  element_id: string;
  status: string;
  due_at: string | null;
  legal_basis: string | null;
  departments: string[];
}

/** The end instant of a deadline that ends at 24:00 of `date` in Asia/Shanghai. */
const endOfDay = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();

/**
 * Run one scenario: start the procedure, then act and check step by step.
 * Tasks and rows are looked up in the started case and in the cases it
 * pushed or called, so a scenario can follow a decision across departments.
 */
export async function runScenario(ctx: ScenarioContext, scenario: Scenario): Promise<{ caseId: string }> {
  const em = () => ctx.orm.em.fork();
  const userId = async (login: string) => {
    const [row] = await em().execute<{ id: string }[]>('select id from app_user where tenant_id = ? and login = ?', [ctx.tenantId, login]);
    if (!row) throw new Error(`no user ${login} in the tenant`);
    return row.id;
  };
  const who = async (login: string) => ({ tenantId: ctx.tenantId, userId: await userId(login), actor: { id: await userId(login), label: login } });

  ctx.clock.set(scenario.given.at);
  const starter = await who(scenario.given.startedBy);
  if (scenario.given.extension) await extendFor(ctx, scenario);
  const { caseId } = await ctx.services.engine.startCase(em(), {
    tenantId: ctx.tenantId,
    processKey: scenario.procedure,
    variables: scenario.given.variables,
    actor: starter.actor,
    ...(scenario.given.message ? { messageName: scenario.given.message } : {}),
  });
  await ctx.runDueJobs();

  const family = async (): Promise<string[]> => {
    const rows = await em().execute<{ id: string }[]>(
      `with recursive f(id) as (select ?::uuid union select l.to_case_id from case_link l join f on l.from_case_id = f.id where l.tenant_id = ?) select id from f`,
      [caseId, ctx.tenantId],
    );
    return rows.map((r) => r.id);
  };
  const tasks = async (): Promise<TaskRow[]> =>
    em().execute<TaskRow[]>(
      `select t.id, t.case_id, t.element_id, t.status, t.due_at, t.legal_basis,
              coalesce((select array_agg(d.code order by d.code) from department d where d.id = any(t.candidate_department_ids)), '{}') as departments
         from task t where t.tenant_id = ? and t.case_id in (?) order by t.created_at`,
      [ctx.tenantId, await family()],
    );
  const findTask = async (ref: TaskRef, i: number): Promise<TaskRow> => {
    const open = (await tasks()).filter((t) => t.element_id === ref.element && (t.status === 'open' || t.status === 'claimed') && (!ref.department || t.departments.includes(ref.department)));
    if (open.length !== 1) throw new ScenarioFailure(scenario.title, i, `expected one open "${ref.element}" task${ref.department ? ` for ${ref.department}` : ''}, found ${open.length}`);
    return open[0]!;
  };

  for (const [i, step] of scenario.steps.entries()) {
    if ('when' in step) await act(step.when, i);
    else await check(step.then, i);
  }
  return { caseId };

  async function act(when: Extract<ScenarioStep, { when: unknown }>['when'], i: number): Promise<void> {
    if ('claim' in when) await claimTask(ctx.services.engine, em(), await who(when.claim.as), (await findTask(when.claim, i)).id);
    else if ('complete' in when) await completeTask(ctx.services.engine, em(), await who(when.complete.as), (await findTask(when.complete, i)).id, when.complete.data);
    else if ('return' in when) await returnTask(ctx.services.engine, em(), await who(when.return.as), (await findTask(when.return, i)).id, when.return.reason);
    else if ('completeRejected' in when) {
      const r = when.completeRejected;
      let status: number | undefined;
      try {
        await completeTask(ctx.services.engine, em(), await who(r.as), (await findTask(r, i)).id, r.data);
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        status = err.status;
      }
      if (status !== r.status) throw new ScenarioFailure(scenario.title, i, `expected the submission to be refused with ${r.status}, got ${status ?? 'success'}`);
    } else if ('advanceTo' in when) ctx.clock.set(when.advanceTo);
    else if ('message' in when) {
      await correlateMessage(ctx.services.engine, em(), { tenantId: ctx.tenantId, name: when.message.name, correlationKey: when.message.correlationKey ?? null, variables: when.message.variables ?? {}, actor: { id: null, label: 'scenario' } });
    }
    await ctx.runDueJobs();
  }

  async function check(then: Extract<ScenarioStep, { then: unknown }>['then'], i: number): Promise<void> {
    const fail = (detail: string) => new ScenarioFailure(scenario.title, i, detail);
    const ids = await family();
    if (then.case) {
      const [row] = await em().execute<{ status: string; variables: Record<string, unknown> }[]>('select status, variables from case_instance where id = ?', [caseId]);
      if (then.case.status && row!.status !== then.case.status) throw fail(`case status is ${row!.status}, expected ${then.case.status}`);
      for (const [k, v] of Object.entries(then.case.variables ?? {})) {
        if (!isDeepStrictEqual(row!.variables[k], v)) throw fail(`variable ${k} is ${JSON.stringify(row!.variables[k])}, expected ${JSON.stringify(v)}`);
      }
    }
    if (then.tasks) {
      const pool = await tasks();
      for (const want of then.tasks) {
        const idx = pool.findIndex(
          (t) =>
            t.element_id === want.element &&
            t.status === want.status &&
            (!want.department || t.departments.includes(want.department)) &&
            (want.dueDate === undefined || (want.dueDate === null ? t.due_at === null : t.due_at !== null && new Date(t.due_at).toISOString() === endOfDay(want.dueDate))) &&
            (!want.legalBasis || t.legal_basis === want.legalBasis),
        );
        if (idx < 0) {
          const seen = pool.map((t) => `${t.element_id}[${t.departments.join(',')}] ${t.status} due ${t.due_at ? new Date(t.due_at).toISOString() : '-'}`).join('; ');
          throw fail(`no task matches ${JSON.stringify(want)}; tasks are: ${seen || 'none'}`);
        }
        pool.splice(idx, 1);
      }
    }
    if (then.notifications) {
      const rows = await em().execute<{ kind: string; title: string; code: string | null }[]>(
        'select n.kind, n.title, d.code from notification n left join department d on d.id = n.recipient_department_id where n.tenant_id = ? and n.case_id in (?)',
        [ctx.tenantId, ids],
      );
      for (const want of then.notifications) {
        const ok = rows.some((n) => n.kind === want.kind && (!want.department || n.code === want.department) && (!want.titleContains || n.title.includes(want.titleContains)));
        if (!ok) throw fail(`no notification matches ${JSON.stringify(want)}; there are: ${JSON.stringify(rows)}`);
      }
    }
    for (const want of then.linkedCases ?? []) {
      const [row] = await em().execute<{ n: string }[]>(
        'select count(*) as n from case_link l join case_instance c on c.id = l.to_case_id where l.tenant_id = ? and l.from_case_id in (?) and l.kind = ? and c.process_key = ?',
        [ctx.tenantId, ids, want.kind, want.procedure],
      );
      if (Number(row!.n) !== want.count) throw fail(`${row!.n} linked ${want.kind} case(s) of ${want.procedure}, expected ${want.count}`);
    }
    for (const [table, want] of [['credit_record', then.creditRecords], ['report_snapshot', then.reports]] as const) {
      if (want === undefined) continue;
      const [row] = await em().execute<{ n: string }[]>(`select count(*) as n from ${table} where tenant_id = ? and case_id in (?)`, [ctx.tenantId, ids]);
      if (Number(row!.n) !== want) throw fail(`${row!.n} ${table} row(s), expected ${want}`);
    }
  }
}

