import type { WorkingCalendar } from '../../calendar';
import type { ExecutionEnv } from './engine-env';

/**
 * `load()` once per command: the result is kept in the command's lookup map
 * (ExecutionEnv.lookups, shared with the cases the command starts), so a push
 * to three departments resolves the pushed procedure's version, its task's
 * form and calendar once instead of three times. Only for reads whose answer
 * cannot change within the command (nothing an engine command does publishes
 * forms, calendars or procedures, or creates departments); a failed load is
 * not kept.
 */
export async function oncePerCommand<T>(env: ExecutionEnv, key: string, load: () => Promise<T>): Promise<T> {
  if (env.lookups.has(key)) return env.lookups.get(key) as T;
  const value = await load();
  env.lookups.set(key, value);
  return value;
}

/** The lookup entry of a calendar's latest version id. */
export const calendarKeyOf = (key: string): string => `calendar\u0000${key}`;

/**
 * The compiled current calendar `key`, its latest version id read once per
 * command (the user-task lookups share the entry), for working-day timers.
 * @throws NotFoundError when the county has no such calendar.
 */
export async function commandCalendar(env: ExecutionEnv, key: string): Promise<WorkingCalendar> {
  const versionId = await oncePerCommand(env, calendarKeyOf(key), async () => (await env.deps.calendars.currentCompiled(env.em, env.tenantId, key)).versionId);
  return env.deps.calendars.compiledVersion(env.em, versionId);
}
