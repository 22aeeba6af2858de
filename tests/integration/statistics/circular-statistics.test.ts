import { randomUUID } from 'node:crypto';
import { pgArray } from '../../../platform/src/db/pg-array';
import type { DepartmentClaimRow } from '../../../platform/src/domain/statistics/claim-statistics-query';
import { ValidationError } from '../../../platform/src/errors/problem-error';
import { bpmn, endAfter } from '../../helpers/engine-harness';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(60_000);

const FORM = 'claim-form';
const CLAIMS = bpmn(`
  <bpmn:process id="claims" name="推送认领" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Claim"/>
    <bpmn:userTask id="Task_Claim" name="认领" cm:formKey="${FORM}" cm:candidateDepartments="market" cm:deadline="3WD"/>
    ${endAfter('Task_Claim', 'e1')}
  </bpmn:process>`);
const OTHER = bpmn(`
  <bpmn:process id="other" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Claim"/>
    <bpmn:userTask id="Task_Claim" cm:formKey="${FORM}" cm:candidateDepartments="market"/>
    ${endAfter('Task_Claim', 'e1')}
  </bpmn:process>`);
const REPORT = bpmn(`
  <bpmn:process id="report" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="doReport"/>
    <bpmn:serviceTask id="doReport" cm:action="generateReport" cm:resultVariable="reportId">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="kind" expression="&quot;push-claim-circular&quot;"/>
        <cm:input name="periodStart" expression="=from"/>
        <cm:input name="periodEnd" expression="=to"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    ${endAfter('doReport', 'e1')}
  </bpmn:process>`);

const CIRCULAR = { circular: { claimSteps: [{ procedure: 'claims', elements: ['Task_Claim', 'Task_Confirm'] }], legalBasis: '第十九条' } };
const actor = { id: null, label: 'setup' };

interface TaskSpec {
  caseId: string;
  departments: string[];
  status: 'open' | 'claimed' | 'completed' | 'returned' | 'cancelled';
  created: string;
  element?: string;
  claimed?: string;
  completed?: string;
  due?: string;
  calendarKey?: string;
  tenantId?: string;
}

