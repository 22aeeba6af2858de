import type { ElementType, EventDef, EventKind, FeelSource, TimerDef } from '../model/compiled-model';
import { compact, cycleText, dateTimeOrFeel, durationOrFeel, feelSource, type ValueSite } from './compile-values';
import { DefinitionCompileError } from './definition-errors';
import { child, children, expressionBody, flag, text, type BpmnNode } from './moddle-node';

/** Messages declared in the file (bpmn:message), by their XML id. */
export type MessageCatalog = ReadonlyMap<string, { readonly name: string; readonly correlationKey?: FeelSource }>;

type EventElementType = 'startEvent' | 'endEvent' | 'intermediateCatchEvent' | 'intermediateThrowEvent' | 'boundaryEvent';

/**
 * Which event definitions the engine runs on which event. Everything else is
 * valid BPMN the runtime has no behaviour for, so it is refused by name.
 */
const ALLOWED: Readonly<Record<EventElementType, readonly EventKind[]>> = {
  startEvent: ['none', 'message', 'timer'],
  endEvent: ['none', 'message', 'error', 'escalation', 'terminate'],
  intermediateCatchEvent: ['message', 'timer'],
  intermediateThrowEvent: ['none', 'message', 'escalation'],
  boundaryEvent: ['message', 'timer', 'error', 'escalation'],
};

const KINDS: Readonly<Record<string, EventKind>> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:TerminateEventDefinition': 'terminate',
};

/** True for the element types whose behaviour is driven by an event definition. */
export function isEventType(type: ElementType): type is EventElementType {
  return type in ALLOWED;
}

/**
 * Compiles the event definition of a start, end, intermediate or boundary
 * event. Why strict: a signal or conditional event compiled as "none" would
 * let a case run straight past a step the diagram meant to wait at.
 * @throws DefinitionCompileError for unsupported, multiple or incomplete definitions.
 */
export function compileEvent(node: BpmnNode, id: string, type: EventElementType, messages: MessageCatalog): EventDef {
  if (children(node, 'eventDefinitionRef').length > 0) {
    throw new DefinitionCompileError(id, 'refers to a top-level event definition (eventDefinitionRef); define the event inside the event element instead.');
  }
  const definitions = children(node, 'eventDefinitions');
  if (definitions.length > 1) {
    throw new DefinitionCompileError(id, `has ${definitions.length} event definitions (a "multiple" event), which the engine does not run; use one event per trigger.`);
  }
  const definition = definitions[0];
  const kind = definition === undefined ? 'none' : KINDS[definition.$type];
  if (kind === undefined) {
    throw new DefinitionCompileError(id, `uses ${definition?.$type ?? 'an event definition'}, which the engine does not support; use a message, timer, error, escalation or terminate event.`);
  }
  if (!ALLOWED[type].includes(kind)) {
    const what = kind === 'none' ? 'no event definition' : `a ${kind} event definition`;
    throw new DefinitionCompileError(id, `is a ${type} with ${what}, which the engine does not run on a ${type} (allowed: ${ALLOWED[type].join(', ')}).`);
  }
  if (definition === undefined) return { kind: 'none' };
  switch (kind) {
    case 'message':
      return messageEvent(definition, id, messages, 'message event');
    case 'timer':
      return { kind, timer: compileTimer(definition, id, type, flag(node, 'cancelActivity') ?? true) };
    case 'error':
      if (type === 'boundaryEvent' && flag(node, 'cancelActivity') === false) {
        throw new DefinitionCompileError(id, 'is a non-interrupting error boundary event; an error always interrupts the activity, so remove cancelActivity="false".');
      }
      return compact({ kind, errorCode: referencedCode(definition, id, 'errorRef', 'errorCode', type !== 'boundaryEvent') });
    case 'escalation':
      return compact({ kind, escalationCode: referencedCode(definition, id, 'escalationRef', 'escalationCode', type !== 'boundaryEvent') });
    default:
      return { kind };
  }
}

