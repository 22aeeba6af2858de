import type { ActionDef, ElementDef, ElementType, Mapping, MultiInstanceDef } from '../model/compiled-model';
import { compileEvent, isEventType, messageTaskEvent, type MessageCatalog } from './compile-event';
import { compileUserTask } from './compile-user-task';
import { compact, feelSource, identifier, optionalFeel } from './compile-values';
import { DefinitionCompileError } from './definition-errors';
import { child, expressionBody, extensions, flag, numeric, text, type BpmnNode } from './moddle-node';

/** An element before the process pass adds what only the whole scope knows (flows, boundaries, start event). */
export type ElementCore = Omit<ElementDef, 'incoming' | 'outgoing' | 'boundaryEvents' | 'startEventId'>;

const TYPES: Readonly<Record<string, ElementType>> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
};

/** What to use instead, for the unsupported types admins are most likely to draw. */
const ALTERNATIVES: Readonly<Record<string, string>> = {
  'bpmn:Task': 'give it a type: a user task for work people do, a service task for an automatic action',
  'bpmn:ManualTask': 'use a user task, so the work is recorded in a form',
  'bpmn:ScriptTask': 'use a service task with cm:action',
  'bpmn:BusinessRuleTask': 'use a service task with cm:action, or gateway conditions in FEEL',
  'bpmn:ComplexGateway': 'use an exclusive, inclusive or parallel gateway',
  'bpmn:Transaction': 'use a sub-process',
  'bpmn:AdHocSubProcess': 'use a sub-process with an inclusive gateway',
};

const ACTIVITIES: ReadonlySet<ElementType> = new Set(['userTask', 'serviceTask', 'sendTask', 'receiveTask', 'subProcess', 'callActivity']);

/** True for element types that may carry boundary events, loops, defaults and mappings into the element. */
export function isActivity(type: ElementType): boolean {
  return ACTIVITIES.has(type);
}

/**
 * The engine's type for a flow node.
 * @throws DefinitionCompileError naming the element for any type not in ElementType.
 */
export function elementTypeOf(node: BpmnNode, id: string): ElementType {
  const type = TYPES[node.$type];
  if (type === undefined) {
    const alternative = ALTERNATIVES[node.$type];
    throw new DefinitionCompileError(id, `is a ${node.$type}, which the engine does not support${alternative === undefined ? '' : `; ${alternative}`}.`);
  }
  if (type === 'subProcess' && flag(node, 'triggeredByEvent') === true) {
    throw new DefinitionCompileError(id, 'is an event sub-process, which the engine does not support; use boundary events on a sub-process instead.');
  }
  return type;
}

/**
 * Compiles everything one flow node says about itself. Why per node: each
 * attribute is checked where it is written, so an error names the element
 * the admin has to open in the designer.
 * @throws DefinitionCompileError for unsupported types and invalid attributes.
 */
export function compileElement(node: BpmnNode, id: string, type: ElementType, scopeId: string, messages: MessageCatalog): ElementCore {
  const activity = isActivity(type);
  if (activity && flag(node, 'isForCompensation') === true) {
    throw new DefinitionCompileError(id, 'is a compensation handler, which the engine does not support.');
  }
  const { inputs, outputs } = ioMapping(node, id);
  const defaultRef = child(node, 'default');
  const base = {
    id,
    type,
    name: identifier(text(node, 'name')),
    scopeId,
    defaultFlow: defaultRef?.id,
    inputs,
    outputs,
    legalBasis: identifier(text(node, 'legalBasis')),
    offlineAllowed: flag(node, 'offlineAllowed'),
    multiInstance: activity ? multiInstance(node, id) : undefined,
  };
  switch (type) {
    case 'userTask':
      return compact({ ...base, userTask: compileUserTask(node, id) });
    case 'startEvent': {
      const event = compileEvent(node, id, type, messages);
      const formKey = identifier(text(node, 'formKey'));
      const formVersion = numeric(node, 'formVersion');
      return compact({ ...base, event, startForm: formKey ? compact({ formKey, formVersion }) : undefined });
    }
    case 'serviceTask':
      return compact({ ...base, action: action(node, id, inputs, true) });
    case 'sendTask': {
      const event = messageTaskEvent(node, id, messages);
      const sendAction = action(node, id, inputs, event === undefined);
      return compact({ ...base, event, messageName: event?.messageName, action: sendAction });
    }
    case 'receiveTask': {
      const event = messageTaskEvent(node, id, messages);
      if (event === undefined) {
        throw new DefinitionCompileError(id, 'is a receive task without a messageRef; name the message it waits for.');
      }
      return compact({ ...base, event, messageName: event.messageName });
    }
    case 'callActivity': {
      const calledProcess = identifier(text(node, 'calledElement'));
      if (calledProcess === undefined) {
        throw new DefinitionCompileError(id, 'is a call activity without calledElement; name the process key it starts.');
      }
      return compact({ ...base, calledProcess });
    }
    case 'boundaryEvent': {
      const attachedTo = child(node, 'attachedToRef')?.id;
      if (attachedTo === undefined) {
        throw new DefinitionCompileError(id, 'is a boundary event without attachedToRef to an activity in this file.');
      }
      const event = compileEvent(node, id, type, messages);
      return compact({ ...base, event, attachedTo, cancelActivity: flag(node, 'cancelActivity') ?? true });
    }
    default:
      return isEventType(type) ? compact({ ...base, event: compileEvent(node, id, type, messages) }) : compact(base);
  }
}

