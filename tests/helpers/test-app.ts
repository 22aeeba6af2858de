import type { EntityManager } from '@mikro-orm/postgresql';
import type Koa from 'koa';
import pino from 'pino';
import request from 'supertest';
import { ManualClock } from '../../platform/src/clock';
import { AuditLog } from '../../platform/src/domain/audit/audit-log';
import { AuthService } from '../../platform/src/domain/auth/auth-service';
import { LoginThrottler } from '../../platform/src/domain/auth/login-throttle';
import { createArgon2Hasher, type PasswordHasher } from '../../platform/src/domain/auth/password-hasher';
import { OrgService } from '../../platform/src/domain/org/org-service';
import type { PackManifest } from '../../platform/src/domain/pack/pack-manifest';
import { createTenantFromPack } from '../../platform/src/domain/tenant/create-tenant-from-pack';
import { demoAccountsFor, DEMO_PASSWORD } from '../../platform/src/domain/tenant/demo-accounts';
import { createApp } from '../../platform/src/http/app';
import type { AppDeps } from '../../platform/src/http/app-deps';
import { openTestDatabase, type TestDatabase } from './test-database';

/** argon2id at its minimum cost: tests hash dozens of passwords and need not resist cracking. */
export const cheapHasher: PasswordHasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });

/** A small pack in the shape of a real one, but with made-up names: tests must not depend on the Qufu pack. */
export function testPack(tenantCode = 'testcounty'): PackManifest {
  return {
    id: 'test-pack',
    title: '测试县审管联动办法',
    documentNumber: '测政发〔2024〕1号',
    jurisdiction: { code: '999999', name: '测试县' },
    validity: { from: '2024-01-01', to: '2026-12-31' },
    tenant: { code: tenantCode, name: `测试县 ${tenantCode}` },
    departments: [
      { code: 'bureau', name: '测试县行政审批服务局', kind: 'approval_bureau' },
      { code: 'market', name: '测试县市场监管局', kind: 'supervising' },
      { code: 'health', name: '测试县卫生健康局', kind: 'supervising' },
    ],
  };
}

export interface TestApp {
  db: TestDatabase;
  app: Koa;
  deps: AppDeps;
  clock: ManualClock;
  tenantId: string;
  em(): EntityManager;
  /** Log in a demo account; returns an agent carrying the cookie and the CSRF token. */
  login(login: string, tenant?: string): Promise<{ agent: request.Agent; csrf: string; userId: string }>;
  close(): Promise<void>;
}

/** A migrated test database, one seeded test county, and the HTTP app wired exactly as main.ts wires it. */
export async function startTestApp(options: { start?: string; tenantCode?: string } = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const clock = new ManualClock(options.start ?? '2024-03-01T02:00:00Z');
  const logger = pino({ level: 'silent' });
  const audit = new AuditLog(clock);
  const deps: AppDeps = {
    orm: db.orm,
    databaseKind: db.kind,
    clock,
    logger,
    audit,
    auth: new AuthService({ clock, hasher: cheapHasher, throttler: new LoginThrottler(clock), audit, sessionTtlHours: 12 }),
    org: new OrgService(audit),
    http: { cookieSecure: false, sessionTtlHours: 12, trustProxy: false },
  };
  const pack = testPack(options.tenantCode);
  const tenant = await createTenantFromPack(db.orm.em.fork(), pack, { accounts: demoAccountsFor(pack) }, { clock, audit, hasher: cheapHasher });
  const app = createApp(deps);
  return {
    db,
    app,
    deps,
    clock,
    tenantId: tenant.id,
    em: () => db.orm.em.fork(),
    async login(login, tenantCode) {
      const agent = request.agent(app.callback());
      const res = await agent.post('/api/session').send({ login, password: DEMO_PASSWORD, ...(tenantCode ? { tenant: tenantCode } : {}) });
      if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { agent, csrf: res.body.csrfToken as string, userId: res.body.userId as string };
    },
    close: () => db.close(),
  };
}
