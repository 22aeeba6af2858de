import { evaluate, parseExpression } from 'feelin';

/** Thrown when a FEEL expression in a definition does not parse; `where` names the element and attribute. */
export class FeelSyntaxError extends Error {
  constructor(readonly where: string, readonly source: string, readonly position: number) {
    super(`${where}: FEEL expression "${source}" does not parse (at character ${position + 1}).`);
    this.name = 'FeelSyntaxError';
  }
}

/** Thrown when evaluating a FEEL expression fails at run time (e.g. wrong result type). */
export class FeelEvaluationError extends Error {
  constructor(readonly where: string, readonly source: string, reason: string) {
    super(`${where}: FEEL expression "${source}" ${reason}`);
    this.name = 'FeelEvaluationError';
  }
}

/** In a diagram attribute, a leading "=" marks FEEL (as in Zeebe); anything else is a literal. */
export function isFeel(text: string): boolean {
  return text.trimStart().startsWith('=');
}

/** The expression without its leading "=". */
export function stripFeelMarker(text: string): string {
  return text.trimStart().replace(/^=/, '');
}

/**
 * Check that `source` parses as a FEEL expression; throws FeelSyntaxError
 * with the position of the first error. Used at publish time, so a broken
 * condition is refused with its element id, never discovered by a case.
 */
export function assertFeelParses(source: string, where: string): void {
  const tree = parseExpression(source, {}, undefined);
  let errorAt = -1;
  tree.iterate({
    enter(node) {
      if (errorAt < 0 && node.type.isError) errorAt = node.from;
    },
  });
  if (errorAt >= 0) throw new FeelSyntaxError(where, source, errorAt);
}

/**
 * Evaluate FEEL over case variables and return a JSON value. FEEL dates,
 * times and durations come back as ISO strings, because results are stored
 * in jsonb case variables. Missing variables evaluate to null (FEEL's rule),
 * which is what lets conditions test optional fields.
 */
export function evaluateFeel(source: string, variables: Record<string, unknown>, where: string): unknown {
  let value: unknown;
  try {
    value = evaluate(source, variables).value;
  } catch (err) {
    throw new FeelEvaluationError(where, source, `failed: ${(err as Error).message}`);
  }
  return toJson(value);
}

/** Evaluate a condition: only `true` counts as true (FEEL null and false both do not). */
export function evaluateCondition(source: string, variables: Record<string, unknown>, where: string): boolean {
  return evaluateFeel(source, variables, where) === true;
}

function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const v = value as { toISO?: () => string; iso?: string } & Record<string, unknown>;
    if (typeof v.toISO === 'function') return v.toISO();
    if (typeof v.iso === 'string') return v.iso;
    if (typeof v === 'function') return null;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = toJson(x);
    return out;
  }
  return value;
}
