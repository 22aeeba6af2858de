import type { CompiledProcess, ElementDef, SequenceFlowDef } from '../model/compiled-model';
import { compileElement, elementTypeOf, isActivity, type ElementCore } from './compile-element';
import type { MessageCatalog } from './compile-event';
import { compact, deepFreeze, identifier, optionalFeel } from './compile-values';
import { DefinitionCompileError } from './definition-errors';
import { child, children, expressionBody, text, type BpmnNode } from './moddle-node';

/** Flow elements that document data but have no behaviour; they are skipped, not refused. */
const DATA_ONLY = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

interface ScopeWalk {
  readonly elements: Map<string, ElementCore>;
  readonly flows: Map<string, SequenceFlowDef & { readonly scopeId: string }>;
}

/**
 * Compiles one bpmn:process, sub-processes included (their elements carry the
 * sub-process id as scopeId; all flows share one map). Besides compiling each
 * element it checks what only the whole process shows: flows that leave
 * their scope or point nowhere, default flows that do not leave their
 * element, boundary events on non-activities, start events.
 * @throws DefinitionCompileError naming the first offending element.
 */
export function compileProcess(process: BpmnNode, messages: MessageCatalog): CompiledProcess {
  const key = identifier(process.id);
  if (key === undefined) throw new DefinitionCompileError('(process)', 'a bpmn:process has no id; the id is the procedure key.');
  const walk: ScopeWalk = { elements: new Map(), flows: new Map() };
  walkScope(process, key, walk, messages);

  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const flow of walk.flows.values()) {
    for (const [end, list] of [[flow.sourceId, outgoing], [flow.targetId, incoming]] as const) {
      const element = walk.elements.get(end);
      if (element === undefined) throw new DefinitionCompileError(flow.id, `connects to "${end}", which is not a flow node of process "${key}".`);
      if (element.scopeId !== flow.scopeId) {
        throw new DefinitionCompileError(flow.id, `crosses a sub-process boundary ("${end}" is in "${element.scopeId}", the flow in "${flow.scopeId}").`);
      }
      list.set(end, [...(list.get(end) ?? []), flow.id]);
    }
  }

  const boundaryEvents = new Map<string, string[]>();
  for (const element of walk.elements.values()) {
    if (element.attachedTo === undefined) continue;
    const host = walk.elements.get(element.attachedTo);
    if (host === undefined || !isActivity(host.type) || host.scopeId !== element.scopeId) {
      throw new DefinitionCompileError(element.id, `is attached to "${element.attachedTo}", which is not an activity in the same scope.`);
    }
    if ((incoming.get(element.id) ?? []).length > 0) {
      throw new DefinitionCompileError(element.id, 'is a boundary event with incoming sequence flows; it can only be triggered by its activity.');
    }
    if (element.event?.timer?.atTaskDeadline === true && host.userTask?.deadline === undefined) {
      throw new DefinitionCompileError(element.id, `has cm:atTaskDeadline, but "${host.id}" is not a user task with a cm:deadline.`);
    }
    boundaryEvents.set(host.id, [...(boundaryEvents.get(host.id) ?? []), element.id]);
  }

  const elements = new Map<string, ElementDef>();
  for (const core of walk.elements.values()) {
    const element: ElementDef = compact({
      ...core,
      incoming: Object.freeze(incoming.get(core.id) ?? []),
      outgoing: Object.freeze(outgoing.get(core.id) ?? []),
      boundaryEvents: Object.freeze(boundaryEvents.get(core.id) ?? []),
      startEventId: core.type === 'subProcess' ? scopeStartEvent(walk, core.id) : undefined,
    });
    checkDefaultFlow(element, walk);
    elements.set(element.id, deepFreeze(element));
  }
  for (const element of elements.values()) {
    if (element.type === 'eventBasedGateway') checkEventGatewayTargets(element, elements, walk);
  }

  const flows = new Map<string, SequenceFlowDef>();
  for (const { scopeId: _scope, ...flow } of walk.flows.values()) flows.set(flow.id, deepFreeze(flow));
  const compiled: CompiledProcess = compact({
    key,
    name: identifier(text(process, 'name')),
    legalBasis: identifier(text(process, 'legalBasis')),
    elements,
    flows,
    ...processStarts(key, elements),
  });
  return Object.freeze(compiled);
}

function walkScope(container: BpmnNode, scopeId: string, walk: ScopeWalk, messages: MessageCatalog): void {
  for (const node of children(container, 'flowElements')) {
    if (DATA_ONLY.has(node.$type)) continue;
    const id = identifier(node.id);
    if (id === undefined) throw new DefinitionCompileError(`(a ${node.$type} in "${scopeId}")`, 'has no id.');
    if (walk.elements.has(id) || walk.flows.has(id)) throw new DefinitionCompileError(id, 'is used as the id of two elements.');
    if (node.$type === 'bpmn:SequenceFlow') {
      walk.flows.set(id, sequenceFlow(node, id, scopeId));
      continue;
    }
    const type = elementTypeOf(node, id);
    walk.elements.set(id, compileElement(node, id, type, scopeId, messages));
    if (type === 'subProcess') walkScope(node, id, walk, messages);
  }
}

