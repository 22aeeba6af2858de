import type { WorkingCalendar } from '../../calendar';
import { pgArray } from '../../db/pg-array';
import { NotFoundError } from '../../errors/problem-error';
import type { FormRef } from '../definitions/form-service';
import { formNotFound } from '../definitions/form-service';
import { calendarKeyOf } from '../runtime/command-lookups';
import type { ExecutionEnv } from '../runtime/engine-env';

/** What creating a user task reads from the county's configuration; null where it does not exist. */
export interface TaskInputs {
  /** Department id by code, for the codes that exist. */
  departments: Map<string, string>;
  form: FormRef | null;
  /** The latest version id of the calendar asked for; null when there is no such calendar (or none was asked for). */
  calendarVersionId: string | null;
}

const departmentKey = (code: string) => `department\u0000${code}`;
const formKeyOf = (formKey: string, version: number | undefined) => `form\u0000${formKey}\u0000${version ?? 'latest'}`;

/**
 * The candidate departments' ids, the form version and the calendar's
 * latest version id a new user task needs, in ONE statement (they were three
 * round trips per task), skipping what this command already read (a push
 * creates a task of the same form and calendar in each pushed case).
 * Nothing is kept beyond the command, so a department created or a form or
 * calendar published before the next command is seen by it.
 */
export async function lookUpTaskInputs(
  env: ExecutionEnv,
  wanted: { departmentCodes: readonly string[]; formKey: string; formVersion?: number; calendarKey: string | null },
): Promise<TaskInputs> {
  const departments = new Map<string, string>();
  const unknownCodes = [...new Set(wanted.departmentCodes)].filter((code) => {
    const id = env.lookups.get(departmentKey(code)) as string | undefined;
    if (id) departments.set(code, id);
    return !id;
  });
  const formKey = formKeyOf(wanted.formKey, wanted.formVersion);
  let form = (env.lookups.get(formKey) as FormRef | undefined) ?? null;
  let calendarVersionId = wanted.calendarKey ? ((env.lookups.get(calendarKeyOf(wanted.calendarKey)) as string | undefined) ?? null) : null;

  const columns: string[] = [];
  const params: unknown[] = [];
  if (unknownCodes.length) {
    columns.push(`(select coalesce(json_agg(json_build_object('id', d.id, 'code', d.code)), '[]'::json) from department d where d.tenant_id = ? and d.code = any(?::text[])) as departments`);
    params.push(env.tenantId, pgArray(unknownCodes));
  }
  if (!form) {
    columns.push(
      `(select json_build_object('id', f.id, 'version', f.version) from form_version f where f.tenant_id = ? and f.form_key = ?${wanted.formVersion ? ' and f.version = ?' : ''} order by f.version desc limit 1) as form`,
    );
    params.push(env.tenantId, wanted.formKey, ...(wanted.formVersion ? [wanted.formVersion] : []));
  }
  if (wanted.calendarKey && !calendarVersionId) {
    columns.push('(select c.id from calendar_version c where c.tenant_id = ? and c.calendar_key = ? order by c.version desc limit 1) as calendar_version_id');
    params.push(env.tenantId, wanted.calendarKey);
  }
  if (columns.length === 0) return { departments, form, calendarVersionId };

  const [row] = await env.em.execute<{ departments?: { id: string; code: string }[]; form?: { id: string; version: number } | null; calendar_version_id?: string | null }[]>(
    `select ${columns.join(', ')}`,
    params,
  );
  for (const d of row?.departments ?? []) {
    departments.set(d.code, d.id);
    env.lookups.set(departmentKey(d.code), d.id);
  }
  if (row?.form) {
    form = { id: row.form.id, formKey: wanted.formKey, version: Number(row.form.version) };
    env.lookups.set(formKey, form);
  }
  if (wanted.calendarKey && row?.calendar_version_id) {
    calendarVersionId = row.calendar_version_id;
    env.lookups.set(calendarKeyOf(wanted.calendarKey), calendarVersionId);
  }
  return { departments, form, calendarVersionId };
}

/** The form a task takes, or the "no such form" error FormService.resolve gives. */
export function requireForm(inputs: TaskInputs, formKey: string, version: number | undefined): FormRef {
  if (!inputs.form) throw formNotFound(formKey, version);
  return inputs.form;
}

/**
 * The compiled calendar of the version lookUpTaskInputs found.
 * @throws NotFoundError when the county has no such calendar (as CalendarService.current does).
 */
export function requireCalendar(env: ExecutionEnv, inputs: TaskInputs, key: string): Promise<WorkingCalendar> {
  if (!inputs.calendarVersionId) throw new NotFoundError(`No calendar "${key}".`);
  return env.deps.calendars.compiledVersion(env.em, inputs.calendarVersionId);
}