/**
 * cm:ioMapping → inputs and outputs. Expressions are always FEEL, so the
 * leading "=" is optional. At most one cm:ioMapping per element, so there is
 * no question which one wins.
 */
function ioMapping(node: BpmnNode, id: string): { inputs: readonly Mapping[]; outputs: readonly Mapping[] } {
  const mappings = extensions(node, 'cm:IoMapping');
  if (mappings.length > 1) throw new DefinitionCompileError(id, `has ${mappings.length} cm:ioMapping elements; merge them into one.`);
  const mapping = mappings[0];
  if (mapping === undefined) return { inputs: [], outputs: [] };
  const read = (property: 'inputs' | 'outputs', tag: string): Mapping[] => {
    const items = mapping[property];
    const list = Array.isArray(items) ? (items as BpmnNode[]) : [];
    const seen = new Set<string>();
    return list.map((item, index) => {
      const name = identifier(text(item, 'name'));
      const expression = text(item, 'expression');
      if (name === undefined || expression === undefined) {
        throw new DefinitionCompileError(id, `${tag} #${index + 1} needs both name and expression.`);
      }
      if (seen.has(name)) throw new DefinitionCompileError(id, `${tag} "${name}" is mapped twice.`);
      seen.add(name);
      return { name, expression: feelSource(expression, { elementId: id, attribute: `${tag} "${name}"` }) };
    });
  };
  return { inputs: read('inputs', 'cm:input'), outputs: read('outputs', 'cm:output') };
}

/** cm:action + cm:resultVariable; the action's arguments are the element's cm:input mappings. */
function action(node: BpmnNode, id: string, inputs: readonly Mapping[], required: boolean): ActionDef | undefined {
  const name = identifier(text(node, 'action'));
  if (name === undefined) {
    if (!required) return undefined;
    const what = node.$type === 'bpmn:SendTask' ? 'a send task with neither messageRef nor cm:action' : 'a service task without cm:action';
    throw new DefinitionCompileError(id, `is ${what}; name the built-in action it runs (e.g. "notify").`);
  }
  return compact({ name, inputs, resultVariable: identifier(text(node, 'resultVariable')) });
}

/** bpmn:multiInstanceLoopCharacteristics → MultiInstanceDef; standard loops are refused. */
function multiInstance(node: BpmnNode, id: string): MultiInstanceDef | undefined {
  const loop = child(node, 'loopCharacteristics');
  if (loop === undefined) return undefined;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    throw new DefinitionCompileError(id, `uses ${loop.$type}, which the engine does not support; use multi-instance with cm:collection.`);
  }
  const site = (attribute: string) => ({ elementId: id, attribute });
  const collection = optionalFeel(text(loop, 'collection'), site('cm:collection'));
  const loopCardinality = optionalFeel(expressionBody(loop, 'loopCardinality'), site('loopCardinality'));
  const elementVariable = identifier(text(loop, 'elementVariable'));
  if ((collection === undefined) === (loopCardinality === undefined)) {
    throw new DefinitionCompileError(id, 'is multi-instance with ' + (collection === undefined ? 'neither cm:collection nor loopCardinality' : 'both cm:collection and loopCardinality') + '; give exactly one.');
  }
  if (elementVariable !== undefined && collection === undefined) {
    throw new DefinitionCompileError(id, 'has cm:elementVariable without cm:collection; the variable holds the current item of the collection.');
  }
  return compact({
    sequential: flag(loop, 'isSequential') ?? false,
    collection,
    elementVariable,
    loopCardinality,
    completionCondition: optionalFeel(expressionBody(loop, 'completionCondition'), site('completionCondition')),
  });
}