function sequenceFlow(node: BpmnNode, id: string, scopeId: string): SequenceFlowDef & { readonly scopeId: string } {
  const sourceId = child(node, 'sourceRef')?.id;
  const targetId = child(node, 'targetRef')?.id;
  if (sourceId === undefined || targetId === undefined) {
    throw new DefinitionCompileError(id, `is a sequence flow without a ${sourceId === undefined ? 'sourceRef' : 'targetRef'} to an element in this file.`);
  }
  return compact({
    id,
    name: identifier(text(node, 'name')),
    sourceId,
    targetId,
    condition: optionalFeel(expressionBody(node, 'conditionExpression'), { elementId: id, attribute: 'conditionExpression' }),
    scopeId,
  });
}

/** A sub-process starts at its one none start event. */
function scopeStartEvent(walk: ScopeWalk, scopeId: string): string {
  const starts = [...walk.elements.values()].filter((e) => e.type === 'startEvent' && e.scopeId === scopeId);
  const first = starts[0];
  if (starts.length !== 1 || first === undefined) {
    throw new DefinitionCompileError(scopeId, `is a sub-process with ${starts.length === 0 ? 'no start event' : `${starts.length} start events`}; give it exactly one none start event.`);
  }
  if (first.event?.kind !== 'none') {
    throw new DefinitionCompileError(first.id, `is a ${first.event?.kind ?? '?'} start event inside a sub-process; a sub-process starts with a none start event.`);
  }
  return first.id;
}

/** The process-level start events: at most one none start, message starts by message name, timer starts. */
function processStarts(key: string, elements: ReadonlyMap<string, ElementDef>): Pick<CompiledProcess, 'noneStartId' | 'messageStarts' | 'timerStarts'> {
  let noneStartId: string | undefined;
  const messageStarts = new Map<string, string>();
  const timerStarts: string[] = [];
  for (const element of elements.values()) {
    if (element.type !== 'startEvent' || element.scopeId !== key) continue;
    const event = element.event;
    if (event?.kind === 'none') {
      if (noneStartId !== undefined) throw new DefinitionCompileError(element.id, `is a second none start event in process "${key}" (the first is "${noneStartId}").`);
      noneStartId = element.id;
    } else if (event?.kind === 'message' && event.messageName !== undefined) {
      const other = messageStarts.get(event.messageName);
      if (other !== undefined) throw new DefinitionCompileError(element.id, `starts on message "${event.messageName}", as "${other}" already does.`);
      messageStarts.set(event.messageName, element.id);
    } else if (event?.kind === 'timer') {
      timerStarts.push(element.id);
    }
  }
  if (noneStartId === undefined && messageStarts.size === 0 && timerStarts.length === 0) {
    throw new DefinitionCompileError(key, 'is a process without a start event.');
  }
  return compact({ noneStartId, messageStarts, timerStarts: Object.freeze(timerStarts) });
}

function checkDefaultFlow(element: ElementDef, walk: ScopeWalk): void {
  if (element.defaultFlow === undefined) return;
  const flow = walk.flows.get(element.defaultFlow);
  if (flow === undefined || flow.sourceId !== element.id) {
    throw new DefinitionCompileError(element.id, `names "${element.defaultFlow}" as its default flow, but that is not one of its outgoing sequence flows.`);
  }
  if (flow.condition !== undefined) {
    throw new DefinitionCompileError(flow.id, `is the default flow of "${element.id}" and must not have a condition.`);
  }
}

/** An event-based gateway waits on what follows it, so each target must be something that waits. */
function checkEventGatewayTargets(gateway: ElementDef, elements: ReadonlyMap<string, ElementDef>, walk: ScopeWalk): void {
  for (const flowId of gateway.outgoing) {
    const flow = walk.flows.get(flowId);
    const target = flow === undefined ? undefined : elements.get(flow.targetId);
    const waits =
      target?.type === 'receiveTask' ||
      (target?.type === 'intermediateCatchEvent' && (target.event?.kind === 'message' || target.event?.kind === 'timer'));
    if (!waits) {
      throw new DefinitionCompileError(gateway.id, `is an event-based gateway whose flow "${flowId}" leads to "${flow?.targetId ?? '?'}", which is not a message or timer catch event or a receive task.`);
    }
    if (flow?.condition !== undefined) {
      throw new DefinitionCompileError(flowId, 'leaves an event-based gateway and must not have a condition.');
    }
  }
}
