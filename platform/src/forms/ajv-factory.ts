import Ajv2020, { type Options } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * The one place an Ajv instance is configured.
 *
 * HTTP bodies, pack manifests, calendars and form submissions are all
 * validated by instances built here, so the same formats and the same
 * strictness apply on every boundary (DESIGN.md §5 "Validate at the boundary").
 * Instances are meant to be long-lived: Ajv caches compiled validators by
 * schema `$id`, which is where the speed comes from.
 */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // Unknown keywords and ambiguous types are schema bugs: fail when compiling,
    // not silently at the first submission.
    strict: true,
    allowUnionTypes: true,
    coerceTypes: false,
    useDefaults: false,
    ...options,
  });
  addFormats(ajv);
  return ajv;
}

export type { Ajv2020 as Ajv };
