/**
 * cm/message-has-correlation — messages can be delivered.
 *
 * A message catch (intermediate catch event, boundary event, receive task)
 * refers to a named bpmn:message and has a correlation key, on the message
 * or on the catching element (its message event definition, or the receive
 * task itself). A message start event needs a named message but no key: it
 * starts a new case rather than reaching an existing one. Message throws
 * (intermediate throw, end event) and send tasks need a named message.
 *
 * Why: the engine correlates by message name and key (compiled-model.ts
 * EventDef); a catch without a key would take any case's message, and a
 * message without a name matches nothing. Pure JS over the moddle tree, so
 * the designer runs it too.
 */
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types';

/** The slice of a moddle element this rule reads. */
interface Node {
  readonly $type: string;
  readonly id?: string;
  $instanceOf(type: string): boolean;
  readonly [property: string]: unknown;
}

type Role = 'catch' | 'start' | 'throw';

const messageHasCorrelation: RuleFactory = () => {
  function check(node: Node, reporter: Reporter): void {
    const role = roleOf(node);
    if (role === undefined) return;
    const id = node.id ?? '';
    const label = labelOf(node.$type);
    // For events the message hangs off the event definition, for tasks off the task.
    const holder = node.$instanceOf('bpmn:Event') ? messageDefinition(node) : node;
    const message = holder?.messageRef;
    if (!isNode(message)) {
      reporter.report(id, `${label} has no message; refer to a <bpmn:message> with a name`);
      return;
    }
    if (!hasText(message.name)) {
      reporter.report(id, `${label} refers to message <${message.id ?? '?'}>, which has no name; the engine matches messages by name`);
    }
    if (role === 'catch' && !hasText(message.correlationKey) && !hasText(holder?.correlationKey)) {
      const where = node.$instanceOf('bpmn:ReceiveTask') ? 'the receive task' : 'its message event definition';
      reporter.report(
        id,
        `${label} has no correlation key; set cm:correlationKey on message <${message.id ?? '?'}> or on ${where}, so the message reaches the right case`,
      );
    }
  }

  return { check };
};

function roleOf(node: Node): Role | undefined {
  if (node.$instanceOf('bpmn:ReceiveTask')) return 'catch';
  if (node.$instanceOf('bpmn:SendTask')) return 'throw';
  if (!node.$instanceOf('bpmn:Event') || messageDefinition(node) === undefined) return undefined;
  if (node.$instanceOf('bpmn:StartEvent')) return 'start';
  if (node.$instanceOf('bpmn:CatchEvent')) return 'catch';
  return 'throw';
}

function messageDefinition(event: Node): Node | undefined {
  const definitions = Array.isArray(event.eventDefinitions) ? (event.eventDefinitions as unknown[]) : [];
  return definitions.filter(isNode).find((d) => d.$instanceOf('bpmn:MessageEventDefinition'));
}

/** "bpmn:IntermediateCatchEvent" → "Message intermediate catch event"; tasks keep their own name. */
function labelOf(type: string): string {
  const words = type.replace(/^bpmn:/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return type.endsWith('Task') ? words.charAt(0).toUpperCase() + words.slice(1) : `Message ${words}`;
}

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

export = messageHasCorrelation;
