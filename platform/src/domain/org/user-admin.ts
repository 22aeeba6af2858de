import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../errors/problem-error';
import type { AuditActor, AuditEntry, AuditLog } from '../audit/audit-log';
import type { PasswordHasher } from '../auth/password-hasher';
import { Department, type DepartmentKind } from './department.entity';
import { LiaisonDesignation } from './liaison-designation.entity';
import { Membership, type Role } from './membership.entity';
import { User } from './user.entity';

/** A membership as the designer edits it: a role in a department. */
export interface MembershipInput {
  departmentId: string;
  role: Role;
}

/** A user as the designer's organisation page lists it. */
export interface UserSummary {
  id: string;
  login: string;
  displayName: string;
  active: boolean;
  memberships: { departmentId: string; departmentCode: string; departmentName: string; role: Role }[];
}

/** Who acts, in which county. */
interface Command {
  tenantId: string;
  actor: AuditActor;
  /** The actor's own session (a SHA-256 token hash), kept when they change their own password. */
  actorSessionId?: string;
}

/**
 * The designer's user and department administration (accounts, roles,
 * departments), so a county can run without a developer editing rows.
 *
 * Rules it keeps: logins are unique per county regardless of case (login
 * matches case-insensitively); a deactivated account loses its sessions at
 * once; the county always keeps an active admin; and the liaison role stays
 * in step with liaison filings (第二十七条): granting it here files a
 * designation and removing it ends the filing, so the 备案 history stays whole.
 */
export class UserAdmin {
  constructor(private readonly deps: { clock: Clock; audit: AuditLog; hasher: PasswordHasher }) {}

  async listUsers(em: EntityManager, tenantId: string): Promise<UserSummary[]> {
    const users = await em.execute<{ id: string; login: string; display_name: string; active: boolean }[]>(
      'select id, login, display_name, active from app_user where tenant_id = ? order by login',
      [tenantId],
    );
    const memberships = await em.execute<{ user_id: string; department_id: string; code: string; name: string; role: Role }[]>(
      `select m.user_id, m.department_id, d.code, d.name, m.role from membership m join department d on d.id = m.department_id
        where m.tenant_id = ? order by d.code, m.role`,
      [tenantId],
    );
    return users.map((u) => ({
      id: u.id,
      login: u.login,
      displayName: u.display_name,
      active: u.active,
      memberships: memberships.filter((m) => m.user_id === u.id).map((m) => ({ departmentId: m.department_id, departmentCode: m.code, departmentName: m.name, role: m.role })),
    }));
  }

  /** Create an account; the password is hashed with the same hasher login verifies with. */
  async createUser(em: EntityManager, input: Command & { login: string; displayName: string; password: string; memberships: MembershipInput[] }): Promise<string> {
    const passwordHash = await this.deps.hasher.hash(input.password);
    return em.transactional(async (tx) => {
      const [taken] = await tx.execute<{ id: string }[]>('select id from app_user where tenant_id = ? and lower(login) = lower(?)', [input.tenantId, input.login]);
      if (taken) throw new ConflictError(`The login "${input.login}" is already taken in this county.`);
      const memberships = await this.checkMemberships(tx, input.tenantId, input.memberships);
      const now = this.deps.clock.now();
      const user = tx.create(User, { id: randomUUID(), tenantId: input.tenantId, login: input.login, displayName: input.displayName, passwordHash, active: true, isDemo: false, createdAt: now });
      for (const m of memberships) tx.create(Membership, { id: randomUUID(), tenantId: input.tenantId, userId: user.id, departmentId: m.departmentId, role: m.role, createdAt: now });
      const filings = this.syncLiaisonFilings(tx, { ...input, userId: user.id, now, filed: [], memberships });
      await tx.flush();
      await this.deps.audit.append(tx, input.tenantId, [
        { actor: input.actor, action: 'org.user.created', subject: { type: 'user', id: user.id }, payload: { login: user.login, displayName: user.displayName, memberships } },
        ...filings,
      ]);
      return user.id;
    });
  }

