import type { LoadedPack } from '../../platform/src/domain/pack/load-pack';
import { installPushProcedure } from './case-api-fixture';
import { bpmn, bpmnProcess, flow } from './engine-harness';
import { testPack, type TestApp } from './test-app';

/**
 * Two counties of one pack shape, both busy, for the tenant-isolation test:
 * the same department codes, demo logins, procedure and form keys, each
 * county with cases pushed, claimed, delegated, reminded by a fired timer,
 * evidence, a public report, a migration plan, a validity extension, a pack
 * revision and a designer draft. The second county writes a marker into
 * every name it owns, so a leak shows up as text as well as by id.
 */

/** Written into every name, title and counterparty of county B; never in anything of county A. */
export const MARK = '乙县机密';

/** A procedure whose claim step sends an overdue reminder to the target and the bureau when its deadline passes. */
export const REMIND_PROCEDURE = bpmn(`
  <bpmn:process id="remind" name="超期提醒" isExecutable="true">
    <bpmn:startEvent id="start" cm:formKey="push-record"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="claim"/>
    <bpmn:userTask id="claim" name="认领" cm:formKey="push-claim" cm:candidateDepartments="=[targetDepartment]" cm:candidateRoles="staff" cm:deadline="2WD"/>
    <bpmn:sequenceFlow id="f2" sourceRef="claim" targetRef="end"/>
    <bpmn:endEvent id="end"/>
    <bpmn:boundaryEvent id="late" attachedToRef="claim" cancelActivity="false"><bpmn:timerEventDefinition cm:atTaskDeadline="true"/></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="notify"/>
    <bpmn:serviceTask id="notify" name="超期提醒" cm:action="notify">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="departments" expression="=[targetDepartment, &quot;bureau&quot;]"/>
        <cm:input name="title" expression="=&quot;超期未认领：&quot; + counterpartyName"/>
        <cm:input name="kind" expression="=&quot;overdue&quot;"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f4" sourceRef="notify" targetRef="notified"/>
    <bpmn:endEvent id="notified"/>
  </bpmn:process>`);

