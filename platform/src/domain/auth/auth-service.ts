import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import { TooManyRequestsError, UnauthorizedError, ValidationError } from '../../errors/problem-error';
import type { AuditLog } from '../audit/audit-log';
import type { DepartmentKind } from '../org/department.entity';
import type { Role } from '../org/membership.entity';
import { LoginThrottler } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import type { Principal } from './principal';
import { formsStampSql } from '../case/field-catalog-cache';

export interface LoginRequest {
  /** Tenant code; may be omitted while the installation has exactly one tenant. */
  tenant?: string;
  login: string;
  password: string;
  /** Client address, for throttling and the audit trail. */
  address: string;
  /** Token of a session the client already holds; it is revoked so a planted cookie cannot survive login. */
  previousToken?: string;
}

export interface AuthDeps {
  clock: Clock;
  hasher: PasswordHasher;
  throttler: LoginThrottler;
  audit: AuditLog;
  sessionTtlHours: number;
}

/** Session rows are touched at most this often, so reads do not turn every request into a write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Password login, server-side sessions and logout. One wrong answer for an
 * unknown user, a wrong password or a disabled account, so login names cannot
 * be probed; the hash is checked even for unknown users to keep timing flat.
 */
export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: AuthDeps) {}

  async login(em: EntityManager, req: LoginRequest): Promise<{ token: string; principal: Principal }> {
    const tenant = await this.resolveTenant(em, req.tenant);
    const accountKey = LoginThrottler.accountKey(tenant?.code ?? req.tenant ?? '-', req.login);
    const addressKey = LoginThrottler.addressKey(req.address);
    const wait = Math.max(await this.deps.throttler.lockedFor(em, accountKey), await this.deps.throttler.lockedFor(em, addressKey));
    if (wait > 0) throw new TooManyRequestsError(`Too many failed logins; try again in ${Math.ceil(wait / 60)} minute(s).`, wait);

    const [user] = tenant
      ? await em.execute<{ id: string; password_hash: string; active: boolean }[]>(
          'select id, password_hash, active from app_user where tenant_id = ? and lower(login) = lower(?)',
          [tenant.id, req.login],
        )
      : [];
    // Verify even when the user is unknown, against a throwaway hash, so response time does not reveal which.
    const passwordOk = await this.deps.hasher.verify(user?.password_hash ?? (await this.getDummyHash()), req.password);

    if (!tenant || !user || !passwordOk || !user.active) {
      const reason = !tenant ? 'unknown_tenant' : !user ? 'unknown_user' : !passwordOk ? 'bad_password' : 'inactive';
      await em.transactional(async (tx) => {
        await this.deps.throttler.recordAccountFailure(tx, accountKey);
        await this.deps.throttler.recordAddressFailure(tx, addressKey);
        if (tenant) {
          await this.deps.audit.append(tx, tenant.id, [
            { actor: { id: null, label: req.login.slice(0, 100) }, action: 'auth.login_failed', subject: { type: 'user', id: user?.id ?? req.login.slice(0, 100) }, payload: { address: req.address, reason } },
          ]);
        }
      });
      throw new UnauthorizedError('Wrong login name or password.');
    }

    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    await em.transactional(async (tx) => {
      if (req.previousToken) await tx.execute('delete from user_session where token_hash = ?', [hashToken(req.previousToken)]);
      await this.deps.throttler.reset(tx, accountKey);
      await tx.execute(
        'insert into user_session (token_hash, tenant_id, user_id, csrf_token, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
        [hashToken(token), tenant.id, user.id, csrfToken, now, now, this.expiry(now)],
      );
      await this.deps.audit.append(tx, tenant.id, [
        { actor: { id: user.id, label: req.login }, action: 'auth.login', subject: { type: 'user', id: user.id }, payload: { address: req.address } },
      ]);
    });
    const principal = await this.authenticate(em, token);
    if (!principal) throw new Error('session vanished right after login');
    return { token, principal };
  }

  /**
   * The principal of a live session, or null for an unknown, expired or disabled one. Slides the expiry.
   *
   * Runs on every authenticated request, so it is one statement (issue 11):
   * the session, user, tenant and memberships (aggregated as JSON) together,
   * plus the tenant's form stamp for FieldCatalogCache (formsStampSql). Nothing is cached in
   * memory, so a logout, a disabled account or a changed membership takes
   * effect on the next request, on every server process.
   */
  async authenticate(em: EntityManager, token: string): Promise<Principal | null> {
    const tokenHash = hashToken(token);
    const now = this.deps.clock.now();
    const [row] = await em.execute<
      {
        tenant_id: string;
        tenant_code: string;
        user_id: string;
        login: string;
        display_name: string;
        platform_admin: boolean;
        csrf_token: string;
        last_seen_at: Date;
        memberships: { department_id: string; code: string; name: string; kind: DepartmentKind; role: Role }[];
        forms_stamp: string;
      }[]
    >(
      `select s.tenant_id, t.code as tenant_code, s.user_id, u.login, u.display_name, u.platform_admin, s.csrf_token, s.last_seen_at,
              coalesce((select json_agg(json_build_object('department_id', m.department_id, 'code', d.code, 'name', d.name, 'kind', d.kind, 'role', m.role) order by d.code, m.role)
                          from membership m join department d on d.id = m.department_id
                         where m.user_id = s.user_id and m.tenant_id = s.tenant_id), '[]'::json) as memberships,
              (${formsStampSql('s.tenant_id')}) as forms_stamp
         from user_session s join app_user u on u.id = s.user_id join tenant t on t.id = s.tenant_id
        where s.token_hash = ? and s.expires_at > ? and u.active`,
      [tokenHash, now],
    );
    if (!row) return null;
    if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
      await em.execute('update user_session set last_seen_at = ?, expires_at = ? where token_hash = ?', [now, this.expiry(now), tokenHash]);
    }
    const memberships = typeof row.memberships === 'string' ? (JSON.parse(row.memberships) as typeof row.memberships) : row.memberships;
    return {
      tenantId: row.tenant_id,
      tenantCode: row.tenant_code,
      userId: row.user_id,
      login: row.login,
      displayName: row.display_name,
      platformAdmin: row.platform_admin === true,
      csrfToken: row.csrf_token,
      sessionId: tokenHash,
      memberships: memberships.map((m) => ({ departmentId: m.department_id, departmentCode: m.code, departmentName: m.name, departmentKind: m.kind, role: m.role })),
      formsStamp: row.forms_stamp,
    };
  }

  async logout(em: EntityManager, principal: Principal): Promise<void> {
    await em.transactional(async (tx) => {
      await tx.execute('delete from user_session where token_hash = ?', [principal.sessionId]);
      await this.deps.audit.append(tx, principal.tenantId, [
        { actor: { id: principal.userId, label: principal.login }, action: 'auth.logout', subject: { type: 'user', id: principal.userId } },
      ]);
    });
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.deps.sessionTtlHours * 3_600_000);
  }

  private async resolveTenant(em: EntityManager, code: string | undefined): Promise<{ id: string; code: string } | undefined> {
    if (code !== undefined) {
      const [tenant] = await em.execute<{ id: string; code: string }[]>('select id, code from tenant where code = ?', [code]);
      return tenant;
    }
    const tenants = await em.execute<{ id: string; code: string }[]>('select id, code from tenant order by code limit 2');
    if (tenants.length > 1) throw new ValidationError('This installation serves several counties: say which one.', [{ pointer: '/body/tenant', message: 'required' }]);
    return tenants[0];
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}
