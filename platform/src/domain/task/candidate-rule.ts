import { pgArray } from '../../db/pg-array';

/**
 * SQL condition, for a query whose task alias is `t` and which binds one `?`
 * to the user id: the user may act on the task as a candidate — a member of
 * one of its candidate departments holding one of its candidate roles (any
 * role when the task names none). The inbox tabs and the task page's
 * "what may I do" both use it, so they cannot disagree.
 */
export const CANDIDATE_OF_USER = `exists (select 1 from membership m where m.tenant_id = t.tenant_id and m.user_id = ? and m.department_id = any(t.candidate_department_ids)
                     and (cardinality(t.candidate_roles) = 0 or m.role = any(t.candidate_roles)))`;

/** What the candidate rule needs of one membership (a Principal's MembershipView fits). */
export interface CandidateMembership {
  departmentId: string;
  role: string;
}

/**
 * {@link CANDIDATE_OF_USER} with the user's memberships already known (the
 * principal carries them, read for this request): the same rule, written as
 * array overlaps so the planner can use the partial GIN index on open tasks'
 * candidate departments instead of probing the membership table per task.
 *
 * Departments are grouped by the exact set of roles held in them, so
 * "a member of one of its departments holding one of its roles" stays a
 * per-department condition: a role held in department A never matches a task
 * that only department B is a candidate for. No memberships: matches nothing.
 */
export function candidateOfMemberships(memberships: readonly CandidateMembership[]): { sql: string; params: string[] } {
  const rolesByDepartment = new Map<string, Set<string>>();
  for (const m of memberships) {
    let roles = rolesByDepartment.get(m.departmentId);
    if (!roles) rolesByDepartment.set(m.departmentId, (roles = new Set()));
    roles.add(m.role);
  }
  if (rolesByDepartment.size === 0) return { sql: 'false', params: [] };
  const departmentsByRoles = new Map<string, { departments: string[]; roles: string[] }>();
  for (const [department, roles] of rolesByDepartment) {
    const sorted = [...roles].sort();
    const key = sorted.join(',');
    let group = departmentsByRoles.get(key);
    if (!group) departmentsByRoles.set(key, (group = { departments: [], roles: sorted }));
    group.departments.push(department);
  }
  const groups = [...departmentsByRoles.values()];
  return {
    sql: `(t.candidate_department_ids && ?::uuid[] and (cardinality(t.candidate_roles) = 0${groups.map(() => ' or (t.candidate_department_ids && ?::uuid[] and t.candidate_roles && ?::text[])').join('')}))`,
    params: [pgArray([...rolesByDepartment.keys()]), ...groups.flatMap((g) => [pgArray(g.departments), pgArray(g.roles)])],
  };
}
