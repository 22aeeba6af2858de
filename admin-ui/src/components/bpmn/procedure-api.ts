import { api, ApiError, qs } from '../../../../runtime-ui/src/api/client';

/**
 * The designer's procedure routes (issue 8 contract, /api/admin/procedures...)
 * as typed calls, so the pages and the properties panel agree on one shape.
 */

export interface ProcedureVersionSummary {
  id: string;
  version: number;
  status: 'published' | 'retired';
  publishedAt: string;
  publishedBy: string | null;
  checksum: string;
}

export interface ProcedureSummary {
  key: string;
  name: string;
  legalBasis: string | null;
  latestVersion: number | null;
  versions: ProcedureVersionSummary[];
  draft: { updatedAt: string; updatedBy: string | null } | null;
}

export interface ProcedureVersion {
  key: string;
  version: number;
  name: string;
  xml: string;
  status: 'published' | 'retired';
  publishedAt: string;
  checksum: string;
}

export interface ProcedureDraft {
  key: string;
  xml: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** One lint or compile problem, located on an element when it can be. */
export interface DefinitionIssue {
  elementId: string | null;
  rule: string | null;
  message: string;
}

export interface ValidationReport {
  errors: DefinitionIssue[];
  warnings: DefinitionIssue[];
}

/** A built-in service-task action (the action registry). */
export interface ActionInfo {
  name: string;
  title: string;
  description: string;
  inputSchema: { properties?: Record<string, { title?: string; description?: string; type?: string | string[] }>; required?: string[] } | null;
}

/** What the browser's lint and the property pickers need to know about the tenant. */
export interface LintContextInfo {
  forms: { key: string; title: string; versions: number[] }[];
  actions: string[];
  departments: { code: string; name: string; kind: string }[];
  roles: { code: string; name: string }[];
}

export interface CalendarSummary {
  key: string;
  version: number;
  name?: string;
}

const base = '/api/admin/procedures';
const enc = encodeURIComponent;

export const procedureApi = {
  list: () => api.get<ProcedureSummary[]>(base),
  version: (key: string, version: number) => api.get<ProcedureVersion>(`${base}/${enc(key)}/versions/${version}`),
  /** The draft, or null when there is none (404). */
  draft: async (key: string): Promise<ProcedureDraft | null> => {
    try {
      return await api.get<ProcedureDraft>(`${base}/${enc(key)}/draft`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  },
  saveDraft: (key: string, xml: string) => api.put<void>(`${base}/${enc(key)}/draft`, { xml }),
  discardDraft: (key: string) => api.del<void>(`${base}/${enc(key)}/draft`),
  validate: (xml: string) => api.post<ValidationReport>(`${base}/validate`, { xml }),
  publish: (key: string, xml: string) => api.post<{ key: string; version: number }>(`${base}/${enc(key)}/publish`, { xml }),
  actions: () => api.get<ActionInfo[]>('/api/admin/actions'),
  lintContext: () => api.get<LintContextInfo>('/api/admin/lint-context'),
  calendars: () => api.get<CalendarSummary[]>('/api/calendars'),
  /** When a deadline of `duration` starting now would end (the instant after its last day). */
  due: (calendar: string, duration: string) => api.get<{ due: string }>(`/api/calendars/${enc(calendar)}/due${qs({ duration })}`),
};

/** A publish refusal's errors (422), with the element each one is about. */
export interface PublishError {
  pointer?: string;
  message: string;
  elementId?: string | null;
  rule?: string | null;
}

/** The located errors of a 422 from publish, or undefined when the error is something else. */
export function publishErrorsOf(err: unknown): PublishError[] | undefined {
  if (!(err instanceof ApiError) || err.status !== 422) return undefined;
  const errors = (err.problem?.errors ?? []) as PublishError[];
  return errors.length > 0 ? errors : [{ message: err.message }];
}
