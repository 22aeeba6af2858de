import { api, ApiError } from '../../../../runtime-ui/src/api/client';

/** A pack under the server's PACKS_DIR (GET /api/platform/packs). */
export interface AvailablePack {
  dir: string;
  id: string;
  title: string;
  documentNumber: string;
  jurisdiction: { code: string; name: string };
  validity: { from?: string; to?: string };
  tenant: { code: string; name: string };
  procedures: number;
  scenarios: number;
}

/** A county on this installation (GET /api/platform/tenants). */
export interface County {
  code: string;
  name: string;
  packId: string;
  createdAt: string;
  users: number;
  cases: number;
}

/** One scenario's verdict in the rehearsal that precedes creating a county. */
export interface ScenarioResult {
  file: string;
  title: string;
  ok: boolean;
}

export interface CreatedCounty {
  code: string;
  name: string;
  packId: string;
  scenarios: ScenarioResult[];
}

/** Same rule as the server (platform/src/domain/tenant/create-county.ts), for an early answer in the form. */
export const COUNTY_CODE = /^[a-z][a-z0-9-]{1,39}$/;

/** The platform routes (platform/src/http/routes/platform-tenant-routes.ts). */
export const platformApi = {
  packs: () => api.get<AvailablePack[]>('/api/platform/packs'),
  counties: () => api.get<County[]>('/api/platform/tenants'),
  create: (body: { pack: string; code: string; name: string; adminPassword: string }) => api.post<CreatedCounty>('/api/platform/tenants', body),
};

/** A refused pack's reasons and rehearsal (a 422 carrying `problems`), or undefined for any other error. */
export function packRefusal(err: unknown): { problems: string[]; scenarios: ScenarioResult[] } | undefined {
  if (!(err instanceof ApiError) || err.status !== 422) return undefined;
  const p = err.problem as (ApiError['problem'] & { problems?: string[]; scenarios?: ScenarioResult[] }) | undefined;
  return p?.problems?.length ? { problems: p.problems, scenarios: p.scenarios ?? [] } : undefined;
}
