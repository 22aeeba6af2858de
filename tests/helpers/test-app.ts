import type { EntityManager } from '@mikro-orm/postgresql';
import type Koa from 'koa';
import pino from 'pino';
import request from 'supertest';
import { ManualClock } from '../../platform/src/clock';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCalendarData } from '../../platform/src/calendar';
import { createArgon2Hasher, type PasswordHasher } from '../../platform/src/domain/auth/password-hasher';
import type { DeadlineRecomputer } from '../../platform/src/domain/calendar/deadline-recomputer';
import type { AttachmentScanner } from '../../platform/src/domain/attachment/attachment-scanner';
import type { LoadedPack } from '../../platform/src/domain/pack/load-pack';
import type { PackManifest } from '../../platform/src/domain/pack/pack-manifest';
import { createServices } from '../../platform/src/services';
import { createTenantFromPack } from '../../platform/src/domain/tenant/create-tenant-from-pack';
import { demoAccountsFor, DEMO_PASSWORD } from '../../platform/src/domain/tenant/demo-accounts';
import { createApp } from '../../platform/src/http/app';
import type { AppDeps } from '../../platform/src/http/app-deps';
import { openTestDatabase, type TestDatabase } from './test-database';

/** argon2id at its minimum cost: tests hash dozens of passwords and need not resist cracking. */
export const cheapHasher: PasswordHasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });

/** The national statutory calendar (State Council data, not county-specific), shared by test packs. */
const nationalCalendar = parseCalendarData(JSON.parse(readFileSync(path.resolve(__dirname, '../../definitions/qufu-2023/calendars/cn-statutory.json'), 'utf8')));

/** A small pack in the shape of a real one, but with made-up names: tests must not depend on the Qufu pack. */
export function testPack(tenantCode = 'testcounty'): LoadedPack {
  return { manifest: testManifest(tenantCode), calendars: [nationalCalendar], forms: [], procedures: [] };
}

export function testManifest(tenantCode = 'testcounty'): PackManifest {
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

/** Create a test county (demo accounts included) with the production tenant-creation code. */
export async function createTestTenant(em: EntityManager, deps: Pick<AppDeps, 'clock' | 'audit' | 'calendars' | 'forms' | 'definitions'>, tenantCode: string, pack: LoadedPack = testPack(tenantCode)) {
  return createTenantFromPack(em, pack, { accounts: demoAccountsFor(pack.manifest) }, { clock: deps.clock, audit: deps.audit, calendars: deps.calendars, forms: deps.forms, definitions: deps.definitions, hasher: cheapHasher });
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
export async function startTestApp(options: { start?: string; tenantCode?: string; recomputers?: DeadlineRecomputer[]; attachmentScanner?: AttachmentScanner } = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const clock = new ManualClock(options.start ?? '2024-03-01T02:00:00Z');
  const logger = pino({ level: 'silent' });
  const services = createServices({ clock, hasher: cheapHasher, sessionTtlHours: 12, recomputers: options.recomputers, attachmentScanner: options.attachmentScanner });
  const deps: AppDeps = {
    orm: db.orm,
    databaseKind: db.kind,
    clock,
    logger,
    ...services,
    http: { cookieSecure: false, sessionTtlHours: 12, trustProxy: false },
  };
  const tenant = await createTestTenant(db.orm.em.fork(), deps, options.tenantCode ?? 'testcounty');
  const app = createApp(deps);
  return {
    db,
    app,
    deps,
    clock,
    tenantId: tenant.id,
    em: () => db.orm.em.fork(),
    async login(login, tenantCode = options.tenantCode ?? 'testcounty') {
      const agent = request.agent(app.callback());
      const res = await agent.post('/api/session').send({ login, password: DEMO_PASSWORD, tenant: tenantCode });
      if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { agent, csrf: res.body.csrfToken as string, userId: res.body.userId as string };
    },
    close: () => db.close(),
  };
}
