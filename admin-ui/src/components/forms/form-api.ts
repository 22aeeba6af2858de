import { api } from '../../../../runtime-ui/src/api/client';
import type { Json } from './schema-model';

/** A published form as GET /api/admin/forms lists it. */
export interface AdminFormSummary {
  key: string;
  title: string;
  latestVersion: number;
  versions: { version: number; title: string; publishedAt: string; checksum: string }[];
  usedBy: { procedure: string; elementId: string; elementName: string | null }[];
}

/** One published version (GET /api/admin/forms/:key/versions/:version). */
export interface AdminFormVersion {
  key: string;
  version: number;
  title: string;
  schema: Json;
  uiSchema: Json | null;
  publishedAt: string;
}

export type FormChangeKind = 'added' | 'removed' | 'newlyRequired' | 'noLongerRequired' | 'typeChanged' | 'enumNarrowed' | 'formatChanged';

/** A difference from the latest published version, with where a breaking one bites. */
export interface FormChange {
  kind: FormChangeKind;
  field: string;
  breaking: boolean;
  detail: string;
  usedBy: { procedure: string; elementId: string; where: string }[];
}

/** POST /api/admin/forms/:key/check: schema errors and the change list. */
export interface FormCheckResult {
  errors: { pointer: string; message: string }[];
  changes: FormChange[];
}

/** What the designer sends to check and publish. */
export interface FormDraft {
  title: string;
  schema: Json;
  uiSchema: Json | null;
}

const path = (key: string) => `/api/admin/forms/${encodeURIComponent(key)}`;

/** The designer's calls for forms (docs: the designer API contract, issue 8). */
export const formApi = {
  list: () => api.get<AdminFormSummary[]>('/api/admin/forms'),
  version: (key: string, version: number) => api.get<AdminFormVersion>(`${path(key)}/versions/${version}`),
  check: (key: string, d: FormDraft) => api.post<FormCheckResult>(`${path(key)}/check`, { title: d.title, schema: d.schema, ...(d.uiSchema ? { uiSchema: d.uiSchema } : {}) }),
  publish: (key: string, d: FormDraft, acceptBreaking: boolean) =>
    api.post<{ key: string; version: number }>(`${path(key)}/publish`, { title: d.title, schema: d.schema, ...(d.uiSchema ? { uiSchema: d.uiSchema } : {}), acceptBreaking }),
};

/** A form key as the server accepts it (the same shape as calendar and procedure keys). */
export const FORM_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
