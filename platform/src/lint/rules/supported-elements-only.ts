/**
 * cm/supported-elements-only — every flow element, event definition and loop
 * characteristic is one the case engine executes (docs/lint-rules.md).
 *
 * Why a rule and not a parser error: an admin drawing in the designer should
 * see "script tasks are not supported" on the shape while drawing, long
 * before publishing. The same module runs there (bpmn-js-bpmnlint) and at
 * publish time, so it is pure JS over the moddle tree: no Node APIs.
 */
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types';

/** The slice of a moddle element this rule reads. */
interface Node {
  readonly $type: string;
  readonly id?: string;
  $instanceOf(type: string): boolean;
  readonly [property: string]: unknown;
}

/** Flow element types with a behaviour in the engine (ElementType in compiled-model.ts), plus sequence flows. */
const SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  'bpmn:SequenceFlow',
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway',
  'bpmn:EventBasedGateway',
  'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:BoundaryEvent',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
]);

/** What to use instead, for the unsupported types an admin is likely to draw. */
const HINTS: Readonly<Record<string, string>> = {
  'bpmn:Task': 'give the task a type: user, service, send or receive task',
  'bpmn:ScriptTask': 'scripts do not run on the server, use a service task with cm:action',
  'bpmn:BusinessRuleTask': 'use an exclusive gateway with FEEL conditions or a service task with cm:action',
  'bpmn:ManualTask': 'use a user task, so the step is assigned and recorded',
  'bpmn:ComplexGateway': 'use an exclusive or inclusive gateway',
  'bpmn:Transaction': 'use a sub-process',
  'bpmn:AdHocSubProcess': 'use a sub-process with a parallel or inclusive gateway',
  'bpmn:DataObject': 'case data lives in case variables and forms',
  'bpmn:DataObjectReference': 'case data lives in case variables and forms',
  'bpmn:DataStoreReference': 'case data lives in case variables and forms',
};

/** Allowed event definitions per event type; `none` means the event may carry no definition. */
const EVENT_DEFINITIONS: Readonly<Record<string, { readonly none: boolean; readonly kinds: readonly string[] }>> = {
  'bpmn:StartEvent': { none: true, kinds: ['message', 'timer'] },
  'bpmn:EndEvent': { none: true, kinds: ['terminate', 'message', 'error', 'escalation'] },
  'bpmn:IntermediateCatchEvent': { none: false, kinds: ['timer', 'message'] },
  'bpmn:IntermediateThrowEvent': { none: true, kinds: ['message', 'escalation'] },
  'bpmn:BoundaryEvent': { none: false, kinds: ['timer', 'message', 'error', 'escalation'] },
};

/** Activities that may repeat per item (MultiInstanceDef in compiled-model.ts). */
const MULTI_INSTANCE_HOSTS: ReadonlySet<string> = new Set(['bpmn:UserTask', 'bpmn:SubProcess', 'bpmn:CallActivity']);

const supportedElementsOnly: RuleFactory = () => {
  function check(node: Node, reporter: Reporter): void {
    if (!node.$instanceOf('bpmn:FlowElement')) return;
    const id = node.id ?? '';
    if (!SUPPORTED_TYPES.has(node.$type)) {
      const hint = HINTS[node.$type];
      reporter.report(id, `Element type <${node.$type}> is not supported by the case engine${hint ? `; ${hint}` : ''}`);
      return;
    }
    if (node.$type === 'bpmn:SubProcess' && node.triggeredByEvent === true) {
      reporter.report(id, 'Event sub-processes are not supported by the case engine; attach a boundary event to the activity instead');
    }
    checkEventDefinitions(node, id, reporter);
    checkLoop(node, id, reporter);
  }

  return { check };
};

function checkEventDefinitions(node: Node, id: string, reporter: Reporter): void {
  const allowed = EVENT_DEFINITIONS[node.$type];
  if (allowed === undefined) return;
  const definitions = nodes(node.eventDefinitions);
  const label = `<${node.$type}>`;
  const accepted = orList([...(allowed.none ? ['none'] : []), ...allowed.kinds]);
  if (definitions.length === 0 && !allowed.none) {
    reporter.report(id, `${label} has no event definition; the case engine supports only ${accepted} here`);
  }
  for (const definition of definitions) {
    if (!allowed.kinds.includes(kindOf(definition.$type))) {
      reporter.report(id, `<${definition.$type}> is not supported on ${label}; the case engine supports only ${accepted} here`);
    }
  }
}

function checkLoop(node: Node, id: string, reporter: Reporter): void {
  const loop = node.loopCharacteristics;
  if (!isNode(loop)) return;
  if (loop.$type === 'bpmn:StandardLoopCharacteristics') {
    reporter.report(id, 'Standard loops <bpmn:StandardLoopCharacteristics> are not supported by the case engine; model the repetition with a gateway and a flow back');
  } else if (loop.$type === 'bpmn:MultiInstanceLoopCharacteristics' && !MULTI_INSTANCE_HOSTS.has(node.$type)) {
    reporter.report(id, `Multi-instance is not supported on <${node.$type}>; only user tasks, sub-processes and call activities repeat per item`);
  }
}

/** ["a", "b", "c"] → "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "bpmn:TimerEventDefinition" → "timer". */
function kindOf(definitionType: string): string {
  return definitionType.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toLowerCase();
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

function nodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

export = supportedElementsOnly;
