import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, ConflictError } from '../../errors/problem-error';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import { Department } from './department.entity';
import { LiaisonDesignation } from './liaison-designation.entity';
import { Membership } from './membership.entity';
import { User } from './user.entity';

/** A liaison filing as shown to people: who, since when, filed by whom, and how it ended. */
export interface LiaisonFiling {
  id: string;
  userId: string;
  userLogin: string;
  userName: string;
  designatedAt: string;
  designatedBy: string | null;
  note: string | null;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
}

/**
 * Departments and liaison officers. Every lookup is scoped by tenant, and an
 * id from another tenant is "not found", so counties cannot probe each other.
 */
export class OrgService {
  constructor(private readonly audit: AuditLog) {}

  listDepartments(em: EntityManager, tenantId: string): Promise<Department[]> {
    return em.find(Department, { tenantId }, { orderBy: { kind: 'asc', code: 'asc' } });
  }

  async getDepartment(em: EntityManager, tenantId: string, departmentId: string): Promise<Department> {
    const department = await em.findOne(Department, { id: departmentId, tenantId });
    if (!department) throw new NotFoundError(`No department ${departmentId}.`);
    return department;
  }

  /** Every filing of a department, current ones first, then by date (the 备案 history of 联络员 changes). */
  async liaisonHistory(em: EntityManager, tenantId: string, departmentId: string): Promise<LiaisonFiling[]> {
    await this.getDepartment(em, tenantId, departmentId);
    const rows = await em.execute<
      { id: string; user_id: string; login: string; display_name: string; designated_at: Date; designated_by: string | null; note: string | null; ended_at: Date | null; ended_by: string | null; end_reason: string | null }[]
    >(
      `select l.id, l.user_id, u.login, u.display_name, l.designated_at, l.designated_by, l.note, l.ended_at, l.ended_by, l.end_reason
         from liaison_designation l join app_user u on u.id = l.user_id
        where l.tenant_id = ? and l.department_id = ?
        order by (l.ended_at is null) desc, l.designated_at desc`,
      [tenantId, departmentId],
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      userLogin: r.login,
      userName: r.display_name,
      designatedAt: new Date(r.designated_at).toISOString(),
      designatedBy: r.designated_by,
      note: r.note,
      endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
      endedBy: r.ended_by,
      endReason: r.end_reason,
    }));
  }

  /**
   * File a new liaison for a department. The user must belong to the
   * department; they gain the liaison role. A department may have several.
   */
  async designateLiaison(
    em: EntityManager,
    input: { tenantId: string; departmentId: string; userId: string; note: string; actor: AuditActor; at: Date },
  ): Promise<LiaisonDesignation> {
    return em.transactional(async (tx) => {
      await this.getDepartment(tx, input.tenantId, input.departmentId);
      const user = await tx.findOne(User, { id: input.userId, tenantId: input.tenantId });
      if (!user) throw new NotFoundError(`No user ${input.userId}.`);
      const memberOfDepartment = await tx.count(Membership, { userId: user.id, departmentId: input.departmentId });
      if (memberOfDepartment === 0) throw new ConflictError(`${user.login} is not a member of this department; add them to it first.`);
      const current = await tx.count(LiaisonDesignation, { tenantId: input.tenantId, departmentId: input.departmentId, userId: user.id, endedAt: null });
      if (current > 0) throw new ConflictError(`${user.login} is already a liaison of this department.`);
      const designation = tx.create(LiaisonDesignation, {
        id: randomUUID(),
        tenantId: input.tenantId,
        departmentId: input.departmentId,
        userId: user.id,
        designatedAt: input.at,
        designatedBy: input.actor.id,
        note: input.note,
      });
      const hasRole = await tx.count(Membership, { userId: user.id, departmentId: input.departmentId, role: 'liaison' });
      if (hasRole === 0) {
        tx.create(Membership, { id: randomUUID(), tenantId: input.tenantId, userId: user.id, departmentId: input.departmentId, role: 'liaison', createdAt: input.at });
      }
      await tx.flush();
      await this.audit.append(tx, input.tenantId, [
        { actor: input.actor, action: 'org.liaison.designated', subject: { type: 'department', id: input.departmentId }, payload: { designationId: designation.id, userId: user.id, note: input.note } },
      ]);
      return designation;
    });
  }

  /** End a filing (transfer, leave); the row stays as history and the liaison role is withdrawn. */
  async endLiaison(em: EntityManager, input: { tenantId: string; designationId: string; reason: string; actor: AuditActor; at: Date }): Promise<LiaisonDesignation> {
    return em.transactional(async (tx) => {
      const designation = await tx.findOne(LiaisonDesignation, { id: input.designationId, tenantId: input.tenantId });
      if (!designation) throw new NotFoundError(`No liaison designation ${input.designationId}.`);
      if (designation.endedAt) throw new ConflictError('This designation has already ended.');
      designation.endedAt = input.at;
      designation.endedBy = input.actor.id;
      designation.endReason = input.reason;
      await tx.nativeDelete(Membership, { userId: designation.userId, departmentId: designation.departmentId, role: 'liaison' });
      await tx.flush();
      await this.audit.append(tx, input.tenantId, [
        { actor: input.actor, action: 'org.liaison.ended', subject: { type: 'department', id: designation.departmentId }, payload: { designationId: designation.id, userId: designation.userId, reason: input.reason } },
      ]);
      return designation;
    });
  }
}
