import { api, request } from '../../../../runtime-ui/src/api/client';
import type { Role } from '../../../../runtime-ui/src/api/types';

export type DepartmentKind = 'approval_bureau' | 'supervising' | 'other';

export interface Department {
  id: string;
  code: string;
  name: string;
  kind: DepartmentKind;
}

export interface Membership {
  departmentId: string;
  role: Role;
}

/** A user as GET /api/admin/users lists them. */
export interface AdminUser {
  id: string;
  login: string;
  displayName: string;
  active: boolean;
  memberships: (Membership & { departmentCode: string; departmentName: string })[];
}

/** One liaison filing of a department (第二十七条), current or ended. */
export interface LiaisonFiling {
  id: string;
  userId: string;
  userLogin: string;
  userName: string;
  designatedAt: string;
  designatedBy?: string | null;
  note?: string | null;
  endedAt: string | null;
  endedBy?: string | null;
  endReason?: string | null;
}

export const ROLES: Role[] = ['admin', 'leader', 'liaison', 'staff'];

/** The organisation routes: reads in org-routes.ts, admin edits in admin-org-routes.ts. */
export const orgApi = {
  departments: () => api.get<Department[]>('/api/departments'),
  createDepartment: (body: { code: string; name: string; kind: DepartmentKind }) => api.post<{ id: string }>('/api/admin/departments', body),
  renameDepartment: (id: string, name: string) => request<void>(`/api/admin/departments/${id}`, { method: 'PATCH', body: { name } }),
  users: () => api.get<AdminUser[]>('/api/admin/users'),
  createUser: (body: { login: string; displayName: string; password: string; memberships: Membership[] }) => api.post<{ id: string }>('/api/admin/users', body),
  updateUser: (id: string, body: { displayName?: string; active?: boolean; password?: string }) => request<void>(`/api/admin/users/${id}`, { method: 'PATCH', body }),
  setMemberships: (id: string, memberships: Membership[]) => api.put<void>(`/api/admin/users/${id}/memberships`, { memberships }),
  liaisons: (departmentId: string) => api.get<LiaisonFiling[]>(`/api/departments/${departmentId}/liaisons`),
  designate: (departmentId: string, userId: string, note: string) => api.post<LiaisonFiling>(`/api/departments/${departmentId}/liaisons`, { userId, note }),
  endLiaison: (filingId: string, reason: string) => api.post<LiaisonFiling>(`/api/liaison-designations/${filingId}/end`, { reason }),
  /** Role names from the pack (GET /api/admin/lint-context); the built-in names when it has none. */
  roleNames: async (): Promise<Record<string, string>> => {
    const ctx = await api.get<{ roles?: { code: string; name: string }[] }>('/api/admin/lint-context');
    return Object.fromEntries((ctx.roles ?? []).map((r) => [r.code, r.name]));
  },
};
