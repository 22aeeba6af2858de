import { api, ApiError } from '../../../../runtime-ui/src/api/client';

/** One procedure of a revision (platform/src/engine/definitions/pack-revision-views.ts). */
export interface RevisionProcedure {
  key: string;
  name: string;
  version: number | null;
  draft: { updatedAt: string; updatedBy: string | null } | null;
  changed: boolean;
}

/** A whole-pack revision as GET /api/admin/pack/revisions lists it. */
export interface Revision {
  id: string;
  label: string;
  title: string | null;
  documentNumber: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: 'draft' | 'published';
  current: boolean;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  procedures: RevisionProcedure[];
}

export interface NewRevision {
  label: string;
  title?: string;
  documentNumber?: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
}

/** A procedure that kept a revision from publishing, with the procedure publish route's errors. */
export interface RevisionProblem {
  key: string;
  name: string;
  errors: { pointer: string; message: string; elementId?: string; rule?: string }[];
}

/** The revision routes (platform/src/http/routes/admin-revision-routes.ts). */
export const revisionApi = {
  list: () => api.get<Revision[]>('/api/admin/pack/revisions'),
  create: (body: NewRevision) => api.post<Revision>('/api/admin/pack/revisions', body),
  publish: (id: string) => api.post<Revision & { published: { key: string; version: number }[] }>(`/api/admin/pack/revisions/${encodeURIComponent(id)}/publish`),
  discard: (id: string) => api.del<{ id: string; label: string; draftsKept: string[] }>(`/api/admin/pack/revisions/${encodeURIComponent(id)}`),
};

/** The extra members of a refusal: procedures with drafts blocking creation (409) or failing validation on publish (422). */
export function problemProcedures<T>(err: unknown): T[] {
  if (!(err instanceof ApiError)) return [];
  const procedures = (err.problem as { procedures?: unknown } | undefined)?.procedures;
  return Array.isArray(procedures) ? (procedures as T[]) : [];
}
