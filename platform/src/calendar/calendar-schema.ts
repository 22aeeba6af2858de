/** `$id` of {@link CALENDAR_SCHEMA}; Ajv caches the compiled validator under it. */
export const CALENDAR_SCHEMA_ID = 'urn:shenguan:schema:calendar:v1';

const dateText = {
  type: 'string',
  format: 'date',
  // `format: date` alone also admits years beyond 9999 in some modes; keep files uniform.
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
} as const;

/**
 * JSON Schema (draft 2020-12) of {@link CalendarData}.
 *
 * Structure only: rules that need several fields at once (a date inside a
 * covered year, a make-up workday on a weekend, no date both holiday and
 * workday, no duplicates) are checked by `checkCalendarRules`, because JSON
 * Schema cannot express them readably. `additionalProperties: false`
 * everywhere so that a misspelt key in a hand-edited file is an error instead
 * of silently ignored data.
 */
export const CALENDAR_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: CALENDAR_SCHEMA_ID,
  title: 'Working-day calendar',
  description: 'Statutory holidays and make-up workdays (调休) of the covered years, in one time zone.',
  type: 'object',
  required: ['id', 'name', 'timeZone', 'years', 'holidays', 'workdays', 'attribution'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    timeZone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' },
    years: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'integer', minimum: 1900, maximum: 2999 },
    },
    holidays: { type: 'array', items: { $ref: '#/$defs/day' } },
    workdays: { type: 'array', items: { $ref: '#/$defs/day' } },
    attribution: { type: 'array', items: { $ref: '#/$defs/attribution' } },
  },
  $defs: {
    day: {
      type: 'object',
      required: ['date', 'name', 'source'],
      additionalProperties: false,
      properties: {
        date: dateText,
        name: { type: 'string', minLength: 1, maxLength: 100 },
        source: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    attribution: {
      type: 'object',
      required: ['name', 'license'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 },
        version: { type: 'string', minLength: 1 },
        license: { type: 'string', minLength: 1 },
        copyright: { type: 'string', minLength: 1 },
        url: { type: 'string', format: 'uri' },
        note: { type: 'string' },
      },
    },
  },
} as const;
