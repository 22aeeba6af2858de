import { ValidationError } from '../../../../platform/src/errors/problem-error';
import { DefinitionParseError } from '../../../../platform/src/engine/parse/definition-errors';
import { bpmn, EngineHarness } from '../../../helpers/engine-harness';
import { testDbKind } from '../../../helpers/test-database';

const simple = (deadline = '3WD', formKey = 'f1') =>
  bpmn(`
  <bpmn:process id="simple" name="简单流程" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="review"/>
    <bpmn:userTask id="review" name="审核" cm:formKey="${formKey}" cm:candidateDepartments="market" cm:deadline="${deadline}"/>
    <bpmn:sequenceFlow id="b" sourceRef="review" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

async function publishError(h: EngineHarness, xml: string): Promise<ValidationError | DefinitionParseError> {
  try {
    await h.publish(xml);
  } catch (err) {
    if (err instanceof ValidationError || err instanceof DefinitionParseError) return err;
    throw err;
  }
  throw new Error('publish was expected to fail');
}

describe(`publishing definitions (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm('f1');
  });
  afterAll(() => h.close());

  it('refuses a user task without a form, naming the element and the rule', async () => {
    const err = await publishError(h, simple().replace(' cm:formKey="f1"', ''));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).errors).toEqual(expect.arrayContaining([{ pointer: '/bpmn/review', message: expect.stringMatching(/form.*\(cm\/user-task-has-form\)/i) }]));
  });

  it('refuses a reference to a form the county does not have', async () => {
    const err = (await publishError(h, simple('3WD', 'missing-form'))) as ValidationError;
    expect(err.errors).toEqual(expect.arrayContaining([{ pointer: '/bpmn/review', message: expect.stringMatching(/missing-form.*cm\/form-exists/) }]));
  });

  it('refuses an unknown service-task action and an unsupported element, listing both', async () => {
    const xml = bpmn(`
      <bpmn:process id="bad" isExecutable="true">
        <bpmn:startEvent id="start"/>
        <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="svc"/>
        <bpmn:serviceTask id="svc" name="发短信" cm:action="sendFax"/>
        <bpmn:sequenceFlow id="b" sourceRef="svc" targetRef="script"/>
        <bpmn:scriptTask id="script" name="脚本"/>
        <bpmn:sequenceFlow id="c" sourceRef="script" targetRef="end"/>
        <bpmn:endEvent id="end"/>
      </bpmn:process>`);
    const err = (await publishError(h, xml)) as ValidationError;
    const pointers = err.errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/bpmn/svc', '/bpmn/script']));
  });

  it('refuses an ambiguous deadline ("3 days") with the reason', async () => {
    const err = (await publishError(h, simple('3 days'))) as ValidationError;
    expect(err.errors).toEqual(expect.arrayContaining([{ pointer: '/bpmn/review', message: expect.stringMatching(/ambiguous/) }]));
  });

  it('refuses XML with a DOCTYPE (billion laughs) before any XML reader sees it', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${simple().replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`;
    const err = await publishError(h, laughs);
    expect(err).toBeInstanceOf(DefinitionParseError);
    expect(err.message).toMatch(/DOCTYPE/);
  });

  it('versions: an identical republish keeps the version; a change makes version 2, and a running case keeps version 1 while new cases use 2', async () => {
    await h.publish(simple('3WD'));
    await h.publish(simple('3WD'));
    const before = await h.start('simple');
    await h.publish(simple('2WD'));
    const after = await h.start('simple');
    const versions = await h.em().execute<{ id: string; v: number }[]>(
      'select c.id, d.version as v from case_instance c join definition_version d on d.id = c.definition_version_id where c.id in (?, ?) order by d.version',
      [before, after],
    );
    expect(versions.map((r) => [r.id, r.v])).toEqual([
      [before, 1],
      [after, 2],
    ]);
    // Monday 2024-03-04: 3 working days → Thursday; 2 → Wednesday. The older case keeps its 3 days.
    expect((await h.openTask(before, 'review')).due_at).toBe('2024-03-07T16:00:00.000Z');
    expect((await h.openTask(after, 'review')).due_at).toBe('2024-03-06T16:00:00.000Z');
    // The old case still completes on its own version.
    await h.complete((await h.openTask(before, 'review')).id);
    expect((await h.caseRow(before)).status).toBe('completed');
  });
});
