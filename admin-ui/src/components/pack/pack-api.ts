import { api, ApiError, request } from '../../../../runtime-ui/src/api/client';
import type { PackInfo } from '../AdminLayout';

export type Change = 'new' | 'changed' | 'unchanged';

/** What an import would do (dry run) or did, per definition, and what is wrong with the pack. */
export interface ImportReport {
  procedures: { key: string; change: Change }[];
  forms: { key: string; change: Change }[];
  calendars: { key: string; change: Change }[];
  problems: string[];
}

/** The largest zip the server takes (admin-pack-routes.ts). */
export const MAX_PACK_BYTES = 20 * 1024 * 1024;

/** The pack routes (platform/src/http/routes/admin-pack-routes.ts). */
export const packApi = {
  info: () => api.get<PackInfo>('/api/admin/pack'),
  exportUrl: '/api/admin/pack/export',
  /** Upload the zip as the raw body; a 422 (the pack has problems) comes back as a report with its problems. */
  import: async (file: Blob, dryRun: boolean): Promise<ImportReport> => {
    try {
      return (await request<ImportReport>(`/api/admin/pack/import?dryRun=${dryRun}`, { method: 'POST', raw: new Blob([file], { type: 'application/zip' }) })).data;
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const p = err.problem as (ApiError['problem'] & Partial<ImportReport>) | undefined;
        const problems = p?.problems?.length ? p.problems : err.fieldErrors.length ? err.fieldErrors.map((f) => (f.pointer && f.pointer !== '/body' ? `${f.pointer}: ${f.message}` : f.message)) : [err.message];
        return { procedures: p?.procedures ?? [], forms: p?.forms ?? [], calendars: p?.calendars ?? [], problems };
      }
      throw err;
    }
  },
};

/** How many definitions an import would publish. */
export const publishCount = (r: ImportReport) => [...r.procedures, ...r.forms, ...r.calendars].filter((x) => x.change !== 'unchanged').length;