  /**
   * Rename, (de)activate or reset the password of an account. Deactivating
   * or a new password ends the user's sessions (the actor's own current
   * session survives a change of their own password).
   */
  async updateUser(em: EntityManager, input: Command & { userId: string; displayName?: string; active?: boolean; password?: string }): Promise<void> {
    const passwordHash = input.password === undefined ? undefined : await this.deps.hasher.hash(input.password);
    await em.transactional(async (tx) => {
      const user = await this.getUser(tx, input.tenantId, input.userId);
      const changes: Record<string, unknown> = {};
      if (input.displayName !== undefined && input.displayName !== user.displayName) {
        changes.displayName = { from: user.displayName, to: input.displayName };
        user.displayName = input.displayName;
      }
      if (input.active !== undefined && input.active !== user.active) {
        if (!input.active && user.id === input.actor.id) throw new ConflictError('You cannot deactivate your own account.');
        changes.active = input.active;
        user.active = input.active;
      }
      if (passwordHash !== undefined) {
        changes.passwordChanged = true;
        user.passwordHash = passwordHash;
      }
      if (Object.keys(changes).length === 0) return;
      await tx.flush();
      if (input.active === false) await this.assertAdminRemains(tx, input.tenantId);
      let endedSessions = 0;
      if (changes.active === false || passwordHash !== undefined) {
        const keep = user.id === input.actor.id ? input.actorSessionId ?? '' : '';
        const result = await tx.execute<{ affectedRows: number }>('delete from user_session where tenant_id = ? and user_id = ? and token_hash <> ?', [input.tenantId, user.id, keep], 'run');
        endedSessions = result.affectedRows;
      }
      await this.deps.audit.append(tx, input.tenantId, [
        { actor: input.actor, action: changes.active === false ? 'org.user.deactivated' : 'org.user.updated', subject: { type: 'user', id: user.id }, payload: { login: user.login, ...changes, endedSessions } },
      ]);
    });
  }

  /**
   * Replace all of a user's memberships. The liaison role follows filings: a
   * new liaison role files a designation, and dropping one ends the current
   * filing (with who and when), as the liaison routes would.
   */
  async replaceMemberships(em: EntityManager, input: Command & { userId: string; memberships: MembershipInput[] }): Promise<void> {
    await em.transactional(async (tx) => {
      const user = await this.getUser(tx, input.tenantId, input.userId);
      const memberships = await this.checkMemberships(tx, input.tenantId, input.memberships);
      const filed = await tx.find(LiaisonDesignation, { tenantId: input.tenantId, userId: user.id, endedAt: null });
      const before = await tx.execute<{ department_id: string; role: Role }[]>('select department_id, role from membership where user_id = ? and tenant_id = ? order by department_id, role', [user.id, input.tenantId]);
      await tx.nativeDelete(Membership, { tenantId: input.tenantId, userId: user.id });
      const now = this.deps.clock.now();
      for (const m of memberships) tx.create(Membership, { id: randomUUID(), tenantId: input.tenantId, userId: user.id, departmentId: m.departmentId, role: m.role, createdAt: now });
      const filings = this.syncLiaisonFilings(tx, { ...input, userId: user.id, now, filed, memberships });
      await tx.flush();
      await this.assertAdminRemains(tx, input.tenantId);
      await this.deps.audit.append(tx, input.tenantId, [
        {
          actor: input.actor,
          action: 'org.memberships.replaced',
          subject: { type: 'user', id: user.id },
          payload: { login: user.login, before: before.map((b) => ({ departmentId: b.department_id, role: b.role })), after: memberships },
        },
        ...filings,
      ]);
    });
  }

  async createDepartment(em: EntityManager, input: Command & { code: string; name: string; kind: DepartmentKind }): Promise<string> {
    return em.transactional(async (tx) => {
      if (await tx.count(Department, { tenantId: input.tenantId, code: input.code })) throw new ConflictError(`A department with code "${input.code}" already exists.`);
      if (input.kind === 'approval_bureau' && (await tx.count(Department, { tenantId: input.tenantId, kind: 'approval_bureau' }))) {
        throw new ConflictError('This county already has its approval bureau; a county has exactly one.');
      }
      const department = tx.create(Department, { id: randomUUID(), tenantId: input.tenantId, code: input.code, name: input.name, kind: input.kind, createdAt: this.deps.clock.now() });
      await tx.flush();
      await this.deps.audit.append(tx, input.tenantId, [
        { actor: input.actor, action: 'org.department.created', subject: { type: 'department', id: department.id }, payload: { code: input.code, name: input.name, kind: input.kind } },
      ]);
      return department.id;
    });
  }

