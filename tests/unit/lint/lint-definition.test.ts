import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configs, EXCLUDED_BPMNLINT_RULES, rules } from '../../../platform/src/lint/cm-plugin';
import { IMPORT_RULE, LINT_RULES, lintDefinition, type LintContext } from '../../../platform/src/lint/lint-definition';

const fixtures = path.resolve(__dirname, '../../fixtures/lint');
const realistic = readFileSync(path.join(fixtures, 'realistic-license-process.bpmn'), 'utf8');
const packContext: LintContext = {
  forms: [
    { key: 'intake', versions: [1] },
    { key: 'supervision-confirm', versions: [1, 2] },
  ],
  actions: ['notify', 'push', 'record'],
};

/** A one-process definition around `body`, without DI. */
function definition(body: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:cm="http://shenguan.platform/schema/bpmn/cm/1.0" id="Defs" targetNamespace="http://test">
  ${extra}
  <bpmn:process id="Process_1" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
}

describe('lintDefinition', () => {
  test('given a realistic licence process and its pack, when linted, then there are no errors and no warnings', async () => {
    const report = await lintDefinition(realistic, packContext);
    expect(report).toEqual({ errors: [], warnings: [] });
  });

  test('given the same file linted twice, then the second run reports the same (no rule state leaks between calls)', async () => {
    await lintDefinition(realistic, packContext);
    expect(await lintDefinition(realistic, packContext)).toEqual({ errors: [], warnings: [] });
  });

  test('given the realistic process but a pack without its forms, then the task whose form is missing is refused by cm/form-exists', async () => {
    const report = await lintDefinition(realistic, { ...packContext, forms: [{ key: 'intake', versions: [1] }] });
    expect(report.errors).toEqual([
      { elementId: 'Task_confirm', rule: 'cm/form-exists', message: 'Form "supervision-confirm" is not in the pack (known forms: intake)' },
    ]);
  });

  test('given text that is not XML, when linted, then one bpmn-import error says so and nothing else runs', async () => {
    const report = await lintDefinition('<bpmn:definitions', packContext);
    expect(report.warnings).toEqual([]);
    expect(report.errors).toEqual([{ elementId: '', rule: IMPORT_RULE, message: expect.stringContaining('The file is not BPMN XML') }]);
  });

  test('given a misspelt cm: attribute and a dangling reference, then both are bpmn-import errors on their elements', async () => {
    const xml = definition(`
      <bpmn:startEvent id="Start" name="开始" />
      <bpmn:userTask id="Task" name="审查" cm:formkey="intake" cm:candidateRoles="staff" />
      <bpmn:sequenceFlow id="Flow" sourceRef="Start" targetRef="Nowhere" />`);
    const imports = (await lintDefinition(xml)).errors.filter((issue) => issue.rule === IMPORT_RULE);
    expect(imports).toEqual([
      { elementId: 'Task', rule: IMPORT_RULE, message: expect.stringContaining('unknown attribute <cm:formkey>') },
      { elementId: 'Flow', rule: IMPORT_RULE, message: expect.stringContaining('unresolved reference <Nowhere> (bpmn:targetRef)') },
    ]);
  });

  test('given a process without DI and with an inclusive gateway, then the excluded bpmnlint rules report nothing', async () => {
    const xml = definition(`
      <bpmn:startEvent id="Start" name="开始" />
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Split" />
      <bpmn:inclusiveGateway id="Split" name="涉及哪些部门" />
      <bpmn:sequenceFlow id="F2" name="卫健" sourceRef="Split" targetRef="End"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=health</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="F3" name="交通" sourceRef="Split" targetRef="End2"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=transport</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:endEvent id="End" name="结束" />
      <bpmn:endEvent id="End2" name="结束二" />`);
    const report = await lintDefinition(xml);
    expect(report).toEqual({ errors: [], warnings: [] });
  });

  test('given a process missing its end event and with a superfluous gateway, then bpmnlint built-ins report an error and a warning', async () => {
    const xml = definition(`
      <bpmn:startEvent id="Start" name="开始" />
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Join" />
      <bpmn:exclusiveGateway id="Join" />
      <bpmn:sequenceFlow id="F2" sourceRef="Join" targetRef="Task" />
      <bpmn:userTask id="Task" name="审查" cm:formKey="intake" cm:candidateRoles="staff" />`);
    const report = await lintDefinition(xml);
    expect(report.errors).toContainEqual({ elementId: 'Process_1', rule: 'end-event-required', message: 'Process is missing end event' });
    expect(report.warnings).toContainEqual({
      elementId: 'Join',
      rule: 'superfluous-gateway',
      message: 'Gateway is superfluous. It only has one source and target.',
    });
  });

  test('given a cm rule violation, then it is an error (not a warning) named with the cm/ prefix', async () => {
    const xml = definition(`<bpmn:userTask id="Task" name="审查" cm:candidateRoles="staff" />`);
    const report = await lintDefinition(xml);
    expect(report.errors).toContainEqual({
      elementId: 'Task',
      rule: 'cm/user-task-has-form',
      message: expect.stringContaining('User task has no form'),
    });
    expect(report.warnings.filter((issue) => issue.rule.startsWith('cm/'))).toEqual([]);
  });
});

describe('LINT_RULES and the cm plug-in', () => {
  test('given the rule list, then it holds every cm rule and no excluded bpmnlint rule', () => {
    for (const name of Object.keys(rules)) expect(LINT_RULES).toContain(`cm/${name}`);
    for (const name of Object.keys(EXCLUDED_BPMNLINT_RULES)) expect(LINT_RULES).not.toContain(name);
    expect(LINT_RULES).toContain('label-required');
  });

  test('given each rule file loaded with plain require, then module.exports is the factory itself, as bpmnlint resolvers expect', () => {
    for (const [name, factory] of Object.entries(rules)) {
      const loaded: unknown = require(`../../../platform/src/lint/rules/${name}`);
      expect(loaded).toBe(factory);
      expect(typeof factory({}).check).toBe('function');
    }
  });

  test('given the recommended config, then every cm rule is an error and every exclusion is off', () => {
    const configured = configs.recommended.rules ?? {};
    for (const name of Object.keys(rules)) expect(configured[name]).toBe('error');
    for (const name of Object.keys(EXCLUDED_BPMNLINT_RULES)) expect(configured[`bpmnlint/${name}`]).toBe('off');
    expect(configs.recommended.extends).toBe('bpmnlint:recommended');
  });
});
