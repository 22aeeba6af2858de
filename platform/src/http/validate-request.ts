import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, type Ajv } from '../forms/ajv-factory';
import { ValidationError, type FieldError } from '../errors/problem-error';
import type { JsonSchema, RouteDef } from './route-definition';

/** The three request parts a route may declare a schema for. */
type Part = 'params' | 'query' | 'body';

export type RequestValidator = (part: Part, value: unknown) => unknown;

/** ajv error → field error with a JSON Pointer that includes the request part, e.g. /body/payload/name. */
export function toFieldErrors(part: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    let pointer = `/${part}${e.instancePath}`;
    if (e.keyword === 'required') pointer += `/${String((e.params as { missingProperty: string }).missingProperty)}`;
    if (e.keyword === 'additionalProperties') pointer += `/${String((e.params as { additionalProperty: string }).additionalProperty)}`;
    // The pointer already names the field, so say what is wrong with it in its own terms.
    const message = e.keyword === 'required' ? 'is required' : e.keyword === 'additionalProperties' ? 'is not an allowed property' : (e.message ?? 'is invalid');
    return { pointer, message };
  });
}

/**
 * Compile a route's schemas once, at start-up. Path and query values arrive
 * as strings, so they are coerced to the declared types; bodies are JSON and
 * are checked as they are, without coercion.
 */
export interface RouteAjvs {
  /** For path and query strings: coerces to the declared types. */
  coercing: Ajv;
  /** For JSON bodies: checks them as they are. */
  exact: Ajv;
}

/** The two Ajv instances every route shares (building one per route made start-up slow). */
export function createRouteAjvs(): RouteAjvs {
  return { coercing: createAjv({ coerceTypes: true, useDefaults: true }), exact: createAjv({ useDefaults: true }) };
}

export function compileRouteValidator(route: RouteDef, { coercing, exact }: RouteAjvs = createRouteAjvs()): RequestValidator {
  const compiled: Partial<Record<Part, ValidateFunction>> = {};
  const schemas: [Part, JsonSchema | undefined][] = [
    ['params', route.params],
    ['query', route.query],
    ['body', route.body],
  ];
  for (const [part, schema] of schemas) {
    if (schema) compiled[part] = (part === 'body' ? exact : coercing).compile(schema);
  }
  return (part, value) => {
    const validate = compiled[part];
    if (!validate) return part === 'body' ? undefined : value;
    if (part === 'body' && value === undefined && route.bodyOptional) return undefined;
    if (part === 'body' && value === undefined) throw new ValidationError('A JSON request body is required.', [{ pointer: '/body', message: 'is required' }]);
    if (!validate(value)) {
      const errors = toFieldErrors(part, validate.errors);
      throw new ValidationError(`The request ${part} is invalid: ${errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}.`, errors);
    }
    return value;
  };
}
