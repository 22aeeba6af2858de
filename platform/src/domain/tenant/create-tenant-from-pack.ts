import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import { SYSTEM_ACTOR, type AuditLog, type AuditEntry } from '../audit/audit-log';
import type { PasswordHasher } from '../auth/password-hasher';
import { Department } from '../org/department.entity';
import { LiaisonDesignation } from '../org/liaison-designation.entity';
import { Membership, type Role } from '../org/membership.entity';
import { User } from '../org/user.entity';
import type { CalendarService } from '../calendar/calendar-service';
import type { DefinitionService } from '../../engine/definitions/definition-service';
import type { FormService } from '../../engine/definitions/form-service';
import { ensureExpiryCheck } from '../../engine/definitions/expiry-check-job';
import type { JobScheduler } from '../../scheduler/job-scheduler';
import type { LoadedPack } from '../pack/load-pack';
import { Tenant } from './tenant.entity';
import type { AccountSpec } from './demo-accounts';

export interface CreateTenantOptions {
  /** Accounts to create with the tenant (demo accounts, or a first admin). */
  accounts: AccountSpec[];
  /** The platform admin who asked for the county from the designer; recorded in its `tenant.created` entry, since that person belongs to another county's chain. */
  createdBy?: { userId: string; login: string; tenantCode: string };
}

export interface CreateTenantDeps {
  clock: Clock;
  audit: AuditLog;
  hasher: PasswordHasher;
  calendars: CalendarService;
  forms: FormService;
  definitions: DefinitionService;
  /** When given (the platform passes its scheduler), the county's daily expiry check is scheduled with it; fixtures that count the jobs they fire leave it out. */
  jobs?: Pick<JobScheduler, 'schedule'>;
}

/**
 * Create a county from a pack in one transaction: the tenant, its
 * departments, the genesis of its audit chain, its calendars, forms and
 * procedures, and the given accounts with their memberships and liaison
 * filings. Either all of it exists or none.
 */
export async function createTenantFromPack(em: EntityManager, loaded: LoadedPack, options: CreateTenantOptions, deps: CreateTenantDeps): Promise<Tenant> {
  const pack = loaded.manifest;
  const hashes = await Promise.all(options.accounts.map((a) => deps.hasher.hash(a.password)));
  return em.transactional(async (tx) => {
    const now = deps.clock.now();
    const tenant = tx.create(Tenant, {
      id: randomUUID(),
      code: pack.tenant.code,
      name: pack.tenant.name,
      packId: pack.id,
      defaultCalendarKey: loaded.calendars[0]?.id ?? null,
      settings: {
        ...(pack.warningThresholds ? { warningThresholds: pack.warningThresholds } : {}),
        ...(pack.roles ? { roleNames: Object.fromEntries(pack.roles.map((r) => [r.code, r.name])) } : {}),
        ...(pack.offlineDelivery ? { offlineDelivery: pack.offlineDelivery } : {}),
        ...(pack.circular ? { circular: pack.circular } : {}),
        ...(pack.publicIntake ? { publicIntake: pack.publicIntake } : {}),
        ...(pack.personalData ? { personalData: pack.personalData } : {}),
        validity: pack.validity,
        pack: { title: pack.title, documentNumber: pack.documentNumber, jurisdiction: pack.jurisdiction },
      },
      createdAt: now,
    });
    const departments = new Map<string, Department>();
    for (const d of pack.departments) {
      departments.set(d.code, tx.create(Department, { id: randomUUID(), tenantId: tenant.id, code: d.code, name: d.name, kind: d.kind, createdAt: now }));
    }
    await tx.flush();
    await deps.audit.startChain(tx, tenant.id);
    for (const calendar of loaded.calendars) await deps.calendars.seed(tx, tenant.id, calendar, SYSTEM_ACTOR);
    for (const form of loaded.forms) {
      await deps.forms.publish(tx, { tenantId: tenant.id, formKey: form.key, title: form.title, schema: form.schema, uiSchema: form.uiSchema, actor: SYSTEM_ACTOR });
    }
    for (const procedure of loaded.procedures) await deps.definitions.publish(tx, { tenantId: tenant.id, xml: procedure.xml, actor: SYSTEM_ACTOR });

    const audit: AuditEntry[] = [
      {
        actor: options.createdBy ? { id: null, label: `${options.createdBy.tenantCode}/${options.createdBy.login}`.slice(0, 100) } : SYSTEM_ACTOR,
        action: 'tenant.created',
        subject: { type: 'tenant', id: tenant.id },
        payload: { code: tenant.code, packId: pack.id, departments: pack.departments.map((d) => d.code), ...(options.createdBy ? { createdBy: options.createdBy } : {}) },
      },
    ];
    options.accounts.forEach((spec, i) => {
      const user = tx.create(User, {
        id: randomUUID(),
        tenantId: tenant.id,
        login: spec.login,
        displayName: spec.displayName,
        passwordHash: hashes[i]!,
        active: true,
        isDemo: spec.isDemo,
        platformAdmin: spec.platformAdmin ?? false,
        createdAt: now,
      });
      for (const m of spec.memberships) {
        const department = departments.get(m.departmentCode);
        if (!department) throw new Error(`account ${spec.login} names unknown department ${m.departmentCode}`);
        tx.create(Membership, { id: randomUUID(), tenantId: tenant.id, userId: user.id, departmentId: department.id, role: m.role as Role, createdAt: now });
        if (m.role === 'liaison') {
          const designation = tx.create(LiaisonDesignation, {
            id: randomUUID(),
            tenantId: tenant.id,
            departmentId: department.id,
            userId: user.id,
            designatedAt: now,
            designatedBy: null,
            note: 'Initial designation at tenant creation',
          });
          audit.push({ actor: SYSTEM_ACTOR, action: 'org.liaison.designated', subject: { type: 'department', id: department.id }, payload: { designationId: designation.id, userId: user.id } });
        }
      }
      audit.push({ actor: SYSTEM_ACTOR, action: 'org.user.created', subject: { type: 'user', id: user.id }, payload: { login: spec.login, demo: spec.isDemo, roles: spec.memberships, ...(spec.platformAdmin ? { platformAdmin: true } : {}) } });
    });
    await tx.flush();
    await deps.audit.append(tx, tenant.id, audit);
    if (deps.jobs) await ensureExpiryCheck(tx, deps.jobs, tenant.id, now);
    return tenant;
  });
}
