/**
 * cm/feel-parses — every FEEL expression in a diagram parses.
 *
 * Checked: sequence-flow conditions, multi-instance cm:collection,
 * completionCondition and loopCardinality, cm:correlationKey (on messages,
 * message event definitions, receive and send tasks), cm:ioMapping input and
 * output expressions — all of which are always FEEL, the leading "=" being
 * optional — and the attributes that are FEEL only when they start with "=":
 * cm:candidateDepartments, cm:candidateRoles, cm:deadline and timer
 * durations and dates.
 *
 * Why: a broken condition must be refused with its element id at publish
 * time, never discovered by the first case that reaches the gateway
 * (DESIGN.md §5). Pure JS (feelin's parser) over the moddle tree, so the
 * designer runs it too.
 */
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types';
import { assertFeelParses, FeelSyntaxError, isFeel, stripFeelMarker } from '../../engine/expressions/feel';

/** The slice of a moddle element this rule reads. */
interface Node {
  readonly $type: string;
  readonly id?: string;
  readonly $parent?: Node;
  $instanceOf(type: string): boolean;
  readonly [property: string]: unknown;
}

/** Where FEEL is written, and whether it is FEEL only when marked with "=". */
interface Place {
  readonly where: string;
  readonly text: unknown;
  readonly onlyIfMarked: boolean;
}

const feelParses: RuleFactory = () => {
  function check(node: Node, reporter: Reporter): void {
    for (const place of placesOf(node)) {
      const problem = feelProblem(place);
      if (problem !== undefined) reporter.report(ownerId(node), problem);
    }
  }

  return { check };
};

/** The FEEL-bearing places held directly by `node`. */
function placesOf(node: Node): Place[] {
  const always = (where: string, text: unknown): Place => ({ where, text, onlyIfMarked: false });
  const ifMarked = (where: string, text: unknown): Place => ({ where, text, onlyIfMarked: true });
  const places: Place[] = [];
  if (node.$instanceOf('bpmn:SequenceFlow') && isNode(node.conditionExpression)) {
    places.push(always('Condition', node.conditionExpression.body ?? ''));
  }
  if (node.$instanceOf('bpmn:UserTask')) {
    places.push(
      ifMarked('cm:candidateDepartments', node.candidateDepartments),
      ifMarked('cm:candidateRoles', node.candidateRoles),
      ifMarked('cm:deadline', node.deadline),
      always('cm:deadlineFrom', node.deadlineFrom),
    );
  }
  const loop = node.loopCharacteristics;
  if (isNode(loop) && loop.$instanceOf('bpmn:MultiInstanceLoopCharacteristics')) {
    places.push(
      always('cm:collection', loop.collection),
      always('completionCondition', body(loop.completionCondition)),
      always('loopCardinality', body(loop.loopCardinality)),
    );
  }
  if (node.$instanceOf('bpmn:Message') || node.$instanceOf('bpmn:MessageEventDefinition')) {
    places.push(always('cm:correlationKey', node.correlationKey));
  }
  if (node.$instanceOf('bpmn:ReceiveTask') || node.$instanceOf('bpmn:SendTask')) {
    places.push(always('cm:correlationKey', node.correlationKey));
  }
  if (node.$type === 'cm:Input' || node.$type === 'cm:Output') {
    const direction = node.$type === 'cm:Input' ? 'input' : 'output';
    places.push(always(`cm:ioMapping ${direction} "${String(node.name ?? '')}"`, node.expression));
  }
  if (node.$instanceOf('bpmn:TimerEventDefinition')) {
    places.push(ifMarked('Timer duration', body(node.timeDuration)), ifMarked('Timer date', body(node.timeDate)));
  }
  return places;
}

/** The sentence to report for one place, or undefined when it is absent, not FEEL, or parses. */
function feelProblem({ where, text, onlyIfMarked }: Place): string | undefined {
  if (typeof text !== 'string' || (onlyIfMarked && !isFeel(text))) return undefined;
  const source = stripFeelMarker(text);
  if (source.trim() === '') return `${where} is empty; write a FEEL expression`;
  try {
    assertFeelParses(source, where);
    return undefined;
  } catch (err) {
    if (err instanceof FeelSyntaxError) return err.message;
    throw err;
  }
}

/**
 * The element an admin sees in the diagram: event definitions report on
 * their event, cm:ioMapping entries on the element that holds them (their
 * own ids, if any, are invisible in the designer).
 */
function ownerId(node: Node): string {
  let owner: Node | undefined = node;
  if (node.$instanceOf('bpmn:EventDefinition')) owner = node.$parent;
  if (node.$type === 'cm:Input' || node.$type === 'cm:Output') owner = node.$parent?.$parent?.$parent;
  return owner?.id ?? node.id ?? '';
}

function body(expression: unknown): unknown {
  return isNode(expression) ? (expression.body ?? '') : undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

export = feelParses;
