import { analyseFormChanges, compareFormSchemas, expressionSites, feelUses, formReferences } from '../../../platform/src/engine/definitions/form-changes';
import { parseAndCompile } from '../../../platform/src/engine/parse/compile-definition';
import { bpmn } from '../../helpers/engine-harness';

const BEFORE = {
  type: 'object',
  required: ['name', 'target', 'kind'],
  properties: {
    name: { type: 'string', title: '名称' },
    target: { type: 'string', title: '推送部门' },
    kind: { type: 'string', enum: ['permit', 'penalty', 'other'] },
    amount: { type: 'number' },
    phone: { type: 'string', format: 'cn-phone' },
    address: { type: 'object', required: ['city'], properties: { city: { type: 'string' }, street: { type: 'string' } } },
  },
};

/** A procedure reading `target`, `kind` and `amount` in every kind of expression site the finder must search. */
const PROCEDURE = bpmn(`
  <bpmn:message id="msg" name="reply" cm:correlationKey="=caseRef"/>
  <bpmn:process id="review" name="审查" isExecutable="true">
    <bpmn:startEvent id="start" cm:formKey="intake"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw"/>
    <bpmn:exclusiveGateway id="gw" default="f3"/>
    <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="check"><bpmn:conditionExpression>kind = "penalty" and amount &gt; 1000</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="notify"/>
    <bpmn:userTask id="check" name="核查" cm:formKey="check-form" cm:candidateDepartments="=[target]" cm:deadline="3WD"/>
    <bpmn:sequenceFlow id="f4" sourceRef="check" targetRef="notify"/>
    <bpmn:serviceTask id="notify" name="通知" cm:action="notify">
      <bpmn:extensionElements><cm:ioMapping><cm:input name="to" expression="=target"/><cm:input name="text" expression="=&quot;target: &quot; + item.name"/></cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f5" sourceRef="notify" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

async function procedure() {
  const { compiled } = await parseAndCompile(PROCEDURE);
  return { definition: compiled, process: compiled.processes.get('review')! };
}

describe('form changes', () => {
  it('given a field removed, one added and one changed in several ways, when compared, then each change is reported once with its kind', () => {
    const after = {
      type: 'object',
      required: ['name', 'kind', 'phone'],
      properties: {
        name: { type: 'string', title: '名称' },
        kind: { type: 'string', enum: ['permit', 'other'] },
        amount: { type: 'string' },
        phone: { type: 'string', format: 'cn-mobile' },
        address: { type: 'object', properties: { city: { type: 'string' } } },
        remark: { type: 'string' },
      },
    };
    const changes = compareFormSchemas(BEFORE, after).map((c) => `${c.kind} ${c.field}`).sort();
    expect(changes).toEqual([
      'added remark',
      'enumNarrowed kind',
      'formatChanged phone',
      'newlyRequired phone',
      'noLongerRequired address.city',
      'removed address.street',
      'removed target',
      'typeChanged amount',
    ]);
  });

  it('given no previous version, when compared, then there is nothing to report', () => {
    expect(compareFormSchemas(null, BEFORE)).toEqual([]);
  });

  it('given a required field a procedure assigns and maps by, when it is removed, then the change is breaking and lists every use', async () => {
    const { target, ...rest } = BEFORE.properties;
    const after = { ...BEFORE, required: ['name', 'kind'], properties: rest };
    const [change] = analyseFormChanges(BEFORE, after, [await procedure()]);
    expect(change).toMatchObject({ kind: 'removed', field: 'target', breaking: true });
    expect(change!.detail).toContain('(it was required)');
    expect(change!.usedBy).toEqual([
      { procedure: 'review', elementId: 'check', where: 'cm:candidateDepartments' },
      { procedure: 'review', elementId: 'notify', where: 'cm:ioMapping input "to"' },
    ]);
  });

  it('given an optional field added, when analysed, then it is not breaking', async () => {
    const after = { ...BEFORE, properties: { ...BEFORE.properties, remark: { type: 'string' } } };
    expect(analyseFormChanges(BEFORE, after, [await procedure()])).toEqual([
      { kind: 'added', field: 'remark', detail: '"remark" was added as an optional field.', breaking: false, usedBy: [] },
    ]);
  });

  it('given an enum value removed that a condition branches on, when analysed, then it is breaking at the flow', async () => {
    const after = { ...BEFORE, properties: { ...BEFORE.properties, kind: { type: 'string', enum: ['permit', 'other'] } } };
    const [change] = analyseFormChanges(BEFORE, after, [await procedure()]);
    expect(change).toMatchObject({ kind: 'enumNarrowed', breaking: true, usedBy: [{ procedure: 'review', elementId: 'f2', where: 'conditionExpression' }] });
    expect(change!.detail).toContain('"penalty"');
  });

  it('given a removed field no procedure reads, when analysed, then it is reported but not breaking', async () => {
    const { phone, ...rest } = BEFORE.properties;
    const [change] = analyseFormChanges(BEFORE, { ...BEFORE, properties: rest }, [await procedure()]);
    expect(change).toMatchObject({ kind: 'removed', field: 'phone', breaking: false, usedBy: [] });
  });

  it('given a format change of a used field, when analysed, then it is listed with its uses but not breaking', async () => {
    const after = { ...BEFORE, properties: { ...BEFORE.properties, target: { type: 'string', format: 'uuid' } } };
    const [change] = analyseFormChanges(BEFORE, after, [await procedure()]);
    expect(change).toMatchObject({ kind: 'formatChanged', field: 'target', breaking: false });
    expect(change!.usedBy).toHaveLength(2);
  });

  it('given FEEL text, when searched for a name, then only whole variable references outside strings count', () => {
    expect(feelUses('=[target]', 'target')).toBe(true);
    expect(feelUses('targets = 1', 'target')).toBe(false);
    expect(feelUses('item.target', 'target')).toBe(false);
    expect(feelUses('"target" + x', 'target')).toBe(false);
    expect(feelUses('address.city = "曲阜"', 'address.city')).toBe(true);
    expect(feelUses('申请人 != null', '申请人')).toBe(true);
  });

  it('given a compiled procedure, when its expression sites are listed, then message correlation keys and static values are handled', async () => {
    const sites = expressionSites(await procedure());
    expect(sites).toContainEqual({ elementId: 'msg', where: 'cm:correlationKey', feel: 'caseRef' });
    expect(sites.some((s) => s.where === 'cm:deadline')).toBe(false); // "3WD" is a literal, not FEEL
  });

  it('given a procedure, when asked which steps show a form, then start events and user tasks naming it are listed', async () => {
    const { process } = await procedure();
    expect(formReferences(process, 'intake')).toEqual([{ elementId: 'start', elementName: null }]);
    expect(formReferences(process, 'check-form')).toEqual([{ elementId: 'check', elementName: '核查' }]);
    expect(formReferences(process, 'other')).toEqual([]);
  });
});