/**
 * The message a receiveTask waits for or a sendTask sends, as an event, so
 * the runtime subscribes and publishes the same way as for message events.
 * Undefined when the task has no messageRef.
 */
export function messageTaskEvent(node: BpmnNode, id: string, messages: MessageCatalog): EventDef | undefined {
  if (child(node, 'messageRef') === undefined) return undefined;
  return messageEvent(node, id, messages, node.$type === 'bpmn:SendTask' ? 'send task' : 'receive task');
}

/** Reads messageRef + cm:correlationKey from an event definition or a message task; the local key overrides the message's. */
function messageEvent(holder: BpmnNode, id: string, messages: MessageCatalog, what: string): EventDef {
  const ref = child(holder, 'messageRef');
  const message = ref?.id === undefined ? undefined : messages.get(ref.id);
  if (message === undefined) {
    throw new DefinitionCompileError(id, `is a ${what} without a messageRef to a bpmn:message declared in this file.`);
  }
  const localKey = text(holder, 'correlationKey');
  const correlationKey =
    localKey === undefined ? message.correlationKey : feelSource(localKey, { elementId: id, attribute: 'cm:correlationKey' });
  return compact({ kind: 'message' as const, messageName: message.name, correlationKey });
}

function compileTimer(definition: BpmnNode, id: string, type: EventElementType, interrupting: boolean): TimerDef {
  const site = (attribute: string): ValueSite => ({ elementId: id, attribute });
  const durationText = expressionBody(definition, 'timeDuration');
  const dateText = expressionBody(definition, 'timeDate');
  const cycle = expressionBody(definition, 'timeCycle');
  const atTaskDeadline = flag(definition, 'atTaskDeadline') === true;
  const given = [durationText, dateText, cycle].filter((value) => value !== undefined).length;
  if (atTaskDeadline) {
    if (type !== 'boundaryEvent') {
      throw new DefinitionCompileError(id, 'has cm:atTaskDeadline, which only applies to a timer boundary event on a user task.');
    }
    if (given > 0) {
      throw new DefinitionCompileError(id, 'has cm:atTaskDeadline and also a timeDuration, timeDate or timeCycle; the task deadline is the timer, so remove the others.');
    }
    return { atTaskDeadline: true };
  }
  if (given !== 1) {
    throw new DefinitionCompileError(id, `is a timer with ${given === 0 ? 'no' : 'more than one'} of timeDuration, timeDate and timeCycle; give exactly one (or cm:atTaskDeadline="true" on a boundary timer).`);
  }
  if (cycle !== undefined && !(type === 'startEvent' || (type === 'boundaryEvent' && !interrupting))) {
    throw new DefinitionCompileError(id, 'has a timeCycle, which repeats only on a timer start event or a non-interrupting boundary timer; use timeDuration or timeDate here.');
  }
  return compact({
    duration: durationText === undefined ? undefined : durationOrFeel(durationText, site('timeDuration')),
    date: dateText === undefined ? undefined : dateTimeOrFeel(dateText, site('timeDate')),
    cycle: cycle === undefined ? undefined : cycleText(cycle, site('timeCycle')),
  });
}

/**
 * The code of a referenced bpmn:error / bpmn:escalation. A catch without a
 * reference catches all; a reference without a code is refused, since it
 * would silently become a catch-all (or a throw nothing can catch).
 */
function referencedCode(definition: BpmnNode, id: string, refProperty: string, codeProperty: string, required: boolean): string | undefined {
  const ref = child(definition, refProperty);
  if (ref === undefined) {
    if (required) throw new DefinitionCompileError(id, `throws without an ${refProperty}; point it at a bpmn:${refProperty.replace('Ref', '')} with a ${codeProperty}.`);
    return undefined;
  }
  const code = text(ref, codeProperty)?.trim();
  if (code === undefined || code === '') {
    throw new DefinitionCompileError(id, `refers to ${ref.$type} "${ref.id ?? '?'}", which has no ${codeProperty}.`);
  }
  return code;
}