  /** Rename a department; its code stays, because procedures refer to it. */
  async renameDepartment(em: EntityManager, input: Command & { departmentId: string; name: string }): Promise<void> {
    await em.transactional(async (tx) => {
      const department = await tx.findOne(Department, { id: input.departmentId, tenantId: input.tenantId });
      if (!department) throw new NotFoundError(`No department ${input.departmentId}.`);
      if (department.name === input.name) return;
      const from = department.name;
      department.name = input.name;
      await tx.flush();
      await this.deps.audit.append(tx, input.tenantId, [
        { actor: input.actor, action: 'org.department.renamed', subject: { type: 'department', id: department.id }, payload: { code: department.code, from, to: input.name } },
      ]);
    });
  }

  private async getUser(em: EntityManager, tenantId: string, userId: string): Promise<User> {
    const user = await em.findOne(User, { id: userId, tenantId });
    if (!user) throw new NotFoundError(`No user ${userId}.`);
    return user;
  }

  /**
   * Open a filing for every department where the new memberships make the
   * user a liaison without one, and end the filings of departments where
   * they no longer are; returns the audit entries, as the liaison routes write them.
   */
  private syncLiaisonFilings(
    em: EntityManager,
    input: Command & { userId: string; now: Date; filed: LiaisonDesignation[]; memberships: MembershipInput[] },
  ): AuditEntry[] {
    const liaisonOf = new Set(input.memberships.filter((m) => m.role === 'liaison').map((m) => m.departmentId));
    const entries: AuditEntry[] = [];
    for (const filing of input.filed.filter((f) => !liaisonOf.has(f.departmentId))) {
      filing.endedAt = input.now;
      filing.endedBy = input.actor.id;
      filing.endReason = 'Liaison role removed by an admin';
      entries.push({ actor: input.actor, action: 'org.liaison.ended', subject: { type: 'department', id: filing.departmentId }, payload: { designationId: filing.id, userId: input.userId, reason: filing.endReason } });
    }
    for (const departmentId of [...liaisonOf].filter((d) => !input.filed.some((f) => f.departmentId === d))) {
      const note = 'Liaison role granted by an admin';
      const designation = em.create(LiaisonDesignation, { id: randomUUID(), tenantId: input.tenantId, departmentId, userId: input.userId, designatedAt: input.now, designatedBy: input.actor.id, note });
      entries.push({ actor: input.actor, action: 'org.liaison.designated', subject: { type: 'department', id: departmentId }, payload: { designationId: designation.id, userId: input.userId, note } });
    }
    return entries;
  }

  /** Deduplicated memberships whose departments are this county's. */
  private async checkMemberships(em: EntityManager, tenantId: string, input: MembershipInput[]): Promise<MembershipInput[]> {
    const ids = [...new Set(input.map((m) => m.departmentId))];
    const known = new Set(ids.length ? (await em.execute<{ id: string }[]>('select id from department where tenant_id = ? and id in (?)', [tenantId, ids])).map((r) => r.id) : []);
    const errors: FieldError[] = [];
    input.forEach((m, i) => {
      if (!known.has(m.departmentId)) errors.push({ pointer: `/body/memberships/${i}/departmentId`, message: 'is not a department of this county' });
    });
    if (errors.length) throw new ValidationError(`The memberships are invalid: ${errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}.`, errors);
    const seen = new Set<string>();
    return input.filter((m) => {
      const key = `${m.departmentId}/${m.role}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** A county must keep at least one active admin, or nobody could administer it any more. */
  private async assertAdminRemains(em: EntityManager, tenantId: string): Promise<void> {
    const [row] = await em.execute<{ n: string }[]>(
      "select count(*) as n from app_user u where u.tenant_id = ? and u.active and exists (select 1 from membership m where m.user_id = u.id and m.role = 'admin')",
      [tenantId],
    );
    if (Number(row?.n ?? 0) === 0) throw new ConflictError('This change would leave the county without an active admin.');
  }
}
