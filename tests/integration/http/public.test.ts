import request from 'supertest';
import { PublicIntakeService } from '../../../platform/src/domain/public/public-intake-service';
import { completeTask, type TaskActor } from '../../../platform/src/engine/commands/task-commands';
import { createApp } from '../../../platform/src/http/app';
import { bpmn } from '../../helpers/engine-harness';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const PROCEDURE = bpmn(`
  <bpmn:process id="public-report" name="群众监督" isExecutable="true" cm:legalBasis="第九条">
    <bpmn:startEvent id="start" name="收到" cm:formKey="report-start"/>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="triage"/>
    <bpmn:userTask id="triage" name="分办" cm:formKey="report-triage" cm:candidateDepartments="bureau" cm:deadline="3WD"/>
    <bpmn:sequenceFlow id="b" sourceRef="triage" targetRef="reply"/>
    <bpmn:userTask id="reply" name="答复" cm:formKey="report-reply" cm:candidateDepartments="bureau" cm:deadline="5WD"/>
    <bpmn:sequenceFlow id="c" sourceRef="reply" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

const START_FORM = {
  type: 'object',
  required: ['kind', 'content'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['意见建议', '举报'] },
    content: { type: 'string', minLength: 1, maxLength: 2000 },
    contactPhone: { type: 'string', format: 'cn-phone' },
  },
};
const START_UI = { content: { 'ui:widget': 'textarea' } };
const TRIAGE_FORM = { type: 'object', required: ['note'], additionalProperties: false, properties: { note: { type: 'string' } } };
const REPLY_FORM = {
  type: 'object',
  required: ['publicReply', 'internalNote'],
  additionalProperties: false,
  properties: { publicReply: { type: 'string' }, internalNote: { type: 'string' } },
};

const INTAKE = { procedure: 'public-report', legalBasis: '测试办法第九条', limits: { perAddressPerHour: 3, perAddressPerDay: 5 }, replyVariable: 'publicReply' };
const PHONE = '13912345678';
const CODE = /^[23456789A-HJKMNP-Z]{4}(-[23456789A-HJKMNP-Z]{4}){3}$/;

describe(`public reports and receipt codes (${testDbKind()})`, () => {
  let t: TestApp;
  /** The app behind a trusted proxy, so each test can speak from its own client address. */
  let proxied: ReturnType<typeof createApp>;
  let n = 0;
  const from = (address: string) => ({
    submit: (body: unknown, tenant = 'testcounty') => request(proxied.callback()).post(`/api/public/${tenant}/submissions`).set('X-Forwarded-For', address).send(body as object),
    status: (code: string, tenant = 'testcounty') => request(proxied.callback()).get(`/api/public/${tenant}/submissions/${encodeURIComponent(code)}`).set('X-Forwarded-For', address),
  });
  /** A valid report whose content no other test sends (the same content twice is refused). */
  const report = (extra: Record<string, unknown> = {}) => ({ kind: '举报', content: `路边摊占道经营 #${++n}`, contactPhone: PHONE, ...extra });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.em().execute<{ n: string }[]>(sql, params))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp();
    const actor = { id: null, label: 'setup' };
    await t.deps.forms.publish(t.em(), { tenantId: t.tenantId, formKey: 'report-start', title: '监督事项', schema: START_FORM, uiSchema: START_UI, actor });
    await t.deps.forms.publish(t.em(), { tenantId: t.tenantId, formKey: 'report-triage', title: '分办', schema: TRIAGE_FORM, actor });
    await t.deps.forms.publish(t.em(), { tenantId: t.tenantId, formKey: 'report-reply', title: '答复', schema: REPLY_FORM, actor });
    await t.deps.definitions.publish(t.em(), { tenantId: t.tenantId, xml: PROCEDURE, actor });
    await t.em().execute('update tenant set settings = settings || ?::jsonb where id = ?', [JSON.stringify({ publicIntake: INTAKE }), t.tenantId]);
    await createTestTenant(t.em(), t.deps, 'nointake');
    proxied = createApp({ ...t.deps, http: { ...t.deps.http, trustProxy: true } });
  });
  afterAll(() => t.close());

  it('given a county with public intake, when the public page asks for the form, then it gets the start form schema and UI schema', async () => {
    const res = await request(t.app.callback()).get('/api/public/testcounty/intake-form');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      procedure: 'public-report',
      name: '群众监督',
      legalBasis: '测试办法第九条',
      form: { formKey: 'report-start', version: 1, title: '监督事项', schema: START_FORM, uiSchema: { ...START_UI, 'ui:order': ['kind', 'content', 'contactPhone'] } },
    });
  });

  it('when someone submits without a session, then they get a receipt code and the status reads received, with hashes stored instead of the address', async () => {
    const res = await from('203.0.113.10').submit(report());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ receiptCode: expect.stringMatching(CODE), receivedAt: t.clock.now().toISOString(), legalBasis: '测试办法第九条' });

    const [row] = await t.em().execute<{ address_hash: string; content_hash: string; case_id: string }[]>('select address_hash, content_hash, case_id from public_submission where receipt_code = ?', [
      res.body.receiptCode,
    ]);
    expect(row!.address_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.content_hash).toMatch(/^[0-9a-f]{64}$/);
    const [kase] = await t.em().execute<{ status: string; variables: Record<string, unknown>; process_key: string }[]>('select status, variables, process_key from case_instance where id = ?', [row!.case_id]);
    expect(kase).toMatchObject({ status: 'active', process_key: 'public-report', variables: { kind: '举报', contactPhone: PHONE } });

    const status = await from('203.0.113.10').status(res.body.receiptCode);
    expect(status.status).toBe(200);
    expect(status.body).toEqual({ receiptCode: res.body.receiptCode, receivedAt: res.body.receivedAt, status: 'received', statusText: '已受理' });
    // Codes are typed by people: lower case and spaces find the receipt too.
    const typed = await from('203.0.113.10').status(res.body.receiptCode.toLowerCase().replace(/-/g, ' '));
    expect(typed.body.receiptCode).toBe(res.body.receiptCode);
  });

  it('given staff work the case, then the status moves to in progress and then answered with only the public reply', async () => {
    const submitted = await from('203.0.113.11').submit(report());
    const code = submitted.body.receiptCode as string;
    const [{ case_id: caseId }] = (await t.em().execute<{ case_id: string }[]>('select case_id from public_submission where receipt_code = ?', [code])) as [{ case_id: string }];
    const { userId } = await t.login('bureau-staff');
    const staff: TaskActor = { tenantId: t.tenantId, userId, actor: { id: userId, label: 'bureau-staff' } };
    const openTask = async () => (await t.em().execute<{ id: string }[]>("select id from task where case_id = ? and status = 'open'", [caseId]))[0]!.id;

    await completeTask(t.deps.engine, t.em(), staff, await openTask(), { note: '转市场监管局核查' });
    const working = await from('203.0.113.11').status(code);
    expect(working.body).toEqual({ receiptCode: code, receivedAt: submitted.body.receivedAt, status: 'in_progress', statusText: '办理中' });

    t.clock.advance(2 * 86_400_000);
    await completeTask(t.deps.engine, t.em(), staff, await openTask(), { publicReply: '经核查属实，已责令整改。', internalNote: '当事人系某科长亲属' });
    const answered = await from('203.0.113.11').status(code);
    expect(answered.body).toEqual({
      receiptCode: code,
      receivedAt: submitted.body.receivedAt,
      status: 'answered',
      statusText: '已答复',
      answeredAt: t.clock.now().toISOString(),
      reply: '经核查属实，已责令整改。',
    });
    expect(JSON.stringify(answered.body)).not.toContain('科长');
    expect(JSON.stringify(answered.body)).not.toContain(PHONE);
  });

  it('given content the form refuses, then 422 points at the body fields and nothing is stored', async () => {
    const cases = await count('select count(*) as n from case_instance where tenant_id = ?', [t.tenantId]);
    const submissions = await count('select count(*) as n from public_submission where tenant_id = ?', [t.tenantId]);
    const res = await from('203.0.113.12').submit({ kind: '举报', contactPhone: '12345', extra: 1 });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/body/content', message: 'is required' },
        { pointer: '/body/contactPhone', message: expect.any(String) },
        { pointer: '/body/extra', message: 'is not an allowed property' },
      ]),
    );
    expect(await count('select count(*) as n from case_instance where tenant_id = ?', [t.tenantId])).toBe(cases);
    expect(await count('select count(*) as n from public_submission where tenant_id = ?', [t.tenantId])).toBe(submissions);
    // A body that is not an object is refused by the route itself.
    expect((await from('203.0.113.12').submit([1, 2])).status).toBe(422);
  });

  it('given the same content again, even with other spacing, then 409 without anyone\'s receipt code and one submission only', async () => {
    const content = { kind: '意见建议', content: '建议延长 政务大厅 周末开放时间' };
    const first = await from('203.0.113.13').submit(content);
    expect(first.status).toBe(201);
    const again = await from('198.51.100.7').submit({ ...content, content: '  建议延长　政务大厅  周末开放时间 ' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(again.body)).not.toContain(first.body.receiptCode);
    expect(await count("select count(*) as n from case_instance where tenant_id = ? and variables->>'content' like '建议延长%'", [t.tenantId])).toBe(1);
  });

  it('given a bot fills the hidden website field, then it gets a plausible receipt but nothing is stored; an empty one is ignored', async () => {
    const before = await count('select count(*) as n from public_submission where tenant_id = ?', [t.tenantId]);
    const bot = await from('203.0.113.14').submit(report({ website: 'http://cheap-pills.example' }));
    expect(bot.status).toBe(201);
    expect(bot.body.receiptCode).toMatch(CODE);
    expect(await count('select count(*) as n from public_submission where tenant_id = ?', [t.tenantId])).toBe(before);
    expect((await from('203.0.113.14').status(bot.body.receiptCode)).status).toBe(404);

    const person = await from('203.0.113.14').submit(report({ website: '' }));
    expect(person.status).toBe(201);
    expect(await count('select count(*) as n from public_submission where tenant_id = ?', [t.tenantId])).toBe(before + 1);
  });

  it('given the hourly limit is used up, then 429 with Retry-After, other addresses still pass, and after the window it is allowed until the daily limit', async () => {
    const a = from('192.0.2.50');
    for (let i = 0; i < 3; i++) expect((await a.submit(report())).status).toBe(201);
    const refused = await a.submit(report());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(3600);
    expect((await from('192.0.2.51').submit(report())).status).toBe(201);

    t.clock.advance(3601 * 1000);
    expect((await a.submit(report())).status).toBe(201);
    // Five attempts so far today (the refused one counts): the sixth is over the daily limit of five.
    const daily = await a.submit(report());
    expect(daily.status).toBe(429);
    expect(Number(daily.headers['retry-after'])).toBe(24 * 3600 - 3601);
  });

  it('given the app does not trust a proxy, then X-Forwarded-For cannot dodge the limit', async () => {
    t.clock.advance(24 * 3600 * 1000);
    const direct = (address: string) => request(t.app.callback()).post('/api/public/testcounty/submissions').set('X-Forwarded-For', address).send({ kind: 'bad' });
    for (let i = 0; i < 3; i++) expect((await direct(`10.0.0.${i}`)).status).toBe(422);
    expect((await direct('10.0.0.99')).status).toBe(429);
  });

  it('given an unknown county, a county without intake or an unknown code, then 404 with one and the same answer for lookups', async () => {
    expect((await from('203.0.113.20').submit(report(), 'nowhere')).status).toBe(404);
    expect((await from('203.0.113.20').submit(report(), 'nointake')).status).toBe(404);
    expect((await request(t.app.callback()).get('/api/public/nointake/intake-form')).status).toBe(404);

    const strip = (body: Record<string, unknown>) => ({ type: body.type, title: body.title, status: body.status, detail: body.detail });
    const unknownCode = await from('203.0.113.20').status('ABCD-EFGH-JKMN-PQRS');
    const malformed = await from('203.0.113.20').status('not-a-code');
    const wrongTenant = await from('203.0.113.20').status('ABCD-EFGH-JKMN-PQRS', 'nowhere');
    const noIntake = await from('203.0.113.20').status('ABCD-EFGH-JKMN-PQRS', 'nointake');
    expect(unknownCode.status).toBe(404);
    for (const other of [malformed, wrongTenant, noIntake]) {
      expect(other.status).toBe(404);
      expect(strip(other.body)).toEqual(strip(unknownCode.body));
    }
  });

  it("given a receipt of this county, then another county's lookup of it is a 404", async () => {
    const res = await from('203.0.113.21').submit(report());
    expect((await from('203.0.113.21').status(res.body.receiptCode, 'nointake')).status).toBe(404);
  });

  it('then the audit log records public submissions against their case without phone numbers or content', async () => {
    const rows = await t.em().execute<{ action: string; actor_label: string; subject_type: string; payload: Record<string, unknown> }[]>(
      'select action, actor_label, subject_type, payload from audit_event where tenant_id = ?',
      [t.tenantId],
    );
    const submitted = rows.filter((r) => r.action === 'public.submitted');
    expect(submitted.length).toBeGreaterThanOrEqual(5);
    for (const r of submitted) {
      expect(r).toMatchObject({ actor_label: 'public', subject_type: 'case' });
      expect(Object.keys(r.payload).sort()).toEqual(['procedure', 'submissionId']);
    }
    const all = JSON.stringify(rows);
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain('路边摊');
    expect(all).not.toContain('203.0.113');
  });

  it('given a lookup cap, then too many lookups from one address and too many wrong codes in the county pause lookups until the window passes', async () => {
    const strict = createApp({ ...t.deps, publicIntake: new PublicIntakeService({ ...t.deps, lookupLimits: { perAddressPerHour: 4, missesPerTenantPerHour: 3 } }), http: { ...t.deps.http, trustProxy: true } });
    t.clock.advance(24 * 3600 * 1000);
    const good = (await from('203.0.113.30').submit(report())).body.receiptCode as string;
    const lookup = (address: string, code: string) => request(strict.callback()).get(`/api/public/testcounty/submissions/${code}`).set('X-Forwarded-For', address);

    for (let i = 0; i < 4; i++) expect((await lookup('203.0.113.31', good)).status).toBe(200);
    expect((await lookup('203.0.113.31', good)).status).toBe(429);

    for (const address of ['203.0.113.32', '203.0.113.33', '203.0.113.34']) expect((await lookup(address, 'ABCD-EFGH-JKMN-PQRS')).status).toBe(404);
    // The county's miss cap is reached: even a right code from a fresh address is refused, so hits cannot be told from misses.
    const paused = await lookup('203.0.113.35', good);
    expect(paused.status).toBe(429);
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(0);

    t.clock.advance(3601 * 1000);
    expect((await lookup('203.0.113.35', good)).status).toBe(200);
  });
});
