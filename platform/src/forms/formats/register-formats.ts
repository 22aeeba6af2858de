import { piiKeyword, searchKeyword } from '../field-annotations';
import type Ajv from 'ajv/dist/core';
import { isValidCnIdNumber } from './cn-id-number';
import { isValidCnLandline, isValidCnMobile, isValidCnPhone } from './cn-phone';
import { isValidUscc, isValidUsccStructure } from './cn-uscc';
import { createLegalDocNumberValidator } from './legal-doc-number';
import { usccChecksumOverrideKeyword } from './uscc-checksum-override';

/** Names of the formats this module adds; form schemas use them in `format`. */
export type CnFormatName =
  | 'cn-id-number'
  | 'cn-uscc'
  | 'cn-uscc-structure'
  | 'cn-mobile'
  | 'cn-landline'
  | 'cn-phone'
  | 'legal-doc-number';

/**
 * Settings for the Chinese formats, fixed per Ajv instance. Instances are
 * shared by every tenant (compiled validators are cached by `$id`), so only
 * jurisdiction-wide choices belong here; a pack narrows one field with the
 * standard `pattern` keyword in its own schema.
 */
export interface CnFormatOptions {
  /**
   * Replaces the default character rule of `legal-doc-number` (the baseline
   * of non-blank, trimmed, at most 64 characters still applies). Matched
   * against the whole value; `g`, `y` and `m` flags are ignored.
   */
  legalDocNumberPattern?: RegExp;
}

/**
 * The format validators by name, as plain `(value) => boolean` functions.
 * This shape is what @rjsf/validator-ajv8 takes as `customFormats`, so the
 * browser registers exactly what {@link registerCnFormats} registers here.
 */
export function cnFormatValidators(options: CnFormatOptions = {}): Record<CnFormatName, (value: string) => boolean> {
  return {
    'cn-id-number': isValidCnIdNumber,
    'cn-uscc': isValidUscc,
    'cn-uscc-structure': isValidUsccStructure,
    'cn-mobile': isValidCnMobile,
    'cn-landline': isValidCnLandline,
    'cn-phone': isValidCnPhone,
    'legal-doc-number': createLegalDocNumberValidator(options.legalDocNumberPattern),
  };
}

/**
 * Adds the Chinese government-form formats and the `x-uscc-checksum-override`
 * keyword to an Ajv instance. Called by `createAjv`, so every server-side
 * instance (HTTP bodies, form submissions, pack validation) knows them; with
 * strict mode on, a schema using the keyword would not even compile without
 * this. Typed against Ajv's core class so draft-07 and 2020-12 instances (the
 * browser may use either) both accept it.
 *
 * @throws {Error} from Ajv when called twice on one instance (the keyword is
 *   already defined): build a fresh instance with `createAjv` instead.
 */
export function registerCnFormats<T extends Ajv>(ajv: T, options: CnFormatOptions = {}): T {
  for (const [name, validate] of Object.entries(cnFormatValidators(options))) {
    ajv.addFormat(name, { type: 'string', validate });
  }
  ajv.addKeyword(usccChecksumOverrideKeyword);
  ajv.addKeyword(searchKeyword);
  ajv.addKeyword(piiKeyword);
  return ajv;
}
