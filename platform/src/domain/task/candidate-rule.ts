/**
 * SQL condition, for a query whose task alias is `t` and which binds one `?`
 * to the user id: the user may act on the task as a candidate — a member of
 * one of its candidate departments holding one of its candidate roles (any
 * role when the task names none). The inbox tabs and the task page's
 * "what may I do" both use it, so they cannot disagree.
 */
export const CANDIDATE_OF_USER = `exists (select 1 from membership m where m.tenant_id = t.tenant_id and m.user_id = ? and m.department_id = any(t.candidate_department_ids)
                     and (cardinality(t.candidate_roles) = 0 or m.role = any(t.candidate_roles)))`;
