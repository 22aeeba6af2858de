import { Workbook } from 'exceljs';
import request from 'supertest';
import { claimTask, returnTask, type TaskActor } from '../../../platform/src/engine/commands/task-commands';
import { bpmn, endAfter } from '../../helpers/engine-harness';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(60_000);

const FORM = 'claim-form';
const procedure = (key: string, department: string) =>
  bpmn(`
  <bpmn:process id="${key}" name="推送认领" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Claim"/>
    <bpmn:userTask id="Task_Claim" name="认领" cm:formKey="${FORM}" cm:candidateDepartments="${department}" cm:deadline="3WD"/>
    ${endAfter('Task_Claim', 'e1')}
  </bpmn:process>`);

const HEADERS = ['部门', '推送数', '按期认领', '超期认领', '超期未认领', '退回', '按期认领率', '认领用时中位数(工作小时)'];
const JULY = 'from=2024-07-01&to=2024-07-31';

/** RFC 4180, enough for the test: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

/** supertest buffers unknown types as text; downloads are read as raw bytes. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe(`statistics routes: the push and claim circular over HTTP (${testDbKind()})`, () => {
  let t: TestApp;
  const who = async (login: string): Promise<TaskActor> => {
    const [u] = await t.em().execute<{ id: string }[]>('select id from app_user where tenant_id = ? and login = ?', [t.tenantId, login]);
    return { tenantId: t.tenantId, userId: u!.id, actor: { id: u!.id, label: login } };
  };
  const openTask = async (caseId: string) => (await t.em().execute<{ id: string }[]>("select id from task where case_id = ? and status = 'open'", [caseId]))[0]!.id;

  beforeAll(async () => {
    // Monday 2024-07-01 10:00 Shanghai: 3WD claims are due at the end of Thursday 4 July.
    t = await startTestApp({ start: '2024-07-01T02:00:00Z' });
    const actor = { id: null, label: 'setup' };
    await t.deps.forms.publish(t.em(), { tenantId: t.tenantId, formKey: FORM, title: '认领', schema: { type: 'object' }, actor });
    await t.deps.definitions.publish(t.em(), { tenantId: t.tenantId, xml: procedure('push-market', 'market'), actor });
    await t.deps.definitions.publish(t.em(), { tenantId: t.tenantId, xml: procedure('push-health', 'health'), actor });
    const circular = { claimSteps: [{ procedure: 'push-market', elements: ['Task_Claim'] }, { procedure: 'push-health', elements: ['Task_Claim'] }], legalBasis: '第十九条' };
    await t.em().execute('update tenant set settings = settings || ?::jsonb where id = ?', [JSON.stringify({ circular }), t.tenantId]);
    const start = async (key: string) => (await t.deps.engine.startCase(t.em(), { tenantId: t.tenantId, processKey: key, variables: {}, actor })).caseId;
    const [onTime, returned, late] = [await start('push-market'), await start('push-market'), await start('push-market')];
    await start('push-health'); // never claimed: overdue
    const market = await who('market-staff');
    t.clock.set('2024-07-02T02:00:00Z');
    await claimTask(t.deps.engine, t.em(), market, await openTask(onTime)); // 24 working hours
    await returnTask(t.deps.engine, t.em(), market, await openTask(returned), '不属于本部门');
    t.clock.set('2024-07-08T02:00:00Z');
    await claimTask(t.deps.engine, t.em(), market, await openTask(late)); // Mon 14 + Tue–Fri 96 + Mon 10 = 120 working hours
    t.clock.set('2024-07-10T02:00:00Z');
  }, 120_000);
  afterAll(() => t.close());

  const market = { code: 'market', pushed: 3, claimedOnTime: 1, claimedLate: 1, overdueUnclaimed: 0, returned: 1, onTimeRate: 0.5, medianClaimWorkingHours: 72 };
  const health = { code: 'health', pushed: 1, claimedOnTime: 0, claimedLate: 0, overdueUnclaimed: 1, returned: 0, onTimeRate: 0, medianClaimWorkingHours: null };
  const bureau = { code: 'bureau', pushed: 0, claimedOnTime: 0, claimedLate: 0, overdueUnclaimed: 0, returned: 0, onTimeRate: null, medianClaimWorkingHours: null };

  it('given claims in July, when the bureau liaison asks for July, then every department is listed with the figures counted by hand', async () => {
    const { agent } = await t.login('bureau-liaison');
    const res = await agent.get(`/api/statistics/circular?${JULY}`);
    expect(res.status).toBe(200);
    expect(res.body.period).toEqual({ from: '2024-07-01', to: '2024-07-31', start: '2024-06-30T16:00:00.000Z', end: '2024-07-31T16:00:00.000Z', timeZone: 'Asia/Shanghai' });
    expect(res.body.generatedAt).toBe('2024-07-10T02:00:00.000Z');
    expect(res.body.legalBasis).toBe('第十九条');
    expect(res.body.departments).toEqual([expect.objectContaining(bureau), expect.objectContaining(health), expect.objectContaining(market)]);
  });

  it('given the bureau leader, when asking, then all departments are visible too', async () => {
    const { agent } = await t.login('leader');
    const res = await agent.get(`/api/statistics/circular?month=2024-07`);
    expect(res.body.departments.map((d: { code: string }) => d.code)).toEqual(['bureau', 'health', 'market']);
  });

  it.each([
    ['market-staff', ['market']],
    ['health-liaison', ['health']],
    ['bureau-staff', ['bureau']],
  ])('given %s, when asking, then only their own department rows come back', async (login, codes) => {
    const { agent } = await t.login(login);
    const res = await agent.get(`/api/statistics/circular?${JULY}`);
    expect(res.status).toBe(200);
    expect(res.body.departments.map((d: { code: string }) => d.code)).toEqual(codes);
  });

  it('given an admin-only account or no session, when asking, then 403 and 401', async () => {
    const { agent } = await t.login('admin');
    expect((await agent.get(`/api/statistics/circular?${JULY}`)).status).toBe(403);
    expect((await agent.get('/api/statistics/circular/export?format=csv')).status).toBe(403);
    expect((await request(t.app.callback()).get(`/api/statistics/circular?${JULY}`)).status).toBe(401);
  });

  it('given a department filter, when the liaison names a department by code or id, then only its row; a department outside the caller\'s scope is 404', async () => {
    const { agent } = await t.login('bureau-liaison');
    const byCode = await agent.get(`/api/statistics/circular?${JULY}&department=market`);
    expect(byCode.body.departments).toEqual([expect.objectContaining(market)]);
    const byId = await agent.get(`/api/statistics/circular?${JULY}&department=${byCode.body.departments[0].departmentId}`);
    expect(byId.body.departments).toEqual(byCode.body.departments);
    expect((await agent.get(`/api/statistics/circular?${JULY}&department=nope`)).status).toBe(404);
    const { agent: staff } = await t.login('market-staff');
    expect((await staff.get(`/api/statistics/circular?${JULY}&department=health`)).status).toBe(404);
  });

  it.each([
    ['from=2024-07-31&to=2024-07-01', '/query/to'],
    ['from=2024-01-01&to=2025-01-01', '/query/to'],
    ['from=2024-07-01', '/query/to'],
    ['month=2024-13', '/query/month'],
    ['from=2024-02-30&to=2024-03-01', '/query/from'],
    [`${JULY}&colour=red`, '/query/colour'],
  ])('given the query %s, when asking, then 422 points at %s', async (query, pointer) => {
    const { agent } = await t.login('bureau-liaison');
    const res = await agent.get(`/api/statistics/circular?${query}`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it('given a trend of June to August, when asked, then three months come back and July equals the period figures; 37 months is a 422', async () => {
    const { agent } = await t.login('bureau-liaison');
    const res = await agent.get('/api/statistics/circular/trend?fromMonth=2024-06&toMonth=2024-08');
    expect(res.status).toBe(200);
    expect(res.body.months.map((m: { month: string }) => m.month)).toEqual(['2024-06', '2024-07', '2024-08']);
    const july = await agent.get('/api/statistics/circular?month=2024-07');
    expect(res.body.months[1].departments).toEqual(july.body.departments);
    expect(res.body.months[0].departments.every((d: { pushed: number }) => d.pushed === 0)).toBe(true);
    const tooLong = await agent.get('/api/statistics/circular/trend?fromMonth=2021-08&toMonth=2024-08');
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([{ pointer: '/query/toMonth', message: expect.stringContaining('36') }]);
    const { agent: staff } = await t.login('market-staff');
    const own = await staff.get('/api/statistics/circular/trend?fromMonth=2024-07&toMonth=2024-07');
    expect(own.body.months[0].departments).toEqual([expect.objectContaining(market)]);
  });

  it('given a CSV export, when downloaded, then it is UTF-8 with a BOM, named in Chinese, headed in Chinese, with the JSON figures and formula-looking names neutralised', async () => {
    const [{ name }] = (await t.em().execute<{ name: string }[]>("select name from department where tenant_id = ? and code = 'health'", [t.tenantId])) as [{ name: string }];
    await t.em().execute("update department set name = ? where tenant_id = ? and code = 'health'", ['=HYPERLINK("http://evil.example","卫健")', t.tenantId]);
    try {
      const { agent } = await t.login('bureau-liaison');
      const json = await agent.get(`/api/statistics/circular?${JULY}`);
      const res = await agent.get(`/api/statistics/circular/export?format=csv&${JULY}`).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="circular-statistics_2024-07-01_2024-07-31.csv"; filename*=UTF-8''${encodeURIComponent('推送认领情况统计_2024-07-01_2024-07-31.csv')}`,
      );
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.subarray(3).toString('utf8'));
      expect(rows[0]).toEqual(HEADERS);
      const cell = (v: number | null) => (v === null ? '' : String(v));
      expect(rows.slice(1)).toEqual(
        json.body.departments.map((d: typeof market & { name: string }) => [
          d.code === 'health' ? `'=HYPERLINK("http://evil.example","卫健")` : d.name,
          cell(d.pushed),
          cell(d.claimedOnTime),
          cell(d.claimedLate),
          cell(d.overdueUnclaimed),
          cell(d.returned),
          d.onTimeRate === null ? '' : `${(d.onTimeRate * 100).toFixed(1)}%`,
          cell(d.medianClaimWorkingHours),
        ]),
      );
    } finally {
      await t.em().execute("update department set name = ? where tenant_id = ? and code = 'health'", [name, t.tenantId]);
    }
  });

  it('given an XLSX export, when read back with exceljs, then the headings are Chinese and every number equals the JSON', async () => {
    const { agent } = await t.login('bureau-liaison');
    const json = await agent.get(`/api/statistics/circular?${JULY}`);
    const res = await agent.get(`/api/statistics/circular/export?format=xlsx&${JULY}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('推送认领情况统计_2024-07-01_2024-07-31.xlsx')}`);
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0]!;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual(HEADERS);
    expect(sheet.rowCount).toBe(1 + json.body.departments.length);
    json.body.departments.forEach((d: typeof market & { name: string }, i: number) => {
      const [name, ...numbers] = values(i + 2);
      expect(name).toBe(d.name);
      const padded = [...numbers, ...Array(7 - numbers.length).fill(undefined)].map((v) => v ?? null);
      expect(padded).toEqual([d.pushed, d.claimedOnTime, d.claimedLate, d.overdueUnclaimed, d.returned, d.onTimeRate, d.medianClaimWorkingHours]);
    });
    expect(sheet.getCell('G2').numFmt).toBe('0.0%');
    expect(workbook.getWorksheet('说明')!.getCell('B3').value).toBe('第十九条');
  });

  it('given a market staff member, when exporting, then the file holds only the market row', async () => {
    const { agent } = await t.login('market-staff');
    const res = await agent.get(`/api/statistics/circular/export?format=csv&${JULY}`).buffer(true).parse(binary);
    const rows = parseCsv((res.body as Buffer).subarray(3).toString('utf8'));
    expect(rows.map((r) => r[1])).toEqual(['推送数', '3']);
  });

  it('given an unknown format, when exporting, then 422 points at format', async () => {
    const { agent } = await t.login('bureau-liaison');
    const res = await agent.get(`/api/statistics/circular/export?format=pdf&${JULY}`);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/query/format']);
  });
});
