import Ajv2020, { type Options } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { registerCnFormats, type CnFormatOptions } from './formats/register-formats';

/**
 * Ajv's own options plus the settings of our custom formats. `formatOptions`
 * is taken out before Ajv sees the rest, so Ajv's option handling is unchanged.
 */
export type CreateAjvOptions = Options & {
  /** Jurisdiction-wide settings of the Chinese formats (docs/forms-formats.md). */
  formatOptions?: CnFormatOptions;
};

/**
 * The one place an Ajv instance is configured.
 *
 * HTTP bodies, pack manifests, calendars and form submissions are all
 * validated by instances built here, so the same formats and the same
 * strictness apply on every boundary (DESIGN.md §5 "Validate at the boundary").
 * Instances are meant to be long-lived: Ajv caches compiled validators by
 * schema `$id`, which is where the speed comes from.
 *
 * Besides ajv-formats, every instance knows the Chinese government-form
 * formats (`cn-id-number`, `cn-uscc`, `cn-uscc-structure`, `cn-mobile`,
 * `cn-landline`, `cn-phone`, `legal-doc-number`) and the
 * `x-uscc-checksum-override` keyword (forms/formats/register-formats.ts).
 */
export function createAjv(options: CreateAjvOptions = {}): Ajv2020 {
  const { formatOptions, ...ajvOptions } = options;
  const ajv = new Ajv2020({
    allErrors: true,
    // Unknown keywords and ambiguous types are schema bugs: fail when compiling,
    // not silently at the first submission.
    strict: true,
    allowUnionTypes: true,
    coerceTypes: false,
    useDefaults: false,
    ...ajvOptions,
  });
  addFormats(ajv);
  registerCnFormats(ajv, formatOptions);
  return ajv;
}

export type { Ajv2020 as Ajv };
