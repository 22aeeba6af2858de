import { format as formats, Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type { RJSFSchema, ValidatorType, ValidationData, CustomValidator, ErrorTransformer, UiSchema } from '@rjsf/utils';
import processRawValidationErrors from '@rjsf/validator-ajv8/lib/processRawValidationErrors.js';
import type { ErrorObject } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh';
import { cnFormatValidators } from '../../../platform/src/forms/formats/register-formats';

// The server's own format functions (ID number, USCC, phones, document numbers), registered once.
for (const [name, check] of Object.entries(cnFormatValidators())) formats[name] = check;

/** Friendlier words than "must match format X" for our formats. */
const FORMAT_MESSAGES: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    'cn-id-number': '应为有效的18位公民身份号码（末位X大写）',
    'cn-uscc': '应为有效的18位统一社会信用代码',
    'cn-uscc-structure': '应为18位统一社会信用代码（数字和大写字母，不含I、O、Z、S、V）',
    'cn-mobile': '应为11位手机号码',
    'cn-landline': '应为带区号的固定电话，如0537-4412345',
    'cn-phone': '应为11位手机号码或带区号的固定电话',
    'legal-doc-number': '应为法律文书编号，如“曲行审〔2024〕15号”',
    date: '应为日期（YYYY-MM-DD）',
  },
  en: {
    'cn-id-number': 'must be a valid 18-character citizen ID number',
    'cn-uscc': 'must be a valid unified social credit code',
    'cn-uscc-structure': 'must be an 18-character unified social credit code',
    'cn-mobile': 'must be an 11-digit mobile number',
    'cn-landline': 'must be a landline number with area code',
    'cn-phone': 'must be a mobile number or a landline with area code',
    'legal-doc-number': 'must be a legal document number',
    date: 'must be a date (YYYY-MM-DD)',
  },
};

/** Keywords whose failure is a message for the user; the rest (properties, allOf, if...) only say "a child failed". */
const LEAF_KEYWORDS = new Set([
  'type', 'required', 'minLength', 'maxLength', 'pattern', 'format', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'additionalProperties', 'false', 'dependentRequired',
]);

/** The value at a JSON pointer ("#/properties/a/format") inside a schema. */
function at(schema: unknown, pointer: string): unknown {
  let node = schema;
  for (const raw of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** One interpreter result as the Ajv error object rjsf (and the zh localiser) expects. */
function toAjvError(unit: OutputUnit, schema: unknown): ErrorObject | null {
  const keyword = unit.keyword;
  if (!LEAF_KEYWORDS.has(keyword)) return null;
  const value = at(schema, unit.keywordLocation);
  let instancePath = unit.instanceLocation.replace(/^#/, '');
  const quoted = /"([^"]*)"/.exec(unit.error)?.[1];
  const params: Record<string, unknown> = {};
  switch (keyword) {
    case 'required':
    case 'dependentRequired':
      params.missingProperty = quoted ?? '';
      break;
    case 'additionalProperties':
    case 'false':
      if (keyword === 'false') instancePath = instancePath || '/';
      params.additionalProperty = quoted ?? instancePath.split('/').pop() ?? '';
      break;
    case 'format':
      params.format = value;
      break;
    case 'pattern':
      params.pattern = value;
      break;
    case 'enum':
      params.allowedValues = value;
      break;
    case 'const':
      params.allowedValue = value;
      break;
    case 'type':
      params.type = Array.isArray(value) ? value.join(',') : value;
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      params.limit = value;
      params.comparison = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[keyword];
      break;
    default:
      params.limit = value;
  }
  return { keyword: keyword === 'false' ? 'additionalProperties' : keyword, instancePath, schemaPath: unit.keywordLocation, params, message: unit.error } as ErrorObject;
}

/**
 * The browser's form validator for @rjsf: an interpreting JSON Schema
 * validator (@cfworker/json-schema, draft 2020-12) instead of Ajv, because
 * Ajv compiles schemas with `new Function`, which the platform's
 * Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval') forbids.
 * The formats are the server's own functions, so a form the browser accepts
 * is one the server accepts; the server stays the authority (its 422s are
 * mapped onto the fields). Errors are shaped like Ajv's, so rjsf's own error
 * processing and the zh localiser of ajv-i18n apply unchanged.
 */
export class InterpretingValidator implements ValidatorType {
  private readonly validators = new WeakMap<object, Validator>();

  constructor(private readonly locale: 'zh-CN' | 'en') {}

  private validatorFor(schema: RJSFSchema, rootSchema?: RJSFSchema): Validator {
    let v = this.validators.get(schema);
    if (!v) {
      // Sub-schemas rjsf checks (if/then, oneOf options) may $ref the root's definitions.
      const withDefs = rootSchema && rootSchema !== schema ? { ...schema, $defs: { ...(rootSchema.$defs as object), ...(schema.$defs as object) }, definitions: { ...(rootSchema.definitions as object), ...(schema.definitions as object) } } : schema;
      v = new Validator(withDefs as Schema, '2020-12', false);
      this.validators.set(schema, v);
    }
    return v;
  }

  rawValidation<Result = ErrorObject>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const result = this.validatorFor(schema).validate(formData);
      if (result.valid) return { errors: undefined };
      const errors = result.errors.map((u) => toAjvError(u, schema)).filter((e): e is ErrorObject => e !== null);
      this.localise(errors);
      return { errors: errors as Result[] };
    } catch (err) {
      return { validationError: err as Error };
    }
  }

  validateFormData(formData: unknown, schema: RJSFSchema, customValidate?: CustomValidator, transformErrors?: ErrorTransformer, uiSchema?: UiSchema): ValidationData<unknown> {
    const raw = this.rawValidation<ErrorObject>(schema, formData);
    return processRawValidationErrors(this as never, raw, formData, schema, customValidate, transformErrors, uiSchema);
  }

  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      return this.validatorFor(schema, rootSchema).validate(formData).valid;
    } catch {
      return false;
    }
  }

  reset(): void {
    // Validators are keyed weakly by schema object; nothing else to drop.
  }

  private localise(errors: ErrorObject[]): void {
    if (this.locale === 'zh-CN') localizeZh(errors);
    for (const e of errors) {
      if (e.keyword === 'format') e.message = FORMAT_MESSAGES[this.locale][String(e.params.format)] ?? e.message;
    }
  }
}

/** A validator per UI language. */
export function createFormValidator(locale: 'zh-CN' | 'en'): InterpretingValidator {
  return new InterpretingValidator(locale);
}
