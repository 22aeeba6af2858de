import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, type Ajv } from '../forms/ajv-factory';
import type { CalendarData } from './calendar-data';
import { CalendarDataError, type CalendarDataIssue } from './calendar-errors';
import { CALENDAR_SCHEMA, CALENDAR_SCHEMA_ID } from './calendar-schema';
import { checkCalendarRules } from './check-calendar-rules';

/**
 * Validates untrusted calendar JSON (a pack file, an admin's edit) and returns
 * it typed. Checks the JSON Schema first and the cross-field calendar rules
 * second, and reports every failing path in one `CalendarDataError`.
 *
 * Pass the application's long-lived Ajv (from `createAjv`) so the schema is
 * compiled once and cached by `$id`; without one a fresh instance is built,
 * which is fine for scripts and tests.
 *
 * @throws CalendarDataError listing each failing JSON Pointer and why.
 */
export function parseCalendarData(json: unknown, ajv: Ajv = createAjv()): CalendarData {
  const validate = calendarValidator(ajv);
  if (!validate(json)) {
    throw new CalendarDataError((validate.errors ?? []).map(toIssue));
  }
  const issues = checkCalendarRules(json);
  if (issues.length > 0) throw new CalendarDataError(issues);
  return json;
}

function calendarValidator(ajv: Ajv): ValidateFunction<CalendarData> {
  const cached = ajv.getSchema<CalendarData>(CALENDAR_SCHEMA_ID);
  if (cached !== undefined) return cached;
  return ajv.compile<CalendarData>(CALENDAR_SCHEMA);
}

function toIssue(error: ErrorObject): CalendarDataIssue {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    return { path: error.instancePath, message: `missing required property "${String(params.missingProperty)}"` };
  }
  if (error.keyword === 'additionalProperties') {
    return { path: error.instancePath, message: `unknown property "${String(params.additionalProperty)}"` };
  }
  return { path: error.instancePath, message: error.message ?? error.keyword };
}