describe(`circular statistics: push and claim figures per department (${testDbKind()})`, () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let claimsCase: string;

  const insertTask = (s: TaskSpec) =>
    t.em().execute(
      `insert into task (id, tenant_id, case_id, element_id, token_id, name, status, candidate_department_ids, candidate_roles, form_key, form_version,
                         created_at, claimed_at, completed_at, due_at, calendar_key, version)
       values (?, ?, ?, ?, 'tok', '认领', ?, ?::uuid[], '{}', ?, 1, ?, ?, ?, ?, ?, 1)`,
      [randomUUID(), s.tenantId ?? t.tenantId, s.caseId, s.element ?? 'Task_Claim', s.status, pgArray(s.departments), FORM, s.created, s.claimed ?? null, s.completed ?? null, s.due ?? null, s.calendarKey ?? null],
    );
  const stats = () => t.deps.statistics;
  const row = (rows: DepartmentClaimRow[], code: string) => rows.find((r) => r.code === code);
  const zero = { pushed: 0, claimedOnTime: 0, claimedLate: 0, overdueUnclaimed: 0, returned: 0, onTimeRate: null, medianClaimWorkingHours: null };

  beforeAll(async () => {
    t = await startTestApp({ start: '2024-03-01T02:00:00Z' });
    const other = await createTestTenant(t.em(), t.deps, 'othercounty');
    for (const tenantId of [t.tenantId, other.id]) {
      await t.deps.forms.publish(t.em(), { tenantId, formKey: FORM, title: '认领', schema: { type: 'object' }, actor });
      for (const xml of [CLAIMS, OTHER, REPORT]) await t.deps.definitions.publish(t.em(), { tenantId, xml, actor });
    }
    await t.em().execute('update tenant set settings = settings || ?::jsonb where id = ?', [JSON.stringify(CIRCULAR), t.tenantId]);
    // Departments of kind "other": one receives a push, one never does.
    for (const [code, name] of [['archive', '档案馆'], ['office', '县政府办']]) {
      await t.em().execute("insert into department (id, tenant_id, code, name, kind, created_at) values (?, ?, ?, ?, 'other', now())", [randomUUID(), t.tenantId, code, name]);
    }
    const depts = await t.em().execute<{ code: string; id: string }[]>('select code, id from department where tenant_id = ?', [t.tenantId]);
    ids = Object.fromEntries(depts.map((d) => [d.code, d.id]));
    // A county calendar: the national one plus a local holiday on Wednesday 2024-09-18.
    const national = await t.deps.calendars.current(t.em(), t.tenantId, 'cn-statutory');
    const data = national.version.data;
    const county = { ...data, id: 'county', name: '县日历', holidays: [...data.holidays, { date: '2024-09-18', name: '县庆', source: 'test' }].sort((a, b) => a.date.localeCompare(b.date)) };
    await t.em().transactional((tx) => t.deps.calendars.seed(tx, t.tenantId, county, actor));

    const start = async (tenantId: string, processKey: string) => (await t.deps.engine.startCase(t.em(), { tenantId, processKey, variables: {}, actor })).caseId;
    claimsCase = await start(t.tenantId, 'claims');
    const otherCase = await start(t.tenantId, 'other');
    const foreignCase = await start(other.id, 'claims');
    const { market, health, bureau, archive } = ids as Record<string, string>;
    const m = [market!];
    const c = claimsCase;
    // Market, September 2024 (times are Shanghai local).
    await insertTask({ caseId: c, departments: m, status: 'completed', created: '2024-09-13T10:00:00+08:00', claimed: '2024-09-18T10:00:00+08:00', completed: '2024-09-18T15:00:00+08:00', due: '2024-09-19T16:00:00Z' }); // on time, 48 h: Fri 14 + make-up Sat 24 + Mid-Autumn 0 + Wed 10
    await insertTask({ caseId: c, departments: m, status: 'claimed', created: '2024-09-02T09:00:00+08:00', claimed: '2024-09-09T09:00:00+08:00', due: '2024-09-05T16:00:00Z' }); // late, 120 h over a weekend
    await insertTask({ caseId: c, departments: m, status: 'completed', created: '2024-09-03T08:00:00+08:00', completed: '2024-09-03T12:30:00+08:00', due: '2024-09-06T16:00:00Z' }); // completed without a claim, on time, 4.5 h
    await insertTask({ caseId: c, departments: m, status: 'completed', created: '2024-09-09T09:00:00+08:00', completed: '2024-09-13T09:00:00+08:00', due: '2024-09-11T16:00:00Z' }); // completed without a claim, late, 96 h
    await insertTask({ caseId: c, departments: m, status: 'returned', created: '2024-09-04T09:00:00+08:00', claimed: '2024-09-04T10:00:00+08:00', completed: '2024-09-04T10:00:00+08:00', due: '2024-09-09T16:00:00Z' }); // returned: not a claim
    await insertTask({ caseId: c, departments: m, status: 'open', created: '2024-09-20T09:00:00+08:00', due: '2024-09-25T16:00:00Z' }); // overdue and unclaimed
    await insertTask({ caseId: c, departments: m, status: 'open', created: '2024-09-30T23:59:59+08:00', due: '2024-10-11T16:00:00Z' }); // open, not yet due
    await insertTask({ caseId: c, departments: m, status: 'open', created: '2024-09-01T00:00:00+08:00' }); // open without a deadline: never overdue
    await insertTask({ caseId: c, departments: m, status: 'cancelled', created: '2024-09-11T09:00:00+08:00', due: '2024-09-12T16:00:00Z' }); // cancelled before a claim
    await insertTask({ caseId: c, departments: m, element: 'Task_Confirm', status: 'claimed', created: '2024-09-23T09:00:00+08:00', claimed: '2024-09-23T11:00:00+08:00', due: '2024-09-26T16:00:00Z' }); // second claim step, 2 h
    await insertTask({ caseId: c, departments: m, status: 'completed', created: '2024-09-24T09:00:00+08:00', claimed: '2024-09-26T16:00:00Z', completed: '2024-09-26T16:00:00Z', due: '2024-09-26T16:00:00Z' }); // claimed at the due instant: on time, 63 h
    // Health, and one push to health and the bureau together.
    await insertTask({ caseId: c, departments: [health!, bureau!], status: 'claimed', created: '2024-09-09T10:00:00+08:00', claimed: '2024-09-10T10:00:00+08:00', due: '2024-09-12T16:00:00Z' }); // 24 h
    await insertTask({ caseId: c, departments: [health!], status: 'claimed', created: '2024-09-18T08:00:00+08:00', claimed: '2024-09-19T09:00:00+08:00', due: '2024-09-23T16:00:00Z', calendarKey: 'county' }); // 9 h on the county calendar (25 on the national one)
    await insertTask({ caseId: c, departments: [health!], status: 'claimed', created: '2024-09-26T10:00:00+08:00', claimed: '2024-09-29T10:00:00+08:00', due: '2024-09-27T16:00:00Z' }); // late, 48 h: Thu 14 + Fri 24 + make-up Sun 10
    await insertTask({ caseId: c, departments: [bureau!], status: 'completed', created: '2024-09-02T09:00:00+08:00', claimed: '2024-09-02T10:15:00+08:00', completed: '2024-09-02T11:00:00+08:00', due: '2024-09-05T16:00:00Z' }); // 1.25 h
    await insertTask({ caseId: c, departments: [archive!], status: 'open', created: '2024-09-05T09:00:00+08:00', due: '2024-09-10T16:00:00Z' }); // overdue, in a department of kind "other"
    // Not pushes of September: another element, another procedure, just before and just after the month, another county.
    await insertTask({ caseId: c, departments: m, element: 'Task_Review', status: 'open', created: '2024-09-10T09:00:00+08:00', due: '2024-09-11T16:00:00Z' });
    await insertTask({ caseId: otherCase, departments: m, status: 'open', created: '2024-09-10T09:00:00+08:00', due: '2024-09-11T16:00:00Z' });
    await insertTask({ caseId: c, departments: m, status: 'open', created: '2024-08-31T23:59:59+08:00', due: '2024-09-03T16:00:00Z' });
    await insertTask({ caseId: c, departments: m, status: 'completed', created: '2024-10-01T00:00:00+08:00', claimed: '2024-10-08T10:00:00+08:00', completed: '2024-10-08T10:00:00+08:00', due: '2024-10-10T16:00:00Z' }); // National Day: 10 h
    await insertTask({ tenantId: other.id, caseId: foreignCase, departments: m, status: 'open', created: '2024-09-10T09:00:00+08:00', due: '2024-09-11T16:00:00Z' });
    t.clock.set('2024-10-10T02:00:00Z');
  }, 120_000);
  afterAll(() => t.close());

  const september = {
    archive: { ...zero, pushed: 1, overdueUnclaimed: 1, onTimeRate: 0 },
    bureau: { ...zero, pushed: 2, claimedOnTime: 2, onTimeRate: 1, medianClaimWorkingHours: 12.6 },
    health: { ...zero, pushed: 3, claimedOnTime: 2, claimedLate: 1, onTimeRate: 0.6667, medianClaimWorkingHours: 24 },
    market: { pushed: 11, claimedOnTime: 4, claimedLate: 2, overdueUnclaimed: 1, returned: 1, onTimeRate: 0.5714, medianClaimWorkingHours: 55.5 },
  };

  it('given pushes of September covering every bucket, when the figures of 2024-09-01..2024-09-30 are asked for, then each department has the numbers counted by hand', async () => {
    const report = await stats().byDepartment(t.em(), t.tenantId, { from: '2024-09-01', to: '2024-09-30' });
    expect(report.period).toEqual({ from: '2024-09-01', to: '2024-09-30', start: new Date('2024-08-31T16:00:00Z'), end: new Date('2024-09-30T16:00:00Z'), timeZone: 'Asia/Shanghai' });
    expect(report.legalBasis).toBe('第十九条');
    expect(report.generatedAt).toEqual(new Date('2024-10-10T02:00:00Z'));
    expect(report.warnings).toEqual([]);
    // Bureau and supervising departments always, "other" ones only with a push; ordered by code.
    expect(report.departments.map((r) => r.code)).toEqual(['archive', 'bureau', 'health', 'market']);
    for (const [code, want] of Object.entries(september)) {
      expect({ code, ...row(report.departments, code) }).toEqual({ code, departmentId: ids[code], name: expect.any(String), kind: code === 'archive' ? 'other' : code === 'bureau' ? 'approval_bureau' : 'supervising', ...want });
    }
  });

  it('given the same pushes, when month=2024-09 is asked for, then the figures equal those of the explicit dates', async () => {
    const byMonth = await stats().byDepartment(t.em(), t.tenantId, { month: '2024-09' });
    const byDates = await stats().byDepartment(t.em(), t.tenantId, { from: '2024-09-01', to: '2024-09-30' });
    expect(byMonth.departments).toEqual(byDates.departments);
    expect(byMonth.period).toEqual(byDates.period);
  });

  it('given no period, when the figures are asked for on 10 October, then they are those of September (the previous month)', async () => {
    const report = await stats().byDepartment(t.em(), t.tenantId, {});
    expect([report.period.from, report.period.to]).toEqual(['2024-09-01', '2024-09-30']);
    expect(row(report.departments, 'market')).toMatchObject(september.market);
  });

  it('given a department filter, when the figures are asked for, then exactly those departments are listed, one without pushes as zeros', async () => {
    const report = await stats().byDepartment(t.em(), t.tenantId, { month: '2024-09', departmentIds: [ids.office!, ids.health!] });
    expect(report.departments.map((r) => r.code)).toEqual(['health', 'office']);
    expect(row(report.departments, 'office')).toMatchObject(zero);
    expect(row(report.departments, 'health')).toMatchObject(september.health);
  });

  it('given pushes just before and after September, when the trend of 2024-08..2024-10 is asked for, then each lands in its own month and September equals the period figures', async () => {
    const trend = await stats().monthlyTrend(t.em(), t.tenantId, { fromMonth: '2024-08', toMonth: '2024-10' });
    expect(trend.months.map((m) => m.month)).toEqual(['2024-08', '2024-09', '2024-10']);
    expect(trend.departments.map((d) => d.code)).toEqual(['archive', 'bureau', 'health', 'market']);
    const [aug, sep, oct] = trend.months;
    expect(aug!.period.start).toEqual(new Date('2024-07-31T16:00:00Z'));
    expect(row(aug!.departments, 'market')).toMatchObject({ ...zero, pushed: 1, overdueUnclaimed: 1, onTimeRate: 0 });
    expect(row(oct!.departments, 'market')).toMatchObject({ ...zero, pushed: 1, claimedOnTime: 1, onTimeRate: 1, medianClaimWorkingHours: 10 });
    expect(sep!.departments).toEqual((await stats().byDepartment(t.em(), t.tenantId, { month: '2024-09' })).departments);
    expect(aug!.departments.map((r) => r.code)).toEqual(trend.departments.map((d) => d.code));
  });

  it('given the circular procedure runs generateReport for September, when its snapshot is read, then it holds the same rows as the statistics service', async () => {
    const { caseId } = await t.deps.engine.startCase(t.em(), { tenantId: t.tenantId, processKey: 'report', variables: { from: '2024-08-31T16:00:00Z', to: '2024-09-30T16:00:00Z' }, actor });
    const [snapshot] = await t.em().execute<{ data: { departments: unknown[]; legalBasis: string } }[]>('select data from report_snapshot where case_id = ?', [caseId]);
    const live = await stats().byDepartment(t.em(), t.tenantId, { month: '2024-09' });
    expect(snapshot!.data.departments).toEqual(live.departments);
    expect(snapshot!.data.legalBasis).toBe('第十九条');
  });

  it('given a county whose pack names no claim steps, when its figures are asked for, then every department is zero, another county\'s pushes are not counted, and a warning says why', async () => {
    const [other] = await t.em().execute<{ id: string }[]>("select id from tenant where code = 'othercounty'");
    const report = await stats().byDepartment(t.em(), other!.id, { month: '2024-09' });
    expect(report.departments.map((r) => r.code)).toEqual(['bureau', 'health', 'market']);
    for (const r of report.departments) expect(r).toMatchObject(zero);
    expect(report.warnings).toEqual([expect.stringContaining('circular.claimSteps')]);
  });

  it('given a claim in a year the calendar does not cover, when the figures are asked for, then it is counted but left out of the median, with a warning naming the year', async () => {
    await insertTask({ caseId: claimsCase, departments: [ids.market!], status: 'claimed', created: '2027-03-01T09:00:00+08:00', claimed: '2027-03-01T10:00:00+08:00', due: '2027-03-04T16:00:00Z' });
    const report = await stats().byDepartment(t.em(), t.tenantId, { month: '2027-03' });
    expect(row(report.departments, 'market')).toMatchObject({ pushed: 1, claimedOnTime: 1, medianClaimWorkingHours: null });
    expect(report.warnings).toEqual([expect.stringMatching(/^1 claim\(s\) left out of the median claim time: .*2027/)]);
  });

  it('given a reversed period, one longer than 366 days, a half pair or a trend over 36 months, when asked for, then each is a ValidationError pointing at the field', async () => {
    const pointers = async (work: Promise<unknown>) => {
      const err = await work.then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      return (err as ValidationError).errors.map((e) => e.pointer);
    };
    expect(await pointers(stats().byDepartment(t.em(), t.tenantId, { from: '2024-09-02', to: '2024-09-01' }))).toEqual(['/query/to']);
    expect(await pointers(stats().byDepartment(t.em(), t.tenantId, { from: '2024-01-01', to: '2025-01-01' }))).toEqual(['/query/to']);
    expect(await pointers(stats().byDepartment(t.em(), t.tenantId, { from: '2024-01-01' }))).toEqual(['/query/to']);
    expect(await pointers(stats().byDepartment(t.em(), t.tenantId, { month: '2024-01', from: '2024-01-01', to: '2024-01-02' }))).toEqual(['/query/month']);
    expect(await pointers(stats().monthlyTrend(t.em(), t.tenantId, { fromMonth: '2022-01', toMonth: '2025-01' }))).toEqual(['/query/toMonth']);
    expect(await pointers(stats().monthlyTrend(t.em(), t.tenantId, { fromMonth: '2024-05', toMonth: '2024-04' }))).toEqual(['/query/toMonth']);
    // 366 days (a leap year) and 36 months are allowed.
    await expect(stats().byDepartment(t.em(), t.tenantId, { from: '2024-01-01', to: '2024-12-31' })).resolves.toBeDefined();
    await expect(stats().monthlyTrend(t.em(), t.tenantId, { fromMonth: '2022-02', toMonth: '2025-01' })).resolves.toBeDefined();
  });

  it('given 6000 pushes in March 2025, when the figures are asked for, then they are exact and come back within seconds', async () => {
    const { market, health } = ids;
    // i % 3 picks market, health or both; i % 4 picks returned, on time after 2 h, late after 4 days (96 working hours), overdue.
    await t.em().execute(
      `insert into task (id, tenant_id, case_id, element_id, token_id, name, status, candidate_department_ids, candidate_roles, form_key, form_version, created_at, claimed_at, due_at, version)
       select gen_random_uuid(), ?, ?, 'Task_Claim', 'tok' || i, '认领',
              (array['returned', 'completed', 'claimed', 'open'])[i % 4 + 1],
              case i % 3 when 0 then array[?::uuid] when 1 then array[?::uuid] else array[?::uuid, ?::uuid] end,
              '{}', ?, 1, timestamptz '2025-03-03T09:00:00+08:00',
              case i % 4 when 0 then timestamptz '2025-03-03T10:00:00+08:00' when 1 then timestamptz '2025-03-03T11:00:00+08:00' when 2 then timestamptz '2025-03-07T09:00:00+08:00' end,
              timestamptz '2025-03-05T16:00:00Z', 1
         from generate_series(1, 6000) as i`,
      [t.tenantId, claimsCase, market, health, market, health, FORM],
    );
    t.clock.set('2025-04-10T02:00:00Z');
    try {
      const report = await stats().byDepartment(t.em(), t.tenantId, { month: '2025-03' });
      const each = { pushed: 4000, claimedOnTime: 1000, claimedLate: 1000, overdueUnclaimed: 1000, returned: 1000, onTimeRate: 0.3333, medianClaimWorkingHours: 49 };
      expect(row(report.departments, 'market')).toMatchObject(each);
      expect(row(report.departments, 'health')).toMatchObject(each);
      expect(row(report.departments, 'bureau')).toMatchObject(zero);
    } finally {
      t.clock.set('2024-10-10T02:00:00Z');
    }
  });
});
