import type { DepartmentKind } from '../org/department.entity';
import type { Role } from '../org/membership.entity';

/** One role a user holds in one department, with enough of the department to show and to authorise. */
export interface MembershipView {
  departmentId: string;
  departmentCode: string;
  departmentName: string;
  departmentKind: DepartmentKind;
  role: Role;
}

/**
 * The authenticated caller of a request. The tenant comes from here and
 * nowhere else: request parameters never choose the tenant.
 */
export interface Principal {
  tenantId: string;
  tenantCode: string;
  userId: string;
  login: string;
  displayName: string;
  memberships: MembershipView[];
  /** May create counties (the first-start admin): installation-wide, unlike the roles, which are per department of one county. */
  platformAdmin: boolean;
  csrfToken: string;
  /** SHA-256 of the session cookie, identifying the session for logout. */
  sessionId: string;
  /**
   * The tenant's form stamp (formsStampSql) read with the session, so
   * FieldCatalogCache can check its entry without another round trip. Absent
   * for principals built elsewhere (tests, jobs): the cache then reads it.
   */
  formsStamp?: string;
}

/** True when the principal holds `role` in any department, or in `departmentId` when given. */
export function hasRole(principal: Principal, role: Role, departmentId?: string): boolean {
  return principal.memberships.some((m) => m.role === role && (departmentId === undefined || m.departmentId === departmentId));
}
