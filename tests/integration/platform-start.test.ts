import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { ManualClock } from '../../platform/src/clock';
import { loadConfig } from '../../platform/src/config/config';
import { DemoAccountsRefusedError } from '../../platform/src/domain/tenant/first-start';
import { DEMO_PASSWORD } from '../../platform/src/domain/tenant/demo-accounts';
import { startPlatform } from '../../platform/src/platform';
import { cheapHasher } from '../helpers/test-app';
import { createEmptyPostgresDatabase, testDbKind } from '../helpers/test-database';
import { packScenarios } from '../helpers/pack-harness';

const repoRoot = path.resolve(__dirname, '../..');

/**
 * The composition root end to end: an empty database is migrated and seeded
 * from the pack on first start, and a restart keeps the data (for PGlite,
 * that is its data directory on disk).
 */
describe(`platform first start and restart (${testDbKind()})`, () => {
  let dataDir: string;
  let dbUrl: string | undefined;
  let drop: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'platform-start-'));
    if (testDbKind() === 'postgres') ({ url: dbUrl, drop } = await createEmptyPostgresDatabase());
  });
  afterEach(async () => {
    await drop?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    PORT: '0',
    HOST: '127.0.0.1',
    PGLITE_DATA_DIR: path.join(dataDir, 'nested', 'pg'),
    PACK_DIR: path.join(repoRoot, 'definitions/qufu-2023'),
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
    ...extra,
  });
  const overrides = { clock: new ManualClock('2024-06-03T01:00:00Z'), logger: pino({ level: 'silent' }), hasher: cheapHasher };

  it('given an empty database, it creates the pack county with demo accounts, and a restart keeps what was written', async () => {
    const first = await startPlatform(loadConfig(env()), overrides);
    let designationCount: number;
    let loginCount: number;
    let caseCount: number;
    try {
      expect((await request(first.url).get('/api/health')).body.status).toBe('ok');
      const agent = request.agent(first.url);
      const login = await agent.post('/api/session').send({ login: 'admin', password: DEMO_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.tenant.code).toBe('qufu');
      const departments = (await agent.get('/api/departments')).body as { code: string; kind: string }[];
      expect(departments.filter((d) => d.kind === 'approval_bureau')).toHaveLength(1);
      expect(departments.filter((d) => d.kind === 'supervising').length).toBeGreaterThanOrEqual(3);
      designationCount = Number((await first.database.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from liaison_designation'))[0]!.n);

      // Every procedure of the pack can be started through the API, by the person its scenario names.
      const procedures = (await agent.get('/api/procedures')).body as { key: string }[];
      const firstScenarioOf = new Map<string, ReturnType<typeof packScenarios>[number]['scenario']>();
      for (const { scenario } of packScenarios(path.join(repoRoot, 'definitions/qufu-2023'))) if (!firstScenarioOf.has(scenario.procedure)) firstScenarioOf.set(scenario.procedure, scenario);
      expect(new Set(procedures.map((p) => p.key))).toEqual(new Set(firstScenarioOf.keys()));
      for (const scenario of firstScenarioOf.values()) {
        const starter = request.agent(first.url);
        const session = await starter.post('/api/session').send({ login: scenario.given.startedBy, password: DEMO_PASSWORD });
        const started = await starter.post('/api/cases').set('X-CSRF-Token', session.body.csrfToken).send({ procedure: scenario.procedure, variables: scenario.given.variables });
        expect([scenario.procedure, started.status]).toEqual([scenario.procedure, 201]);
      }
      const count = async (sql: string) => Number((await first.database.orm.em.fork().execute<{ n: string }[]>(sql))[0]!.n);
      loginCount = await count("select count(*) as n from audit_event where action = 'auth.login'");
      caseCount = await count('select count(*) as n from case_instance');
      expect(caseCount).toBeGreaterThanOrEqual(firstScenarioOf.size);
    } finally {
      await first.stop();
    }

    const second = await startPlatform(loadConfig(env()), overrides);
    try {
      const em = second.database.orm.em.fork();
      expect(Number((await em.execute<{ n: string }[]>('select count(*) as n from tenant'))[0]!.n)).toBe(1);
      expect(Number((await em.execute<{ n: string }[]>('select count(*) as n from liaison_designation'))[0]!.n)).toBe(designationCount);
      // The logins and cases of the first run are still there: the data survived the restart.
      expect(Number((await em.execute<{ n: string }[]>("select count(*) as n from audit_event where action = 'auth.login'"))[0]!.n)).toBe(loginCount);
      expect(Number((await em.execute<{ n: string }[]>('select count(*) as n from case_instance'))[0]!.n)).toBe(caseCount);
      expect((await request(second.url).post('/api/session').send({ login: 'scjg-staff', password: DEMO_PASSWORD })).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('in production it refuses to create demo accounts unless explicitly allowed, and writes nothing', async () => {
    await expect(startPlatform(loadConfig(env({ NODE_ENV: 'production' })), overrides)).rejects.toBeInstanceOf(DemoAccountsRefusedError);
    const allowed = await startPlatform(loadConfig(env({ NODE_ENV: 'production', ALLOW_DEMO_ACCOUNTS: 'true', COOKIE_SECURE: 'false' })), overrides);
    try {
      expect((await request(allowed.url).post('/api/session').send({ login: 'admin', password: DEMO_PASSWORD })).status).toBe(200);
    } finally {
      await allowed.stop();
    }
  });

  it('in production with INITIAL_ADMIN_PASSWORD it creates only that admin', async () => {
    const p = await startPlatform(loadConfig(env({ NODE_ENV: 'production', INITIAL_ADMIN_PASSWORD: 'a-long-real-secret', COOKIE_SECURE: 'false' })), overrides);
    try {
      expect((await request(p.url).post('/api/session').send({ login: 'admin', password: 'a-long-real-secret' })).status).toBe(200);
      expect((await request(p.url).post('/api/session').send({ login: 'scjg-staff', password: DEMO_PASSWORD })).status).toBe(401);
    } finally {
      await p.stop();
    }
  });
});
