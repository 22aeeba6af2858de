import { CalendarCoverageError, computeDue, DurationSpecError, formatDurationSpec, parseDurationSpec, type CalendarDay } from '../../calendar';
import type { Principal } from '../../domain/auth/principal';
import type { CalendarVersion } from '../../domain/calendar/calendar-version.entity';
import { ValidationError } from '../../errors/problem-error';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

const keyParams: JsonSchema = { type: 'object', required: ['key'], properties: { key: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } } };
const daySchema: JsonSchema = {
  type: 'object',
  required: ['date', 'name', 'source'],
  additionalProperties: false,
  properties: { date: { type: 'string', format: 'date' }, name: { type: 'string', minLength: 1, maxLength: 100 }, source: { type: 'string', minLength: 1, maxLength: 300 } },
};
const editFields = {
  expectedVersion: { type: 'integer', minimum: 1, description: 'The version the edit starts from; a newer one means a 409' },
  note: { type: 'string', minLength: 1, maxLength: 2000, description: 'Why (e.g. the notice number)' },
};
const versionSummary: JsonSchema = {
  type: 'object',
  required: ['key', 'version', 'createdAt', 'createdBy', 'note'],
  properties: { key: { type: 'string' }, version: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' }, createdBy: { type: 'string' }, note: { type: 'string' } },
};

const summary = (v: Pick<CalendarVersion, 'calendarKey' | 'version' | 'createdAt' | 'createdByLabel' | 'note'>) => ({
  key: v.calendarKey,
  version: v.version,
  createdAt: v.createdAt.toISOString(),
  createdBy: v.createdByLabel,
  note: v.note,
});
const actorOf = (p: Principal) => ({ id: p.userId, label: p.login });

/** Working-day calendars: read, preview deadlines, and (admins) edit with versioning and audit. */
export function calendarRoutes(deps: Pick<AppDeps, 'calendars' | 'clock'>): RouteDef[] {
  const edit = (p: Principal, key: string, body: { expectedVersion: number; note: string }) => ({ tenantId: p.tenantId, key, expectedVersion: body.expectedVersion, note: body.note, actor: actorOf(p) });
  return [
    defineRoute({
      method: 'get',
      path: '/api/calendars',
      operationId: 'listCalendars',
      summary: "The county's working-day calendars, latest versions, with coverage warnings",
      tags: ['calendar'],
      auth: 'session',
      responses: { 200: { description: 'Calendars', schema: { type: 'array', items: versionSummary } } },
      async handler({ principal, em }) {
        const versions = await deps.calendars.list(em, principal!.tenantId);
        return { body: versions.map((v) => ({ ...summary(v), name: v.data.name, years: v.data.years })) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar-warnings',
      operationId: 'listCalendarWarnings',
      summary: "Warnings that a year's holiday notice is missing (from 60 days ahead)",
      tags: ['calendar'],
      auth: 'session',
      responses: { 200: { description: 'Warnings, empty when all is covered', schema: { type: 'array', items: { type: 'object' } } } },
      async handler({ principal, em }) {
        return { body: await deps.calendars.warnings(em, principal!.tenantId) };
      },
    }),
    defineRoute<{ key: string }, { version?: number }>({
      method: 'get',
      path: '/api/calendars/:key',
      operationId: 'getCalendar',
      summary: 'A calendar document, latest or a given version',
      tags: ['calendar'],
      auth: 'session',
      params: keyParams,
      query: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } },
      responses: { 200: { description: 'The calendar with its version', schema: { type: 'object' } }, 404: { description: 'No such calendar or version' } },
      async handler({ principal, em, params, query }) {
        const v = query.version ? await deps.calendars.version(em, principal!.tenantId, params.key, query.version) : (await deps.calendars.current(em, principal!.tenantId, params.key)).version;
        return { body: { ...summary(v), data: v.data } };
      },
    }),
    defineRoute<{ key: string }>({
      method: 'get',
      path: '/api/calendars/:key/versions',
      operationId: 'listCalendarVersions',
      summary: 'The change log of a calendar, newest first',
      tags: ['calendar'],
      auth: 'session',
      params: keyParams,
      responses: { 200: { description: 'Versions', schema: { type: 'array', items: versionSummary } } },
      async handler({ principal, em, params }) {
        return { body: (await deps.calendars.history(em, principal!.tenantId, params.key)).map(summary) };
      },
    }),
    defineRoute<{ key: string }, { start?: string; duration: string }>({
      method: 'get',
      path: '/api/calendars/:key/due',
      operationId: 'previewDue',
      summary: 'When would a deadline end? e.g. duration=3WD, start defaults to now',
      tags: ['calendar'],
      auth: 'session',
      params: keyParams,
      query: {
        type: 'object',
        required: ['duration'],
        additionalProperties: false,
        properties: { start: { type: 'string', format: 'date-time' }, duration: { type: 'string', minLength: 1, maxLength: 50 } },
      },
      responses: { 200: { description: 'The due instant', schema: { type: 'object', properties: { start: { type: 'string' }, duration: { type: 'string' }, due: { type: 'string' } } } } },
      async handler({ principal, em, params, query }) {
        const { calendar } = await deps.calendars.current(em, principal!.tenantId, params.key);
        const start = query.start ? new Date(query.start) : deps.clock.now();
        try {
          const spec = parseDurationSpec(query.duration);
          return { body: { start: start.toISOString(), duration: formatDurationSpec(spec), due: computeDue(start, spec, calendar).toISOString() } };
        } catch (err) {
          if (err instanceof DurationSpecError) throw new ValidationError(err.message, [{ pointer: '/query/duration', message: err.message }]);
          if (err instanceof CalendarCoverageError) throw new ValidationError(err.message, [{ pointer: '/query/start', message: `year ${err.year} is not covered by the calendar` }]);
          throw err;
        }
      },
    }),
    defineRoute<{ key: string }, Record<string, never>, { expectedVersion: number; note: string; data: unknown }>({
      method: 'put',
      path: '/api/calendars/:key',
      operationId: 'replaceCalendar',
      summary: 'Replace the whole calendar document (a new version; open deadlines are recomputed)',
      tags: ['calendar'],
      auth: { roles: ['admin'] },
      params: keyParams,
      body: { type: 'object', required: ['expectedVersion', 'note', 'data'], additionalProperties: false, properties: { ...editFields, data: { type: 'object' } } },
      responses: { 200: { description: 'The new version', schema: versionSummary }, 409: { description: 'Edited by someone else meanwhile' } },
      async handler({ principal, em, params, body }) {
        return { body: summary(await deps.calendars.replace(em, edit(principal!, params.key, body), body.data)) };
      },
    }),
    defineRoute<{ key: string; year: number }, Record<string, never>, { expectedVersion: number; note: string; holidays: CalendarDay[]; workdays: CalendarDay[] }>({
      method: 'put',
      path: '/api/calendars/:key/years/:year',
      operationId: 'setCalendarYear',
      summary: "Enter a year's State Council holiday notice (its holidays and make-up workdays)",
      tags: ['calendar'],
      auth: { roles: ['admin'] },
      params: { type: 'object', required: ['key', 'year'], properties: { ...(keyParams.properties as object), year: { type: 'integer', minimum: 2000, maximum: 2100 } } },
      body: {
        type: 'object',
        required: ['expectedVersion', 'note', 'holidays', 'workdays'],
        additionalProperties: false,
        properties: { ...editFields, holidays: { type: 'array', items: daySchema, maxItems: 100 }, workdays: { type: 'array', items: daySchema, maxItems: 50 } },
      },
      responses: { 200: { description: 'The new version', schema: versionSummary }, 409: { description: 'Edited by someone else meanwhile' } },
      async handler({ principal, em, params, body }) {
        const outside = [...body.holidays, ...body.workdays].findIndex((d) => !d.date.startsWith(`${params.year}-`));
        if (outside >= 0) throw new ValidationError(`Every date must lie in ${params.year}.`, [{ pointer: '/body', message: `a date outside ${params.year}` }]);
        return { body: summary(await deps.calendars.setYear(em, edit(principal!, params.key, body), params.year, body.holidays, body.workdays)) };
      },
    }),
    defineRoute<{ key: string }, Record<string, never>, { expectedVersion: number; note: string; kind: 'holiday' | 'workday' } & CalendarDay>({
      method: 'post',
      path: '/api/calendars/:key/days',
      operationId: 'addCalendarDay',
      summary: 'Add a local one-off day off or working day',
      tags: ['calendar'],
      auth: { roles: ['admin'] },
      params: keyParams,
      body: {
        type: 'object',
        required: ['expectedVersion', 'note', 'kind', 'date', 'name', 'source'],
        additionalProperties: false,
        properties: { ...editFields, kind: { enum: ['holiday', 'workday'] }, ...(daySchema.properties as object) },
      },
      responses: { 201: { description: 'The new version', schema: versionSummary }, 409: { description: 'Edited by someone else meanwhile' } },
      async handler({ principal, em, params, body }) {
        const v = await deps.calendars.addDay(em, edit(principal!, params.key, body), body.kind, { date: body.date, name: body.name, source: body.source });
        return { status: 201, body: summary(v) };
      },
    }),
  ];
}
