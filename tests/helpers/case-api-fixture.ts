import { bpmn } from './engine-harness';
import type { TestApp } from './test-app';

/**
 * A push-and-claim procedure in the shape of the real ones, for the case and
 * task API tests: the bureau records a decision (with a counterparty, a
 * document number, an ID number and a phone) and pushes it to a department,
 * which claims it within 3 working days, online or offline.
 */
export const PUSH_PROCEDURE = bpmn(`
  <bpmn:process id="push" name="信息推送认领" isExecutable="true" cm:legalBasis="第二十条">
    <bpmn:startEvent id="start" name="作出决定" cm:formKey="push-record" cm:legalBasis="第二十条（二）"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="claim"/>
    <bpmn:userTask id="claim" name="认领推送信息" cm:formKey="push-claim" cm:candidateDepartments="=[targetDepartment]" cm:candidateRoles="staff" cm:deadline="3WD" cm:offlineAllowed="true" cm:legalBasis="第二十条（一）"/>
    <bpmn:sequenceFlow id="f2" sourceRef="claim" targetRef="end"/>
    <bpmn:endEvent id="end" name="已认领"/>
  </bpmn:process>`);

export const PUSH_RECORD_FORM = {
  type: 'object',
  required: ['itemName', 'legalDocNumber', 'counterpartyName', 'targetDepartment'],
  additionalProperties: false,
  properties: {
    itemName: { type: 'string', title: '事项名称', minLength: 1 },
    legalDocNumber: { type: 'string', title: '法律文书编号', format: 'legal-doc-number' },
    counterpartyName: { type: 'string', title: '行政相对人', 'x-search': 'counterparty' },
    idNumber: { type: 'string', title: '公民身份号码', format: 'cn-id-number' },
    contactPhone: { type: 'string', title: '联系方式', format: 'cn-phone' },
    address: { type: 'string', title: '地址', 'x-pii': true },
    targetDepartment: { type: 'string', title: '推送部门' },
  },
};

export const PUSH_CLAIM_FORM = {
  type: 'object',
  required: ['opinion'],
  additionalProperties: false,
  properties: { opinion: { type: 'string', title: '认领意见', minLength: 2 } },
};

/** A valid 公民身份号码 (GB 11643 check digit X). */
export const ID_NUMBER = '11010519491231002X';

/** Settings the pack would give: offline channels and who may reveal personal data. */
export const CASE_API_SETTINGS = {
  offlineDelivery: { channels: ['书面公函', '案卷移送', '协调会议'] },
  personalData: { revealRoles: ['liaison', 'leader'] },
};

/** Publish the push procedure and its forms in a tenant, and give it the settings above. */
export async function installPushProcedure(t: TestApp, tenantId = t.tenantId): Promise<void> {
  const actor = { id: null, label: 'setup' };
  await t.deps.forms.publish(t.em(), { tenantId, formKey: 'push-record', title: '决定信息', schema: PUSH_RECORD_FORM, actor });
  await t.deps.forms.publish(t.em(), { tenantId, formKey: 'push-claim', title: '认领', schema: PUSH_CLAIM_FORM, actor });
  await t.deps.definitions.publish(t.em(), { tenantId, xml: PUSH_PROCEDURE, actor });
  await t.em().execute('update tenant set settings = settings || ?::jsonb where id = ?', [JSON.stringify(CASE_API_SETTINGS), tenantId]);
}

/** Department ids by code. */
export async function departmentIds(t: TestApp, tenantId = t.tenantId): Promise<Record<string, string>> {
  const rows = await t.em().execute<{ id: string; code: string }[]>('select id, code from department where tenant_id = ?', [tenantId]);
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

/** Start a push from the bureau to `target` through the engine (no HTTP), returning the case and its claim task. */
export async function startPush(t: TestApp, target: string, overrides: Record<string, unknown> = {}, tenantId = t.tenantId): Promise<{ caseId: string; taskId: string }> {
  const depts = await departmentIds(t, tenantId);
  const { caseId } = await t.deps.engine.startCase(t.em(), {
    tenantId,
    processKey: 'push',
    variables: { itemName: '食品经营许可', legalDocNumber: '测行审〔2024〕1号', counterpartyName: '张三食品店', idNumber: ID_NUMBER, contactPhone: '13812345678', address: '测试县幸福路1号', targetDepartment: target, ...overrides },
    actor: { id: null, label: 'setup' },
    departmentId: depts.bureau,
  });
  const [task] = await t.em().execute<{ id: string }[]>('select id from task where case_id = ?', [caseId]);
  return { caseId, taskId: task!.id };
}
