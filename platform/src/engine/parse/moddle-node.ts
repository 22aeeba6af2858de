/**
 * A loose, read-only view of the element tree bpmn-moddle produces.
 *
 * Why not the generated bpmn-moddle types: cm: extension attributes
 * (cm:formKey, cm:deadline, ...) are not in them, and the compiler checks
 * every value it reads anyway, since the XML comes from admins. So nodes are
 * typed as "a $type plus unknown properties" and read through the small
 * accessors below, which never trust a property's runtime type.
 */
export interface BpmnNode {
  /** Qualified moddle type, e.g. "bpmn:UserTask", "cm:IoMapping". */
  readonly $type: string;
  readonly $parent?: BpmnNode;
  readonly id?: string;
  readonly name?: string;
  readonly [property: string]: unknown;
}

/** The root moddle returns for a BPMN file: a bpmn:Definitions element. */
export interface BpmnDefinitions extends BpmnNode {
  readonly $type: 'bpmn:Definitions';
}

/** True for a moddle element (anything with a string `$type`). */
export function isNode(value: unknown): value is BpmnNode {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** A string property, or undefined when absent or blank. */
export function text(node: BpmnNode, property: string): string | undefined {
  const value = node[property];
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? undefined : value;
}

/** A boolean property (moddle already converted "true"/"false"), or undefined. */
export function flag(node: BpmnNode, property: string): boolean | undefined {
  const value = node[property];
  return typeof value === 'boolean' ? value : undefined;
}

/** A numeric property (moddle converts Integer and Real attributes), or undefined. */
export function numeric(node: BpmnNode, property: string): number | undefined {
  const value = node[property];
  return typeof value === 'number' ? value : undefined;
}

/** A single child element or resolved reference, or undefined. */
export function child(node: BpmnNode, property: string): BpmnNode | undefined {
  const value = node[property];
  return isNode(value) ? value : undefined;
}

/** A many-valued child or reference list (empty when absent). */
export function children(node: BpmnNode, property: string): readonly BpmnNode[] {
  const value = node[property];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** The body text of a bpmn:Expression / bpmn:FormalExpression child, or undefined when absent or blank. */
export function expressionBody(node: BpmnNode, property: string): string | undefined {
  const expression = child(node, property);
  return expression === undefined ? undefined : text(expression, 'body');
}

/** Extension elements of the given type under bpmn:extensionElements. */
export function extensions(node: BpmnNode, type: string): readonly BpmnNode[] {
  const container = child(node, 'extensionElements');
  if (container === undefined) return [];
  return children(container, 'values').filter((value) => value.$type === type);
}