const PUBLIC_PROCEDURE = bpmn(`
  <bpmn:process id="public-report" name="群众监督" isExecutable="true">
    <bpmn:startEvent id="start" cm:formKey="report-start"/>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="triage"/>
    <bpmn:userTask id="triage" name="分办" cm:formKey="push-claim" cm:candidateDepartments="bureau" cm:deadline="3WD"/>
    <bpmn:sequenceFlow id="b" sourceRef="triage" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

const REPORT_FORM = {
  type: 'object',
  required: ['kind', 'content'],
  additionalProperties: false,
  properties: { kind: { type: 'string', enum: ['意见建议', '举报'] }, content: { type: 'string', minLength: 1, maxLength: 2000 } },
};

/** Version 1 and 2 of a filing procedure: a renamed task, so running cases can be migrated. */
export const filingVersion = (taskId: string) =>
  bpmnProcess(
    'filing',
    `<bpmn:startEvent id="start"/>${flow('f1', 'start', taskId)}
     <bpmn:userTask id="${taskId}" name="核对" cm:formKey="push-claim" cm:candidateDepartments="market" cm:deadline="20WD"/>
     ${flow('f2', taskId, 'end')}<bpmn:endEvent id="end"/>`,
  );

/** A one-step procedure with the given key, for designer drafts and for publishing under a key. */
export const simpleProcedure = (key: string, name: string) =>
  bpmn(`<bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" name="办理" cm:formKey="push-claim" cm:candidateDepartments="bureau"/>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/><bpmn:endEvent id="end"/>
  </bpmn:process>`);

/** The pack of either county: the test pack; county B's department names, pack title and an extra calendar carry the marker. */
export function isolationPack(code: string, marked: boolean): LoadedPack {
  const pack = testPack(code);
  if (!marked) return pack;
  const manifest = { ...pack.manifest, title: `${MARK}审管联动办法`, departments: pack.manifest.departments.map((d) => ({ ...d, name: `${MARK}${d.name}` })) };
  const [national] = pack.calendars;
  return { ...pack, manifest, calendars: [national!, { ...national!, id: 'b-only-cal', name: `${MARK}日历` }] };
}

/** A valid 公民身份号码 for a birth date and sequence (GB 11643 check digit). */
export function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** Everything of one county the isolation test refers to by id or key. */
export interface CountyIds {
  code: string;
  tenantId: string;
  departments: Record<string, string>;
  users: Record<string, string>;
  /** Push cases (the first claimed and completed, the second delegated, the rest open) and the reminder case. */
  pushCases: string[];
  remindCase: string;
  openTask: string;
  delegatedTask: string;
  completedTask: string;
  attachmentId: string;
  receiptCode: string;
  planId: string;
  revisionId: string;
  extensionId: string;
  liaisonDesignationId: string;
  documentNumber: string;
  idNumber: string;
}

/** Publish the county's procedures and forms (B also gets a procedure and a form of its own) and its circular and intake settings. */
export async function installIsolationProcedures(t: TestApp, tenantId: string, marked: boolean): Promise<void> {
  const actor = { id: null, label: 'setup' };
  await installPushProcedure(t, tenantId);
  await t.deps.forms.publish(t.em(), { tenantId, formKey: 'report-start', title: marked ? `${MARK}监督事项` : '监督事项', schema: REPORT_FORM, actor });
  for (const xml of [REMIND_PROCEDURE, PUBLIC_PROCEDURE, filingVersion('check')]) await t.deps.definitions.publish(t.em(), { tenantId, xml, actor });
  if (marked) {
    await t.deps.forms.publish(t.em(), { tenantId, formKey: 'b-only-form', title: `${MARK}专有表单`, schema: { type: 'object', properties: { x: { type: 'string' } } }, actor });
    await t.deps.definitions.publish(t.em(), { tenantId, xml: simpleProcedure('b-only', `${MARK}专有流程`), actor });
  }
  const settings = {
    circular: { claimSteps: [{ procedure: 'push', elements: ['claim'] }, { procedure: 'remind', elements: ['claim'] }], legalBasis: '第十九条' },
    publicIntake: { procedure: 'public-report', legalBasis: '第九条', limits: { perAddressPerHour: 50, perAddressPerDay: 100 } },
  };
  await t.em().execute('update tenant set settings = settings || ?::jsonb where id = ?', [JSON.stringify(settings), tenantId]);
}

/** A PDF the magic-byte check accepts. */
export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.from('1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')]);

async function ok<T extends { status: number; body: unknown }>(what: string, res: Promise<T> | T, ...expected: number[]): Promise<T> {
  const r = await res;
  if (!(expected.length ? expected : [200, 201, 202, 204]).includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/**
 * Real activity through the API as the county's own demo users: pushes
 * started by the bureau, one claimed and completed, one delegated, a
 * reminder case, evidence, a public report, a filing case migrated by a
 * plan, a 延期适用, a pack revision with its drafts and a draft-only procedure.
 * `pushes` differs per county so its statistics tell the counties apart.
 */
export async function driveCounty(t: TestApp, code: string, tenantId: string, marked: boolean, pushes: number): Promise<CountyIds> {
  const label = marked ? MARK : '甲县';
  const q = <R>(sql: string, params: unknown[]) => t.em().execute<R[]>(sql, params);
  const departments = Object.fromEntries((await q<{ id: string; code: string }>('select id, code from department where tenant_id = ?', [tenantId])).map((r) => [r.code, r.id]));
  const users = Object.fromEntries((await q<{ id: string; login: string }>('select id, login from app_user where tenant_id = ?', [tenantId])).map((r) => [r.login, r.id]));
  const documentNumber = marked ? '测行审〔2024〕901号' : '测行审〔2024〕101号';
  const id = idNumber(marked ? '11010519800101123' : '11010519700101456');
  const variables = (n: number) => ({ itemName: `${label}食品经营许可${n}`, legalDocNumber: documentNumber, counterpartyName: `${label}食品店${n}`, idNumber: id, contactPhone: '13812345678', address: `${label}幸福路${n}号`, targetDepartment: 'market' });

  const bureau = await t.login('bureau-staff', code);
  const start = async (procedure: string, n: number) =>
    (await ok(`start ${procedure}`, bureau.agent.post('/api/cases').set('X-CSRF-Token', bureau.csrf).send({ procedure, variables: variables(n) }))).body.caseId as string;
  const pushCases: string[] = [];
  for (let n = 1; n <= pushes; n++) pushCases.push(await start('push', n));
  const remindCase = await start('remind', 0);
  const taskOf = async (caseId: string) => (await q<{ id: string }>("select id from task where case_id = ? and status = 'open'", [caseId]))[0]!.id;
  const [completedTask, delegatedTask, openTask] = [await taskOf(pushCases[0]!), await taskOf(pushCases[1]!), await taskOf(pushCases[2] ?? pushCases[1]!)];

  const market = await t.login('market-staff', code);
  const post = (path: string, body?: object) => market.agent.post(path).set('X-CSRF-Token', market.csrf).send(body);
  await ok('claim', post(`/api/tasks/${completedTask}/claim`));
  await ok('complete', post(`/api/tasks/${completedTask}/complete`, { data: { opinion: `${label}已认领` } }));
  await ok('claim to delegate', post(`/api/tasks/${delegatedTask}/claim`));
  await ok('delegate', post(`/api/tasks/${delegatedTask}/delegate`, { userId: users['market-liaison'] }));

  const upload = await ok(
    'upload',
    bureau.agent.post(`/api/cases/${pushCases[0]}/attachments?fileName=${encodeURIComponent(`${label}证据.pdf`)}`).set('X-CSRF-Token', bureau.csrf).set('Content-Type', 'application/pdf').send(PDF),
  );
  const receipt = await ok('public report', (await import('supertest')).default(t.app.callback()).post(`/api/public/${code}/submissions`).send({ kind: '举报', content: `${label}路边摊占道经营` }));

  const actor = { id: null, label: 'setup' };
  await t.deps.engine.startCase(t.em(), { tenantId, processKey: 'filing', variables: {}, actor, departmentId: departments.bureau });
  await t.deps.definitions.publish(t.em(), { tenantId, xml: filingVersion('review'), actor });
  const admin = await t.login('admin', code);
  const adminSend = (method: 'post' | 'put', path: string, body: object) => admin.agent[method](path).set('X-CSRF-Token', admin.csrf).send(body);
  const plan = await ok('migration plan', adminSend('post', '/api/admin/procedures/filing/migrations', { fromVersion: 1, toVersion: 2, mapping: { check: 'review' } }));
  const extension = await ok('extension', adminSend('post', '/api/admin/procedures/push/extensions', { extendedTo: '2027-06-30', reason: `${label}延期适用` }));
  const revision = await ok('revision', adminSend('post', '/api/admin/pack/revisions', { label: `${label}修订`, title: `${label}新办法`, effectiveFrom: '2027-07-01' }));
  await ok('draft', adminSend('put', '/api/admin/procedures/draft-only/draft', { xml: simpleProcedure('draft-only', `${label}草稿流程`) }));

  const [liaison] = await q<{ id: string }>('select id from liaison_designation where tenant_id = ? and department_id = ? and ended_at is null', [tenantId, departments.market]);
  return {
    code,
    tenantId,
    departments,
    users,
    pushCases,
    remindCase,
    openTask,
    delegatedTask,
    completedTask,
    attachmentId: upload.body.id,
    receiptCode: receipt.body.receiptCode,
    planId: plan.body.id,
    revisionId: revision.body.id,
    extensionId: extension.body.id,
    liaisonDesignationId: liaison!.id,
    documentNumber,
    idNumber: id,
  };
}
