import type { AnySchemaObject, ErrorObject, FuncKeywordDefinition } from 'ajv';
// Not re-exported from the package root; types only, so nothing extra reaches a browser bundle.
import type { DataValidateFunction, DataValidationCxt } from 'ajv/dist/types';
import { usccFailsOnlyChecksum } from './cn-uscc';

/**
 * The keyword by which a form lets a 统一社会信用代码 fail its check character
 * only when a written reason accompanies it (DESIGN.md §4: some early codes
 * fail the GB 32100 checksum and are still lawful).
 *
 * It sits on the object that holds both fields and maps each code property to
 * its reason property, like the standard `dependentRequired`:
 *
 * ```json
 * { "type": "object",
 *   "properties": {
 *     "uscc": { "type": "string", "format": "cn-uscc-structure" },
 *     "usccChecksumOverrideReason": { "type": "string" } },
 *   "x-uscc-checksum-override": { "uscc": "usccChecksumOverrideReason" } }
 * ```
 *
 * The object is the right home (not the code property): the rule relates two
 * siblings, one object may hold several codes, and a code at the root of a
 * schema has no siblings at all.
 */
export const USCC_CHECKSUM_OVERRIDE_KEYWORD = 'x-uscc-checksum-override';

/** The format the code property must declare; a strict `cn-uscc` field could never be overridden. */
const STRUCTURE_FORMAT = 'cn-uscc-structure';

/**
 * Thrown while compiling a schema whose `x-uscc-checksum-override` cannot
 * work: a named property is not declared in the same object's `properties`,
 * the code property does not use `format: "cn-uscc-structure"` (without it a
 * malformed code would pass unchecked, with `cn-uscc` the override could never
 * apply), a property is its own reason, or the value is not a non-empty map
 * of property names. Surfaces when a form is published,
 * so the pack author learns of it before anyone fills the form.
 */
export class UsccOverrideSchemaError extends Error {
  constructor(message: string) {
    super(`${USCC_CHECKSUM_OVERRIDE_KEYWORD}: ${message}`);
    this.name = 'UsccOverrideSchemaError';
  }
}

/**
 * The Ajv definition of {@link USCC_CHECKSUM_OVERRIDE_KEYWORD}. Exported on
 * its own so the browser validator (@rjsf/validator-ajv8, via
 * `ajvOptionsOverrides.keywords`) registers the very same rule.
 *
 * Validation: for each `code → reason` pair, when the code is a well-formed
 * code whose check character is wrong and the reason is missing or blank, one
 * error is reported at the code property (that is where the mistake usually
 * is: a typo), naming the reason property in `params.overrideProperty`. A code
 * that passes its checksum needs no reason; a malformed code is left to its
 * format, which never accepts it.
 */
export const usccChecksumOverrideKeyword: FuncKeywordDefinition = {
  keyword: USCC_CHECKSUM_OVERRIDE_KEYWORD,
  type: 'object',
  schemaType: 'object',
  errors: true,
  // The value's shape is checked in `compile`, not by a `metaSchema`: Ajv
  // compiles a keyword meta-schema (and with it the draft meta-schema) inside
  // addKeyword, which made every createAjv() ~20× slower, and the factory is
  // called per route at start-up.
  compile(schema: Record<string, unknown>, parentSchema: AnySchemaObject): DataValidateFunction {
    const pairs = namePairs(schema);
    assertPairsDeclared(pairs, parentSchema);
    const validate: DataValidateFunction = (data: unknown, cxt?: DataValidationCxt): boolean => {
      const record = data as Record<string, unknown>;
      const errors: Partial<ErrorObject>[] = [];
      for (const [codeProperty, reasonProperty] of pairs) {
        const code = record[codeProperty];
        if (typeof code !== 'string' || !usccFailsOnlyChecksum(code)) continue;
        const reason = record[reasonProperty];
        if (typeof reason === 'string' && reason.trim() !== '') continue;
        errors.push({
          keyword: USCC_CHECKSUM_OVERRIDE_KEYWORD,
          instancePath: `${cxt?.instancePath ?? ''}/${escapePointerToken(codeProperty)}`,
          params: { overrideProperty: reasonProperty },
          message: `fails the GB 32100 check character; it is accepted only with a reason in "${reasonProperty}"`,
        });
      }
      validate.errors = errors;
      return errors.length === 0;
    };
    return validate;
  },
};

/** The keyword value as `[code, reason]` pairs; Ajv's `schemaType` has already ensured it is an object. */
function namePairs(schema: Record<string, unknown>): [string, string][] {
  const entries = Object.entries(schema);
  if (entries.length === 0) throw new UsccOverrideSchemaError('names no code property; map each code property to its reason property');
  return entries.map(([code, reason]) => {
    if (typeof reason !== 'string' || reason === '') throw new UsccOverrideSchemaError(`the reason property for "${code}" must be a non-empty property name`);
    return [code, reason];
  });
}

function assertPairsDeclared(pairs: [string, string][], parentSchema: AnySchemaObject): void {
  const properties = (parentSchema.properties ?? {}) as Record<string, unknown>;
  for (const [codeProperty, reasonProperty] of pairs) {
    if (codeProperty === reasonProperty) throw new UsccOverrideSchemaError(`"${codeProperty}" cannot be its own override reason`);
    for (const name of [codeProperty, reasonProperty]) {
      if (!Object.hasOwn(properties, name)) throw new UsccOverrideSchemaError(`"${name}" is not declared in the same object's properties`);
    }
    const codeSchema = properties[codeProperty];
    const format = typeof codeSchema === 'object' && codeSchema !== null ? (codeSchema as { format?: unknown }).format : undefined;
    if (format !== STRUCTURE_FORMAT) {
      throw new UsccOverrideSchemaError(`"${codeProperty}" must declare "format": "${STRUCTURE_FORMAT}" (found ${JSON.stringify(format ?? null)})`);
    }
  }
}

/** RFC 6901: `~` → `~0`, `/` → `~1`, so a property name cannot break the pointer. */
function escapePointerToken(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
