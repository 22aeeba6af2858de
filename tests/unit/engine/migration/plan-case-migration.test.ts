import type { CompiledProcess } from '../../../../platform/src/engine/model/compiled-model';
import { parseAndCompile } from '../../../../platform/src/engine/parse/compile-definition';
import { planCaseMigration } from '../../../../platform/src/engine/migration/plan-case-migration';
import type { CaseState } from '../../../../platform/src/engine/runtime/case-state';
import { bpmnProcess, flow } from '../../../helpers/engine-harness';

async function compile(body: string): Promise<CompiledProcess> {
  const definition = await parseAndCompile(bpmnProcess('p', body, '<bpmn:message id="m1" name="reply" cm:correlationKey="=caseNo"/><bpmn:message id="m2" name="other" cm:correlationKey="=caseNo"/>'));
  return definition.compiled.processes.get('p')!;
}

const task = (id: string) => `<bpmn:userTask id="${id}" cm:formKey="f" cm:candidateDepartments="market"/>`;

/** A subprocess `sub` holding task `inner`, then a parallel join `join` fed by flows a and b, then a message catch `wait`. */
const shape = (names: { sub: string; inner: string; wait: string; message: string; joinFlow: string }) => `
  <bpmn:startEvent id="start"/>${flow('f0', 'start', 'fork')}
  <bpmn:parallelGateway id="fork"/>${flow('fa', 'fork', names.sub)}${flow('fb', 'fork', 'side')}
  <bpmn:subProcess id="${names.sub}"><bpmn:startEvent id="s_start"/>${flow('s1', 's_start', names.inner)}${task(names.inner)}${flow('s2', names.inner, 's_end')}<bpmn:endEvent id="s_end"/></bpmn:subProcess>
  ${task('side')}
  ${flow(names.joinFlow, names.sub, 'join')}${flow('jb', 'side', 'join')}
  <bpmn:parallelGateway id="join"/>${flow('j1', 'join', names.wait)}
  <bpmn:intermediateCatchEvent id="${names.wait}"><bpmn:messageEventDefinition messageRef="${names.message}"/></bpmn:intermediateCatchEvent>
  ${flow('w1', names.wait, 'end')}<bpmn:endEvent id="end"/>`;

const inSubprocess: CaseState = {
  seq: 5,
  scopes: [
    { id: 's0', elementId: 'p', kind: 'process', variables: {} },
    { id: 's1', elementId: 'sub', kind: 'subProcess', parentScopeId: 's0', ownerTokenId: 't1', variables: {} },
  ],
  tokens: [
    { id: 't1', elementId: 'sub', scopeId: 's0', status: 'waiting', wait: { kind: 'subProcess', ref: 's1' } },
    { id: 't2', elementId: 'inner', scopeId: 's1', status: 'waiting', wait: { kind: 'task', ref: 'task-1' } },
    { id: 't3', elementId: 'join', scopeId: 's0', status: 'waiting', wait: { kind: 'join' }, viaFlow: 'jb' },
  ],
};
const waitingForMessage: CaseState = { seq: 2, scopes: [{ id: 's0', elementId: 'p', kind: 'process', variables: {} }], tokens: [{ id: 't1', elementId: 'wait', scopeId: 's0', status: 'waiting', wait: { kind: 'message', ref: 'sub-1' } }] };

describe('planCaseMigration', () => {
  const a = { sub: 'sub', inner: 'inner', wait: 'wait', message: 'm1', joinFlow: 'ja' };

  it('moves tokens and scopes along a mapping, keeping a subprocess task inside its renamed subprocess', async () => {
    const plan = planCaseMigration(await compile(shape(a)), await compile(shape({ ...a, sub: 'sub2', inner: 'inner2' })), inSubprocess, { sub: 'sub2', inner: 'inner2' });
    expect(plan.reasons).toEqual([]);
    expect(plan.migratable).toBe(true);
    expect(plan.moves).toEqual(expect.arrayContaining([{ from: 'sub', to: 'sub2' }, { from: 'inner', to: 'inner2' }]));
    expect(plan.state.scopes[1]).toMatchObject({ id: 's1', elementId: 'sub2' });
    expect(plan.state.tokens.map((t) => t.elementId)).toEqual(['sub2', 'inner2', 'join']);
  });

  it('refuses a task moved out of the subprocess its token lives in', async () => {
    const plan = planCaseMigration(await compile(shape(a)), await compile(shape(a)), inSubprocess, { inner: 'side' });
    expect(plan.migratable).toBe(false);
    expect(plan.reasons.join()).toContain('不在令牌所在的子流程 sub 中');
  });

  it("refuses a join whose token's arrival flow no longer leads into it", async () => {
    const target = await compile(shape(a).replace(`${flow('jb', 'side', 'join')}`, `${flow('jb2', 'side', 'join')}`));
    const plan = planCaseMigration(await compile(shape(a)), target, inSubprocess, {});
    expect(plan.reasons).toEqual([expect.stringContaining('没有到达连线 jb')]);
  });

  it('refuses a message wait mapped onto a catch of another message, and a task mapped onto a gateway', async () => {
    const source = await compile(shape(a));
    const otherMessage = planCaseMigration(source, await compile(shape({ ...a, message: 'm2' })), waitingForMessage, {});
    expect(otherMessage.reasons).toEqual([expect.stringContaining('等待的消息不同（reply → other）')]);
    const toGateway = planCaseMigration(source, source, inSubprocess, { inner: 'join' });
    expect(toGateway.reasons.join()).toContain('类型不同（userTask → parallelGateway）');
  });

  it('maps an element left out of the mapping to itself, and one mapped to null to nothing', async () => {
    const source = await compile(shape(a));
    expect(planCaseMigration(source, source, waitingForMessage, {}).migratable).toBe(true);
    expect(planCaseMigration(source, source, waitingForMessage, { wait: null }).reasons).toEqual([expect.stringContaining('新版本中已删除且未映射')]);
  });
});
