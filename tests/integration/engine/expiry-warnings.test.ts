import pino from 'pino';
import { createTenantFromPack } from '../../../platform/src/domain/tenant/create-tenant-from-pack';
import { demoAccountsFor, DEMO_PASSWORD } from '../../../platform/src/domain/tenant/demo-accounts';
import { ensureExpiryChecks, EXPIRY_CHECK_JOB, EXPIRY_CHECK_KEY } from '../../../platform/src/engine/definitions/expiry-check-job';
import { JobWorker } from '../../../platform/src/scheduler/job-worker';
import { bpmn } from '../../helpers/engine-harness';
import { cheapHasher, createTestTenant, startTestApp, testPack, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const procedure = (key: string, name: string) =>
  bpmn(`
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="check"/>
    <bpmn:userTask id="check" name="核对" cm:formKey="check" cm:candidateDepartments="market"/>
    <bpmn:sequenceFlow id="b" sourceRef="check" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

const actor = { id: null, label: 'test' };
const PACK = '测试县审管联动办法';
/** 08:00 in Shanghai, when the daily check is due. */
const morningOf = (day: string) => `${day}T08:00:00+08:00`;

/**
 * A county whose pack ends on 2025-01-10 (like the Qufu measures), with one
 * procedure that ends with the pack and one ("permit") that ends earlier on
 * its own, moved day by day across the 60/30/7-day edges with the daily
 * expiry check run by a hand-driven job worker.
 */
describe(`expiry warnings and the daily check (${testDbKind()})`, () => {
  let t: TestApp;
  let worker: JobWorker;
  let tenantId: string;
  let otherTenantId: string;
  let admins: string[];

  const runDue = () => worker.runUntilIdle(20);
  /** Move to 08:00 of `day` and let the worker fire what is due. */
  const morning = async (day: string) => {
    t.clock.set(morningOf(day));
    await runDue();
  };
  /** Run the county's check once more right now (as a second run on the same day would). */
  const rerunToday = async (tenant = tenantId) => {
    const moved = await t.em().transactional((em) => t.deps.jobs.reschedule(em, { tenantId: tenant, dedupeKey: EXPIRY_CHECK_KEY }, t.clock.now()));
    expect(moved).toBe(1);
    await runDue();
  };
  const notes = (tenant = tenantId) =>
    t.em().execute<{ login: string; title: string; body: string }[]>(
      `select u.login, n.title, n.body from notification n join app_user u on u.id = n.recipient_user_id
        where n.tenant_id = ? and n.kind = 'validity.expiring' order by n.created_at, n.title, u.login`,
      [tenant],
    );
  const checkJobs = (tenant = tenantId) =>
    t.em().execute<{ due_at: Date; status: string }[]>('select due_at, status from job where tenant_id = ? and type = ? order by id', [tenant, EXPIRY_CHECK_JOB]);
  const apiWarnings = async (login = 'market-staff', tenantCode = 'expirycounty') => {
    const { agent } = await t.login(login, tenantCode);
    const res = await agent.get('/api/validity/warnings');
    expect(res.status).toBe(200);
    return res.body as { today: string; warnings: { scope: string; processKey: string | null; name: string; effectiveTo: string; daysLeft: number; level: string }[] };
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2024-11-01T09:00:00+08:00' });
    worker = new JobWorker({ orm: t.db.orm, clock: t.clock, handlers: t.deps.jobHandlers, workerId: 'expiry-test-worker', logger: pino({ level: 'silent' }) });

    const pack = testPack('expirycounty');
    pack.manifest.validity = { from: '2023-01-11', to: '2025-01-10' };
    const accounts = demoAccountsFor(pack.manifest);
    accounts.push(
      // A second admin, holding the role in two departments: still one notification per warning.
      { login: 'admin2', displayName: '第二管理员', password: DEMO_PASSWORD, isDemo: true, memberships: [{ departmentCode: 'bureau', role: 'admin' }, { departmentCode: 'market', role: 'admin' }] },
      { login: 'retired-admin', displayName: '已停用管理员', password: DEMO_PASSWORD, isDemo: true, memberships: [{ departmentCode: 'bureau', role: 'admin' }] },
    );
    const { clock, audit, calendars, forms, definitions, jobs } = t.deps;
    // The production tenant-creation code, given the scheduler as the platform gives it.
    tenantId = (await createTenantFromPack(t.em(), pack, { accounts }, { clock, audit, calendars, forms, definitions, jobs, hasher: cheapHasher })).id;
    await t.em().execute("update app_user set active = false where tenant_id = ? and login = 'retired-admin'", [tenantId]);
    await forms.publish(t.em(), { tenantId, formKey: 'check', title: '核对', schema: { type: 'object' }, actor });
    await definitions.publish(t.em(), { tenantId, xml: procedure('filing', '备案'), actor });
    await definitions.publish(t.em(), { tenantId, xml: procedure('permit', '许可'), actor, effectiveTo: '2024-12-20' });
    admins = ['admin', 'admin2'];

    // Another county (pack until 2026-12-31) with a procedure that ends on its own on 2025-01-10.
    otherTenantId = (await createTestTenant(t.em(), t.deps, 'successorcounty')).id;
    await forms.publish(t.em(), { tenantId: otherTenantId, formKey: 'check', title: '核对', schema: { type: 'object' }, actor });
    await definitions.publish(t.em(), { tenantId: otherTenantId, xml: procedure('filing', '备案'), actor, effectiveTo: '2025-01-10' });
  });
  afterAll(() => t.close());

  it('given a county is created, then its daily check is due at the next 08:00 in Shanghai, and the platform-start ensure adds one only where it is missing', async () => {
    expect((await checkJobs()).map((j) => [new Date(j.due_at).toISOString(), j.status])).toEqual([['2024-11-02T00:00:00.000Z', 'pending']]);
    expect(await checkJobs(otherTenantId)).toEqual([]); // the fixture helper leaves the scheduler out
    // Platform start: every county without one gets one (the fixture's own county and successorcounty); a restart adds none.
    expect(await t.em().transactional((em) => ensureExpiryChecks(em, t.deps.jobs, t.clock.now()))).toBe(2);
    expect(await t.em().transactional((em) => ensureExpiryChecks(em, t.deps.jobs, t.clock.now()))).toBe(0);
    expect(await checkJobs()).toHaveLength(1);
    expect((await checkJobs(otherTenantId)).map((j) => new Date(j.due_at).toISOString())).toEqual(['2024-11-02T00:00:00.000Z']);
  });

  it('given the clock crosses 60, 30 and 7 days before each end and then the end, then each active admin gets exactly one notification per threshold, re-runs add none, and nobody else gets any', async () => {
    const steps: [string, string[]][] = [
      ['2024-11-02', ['《许可》将于2024-12-20到期，还剩48天']],
      ['2024-11-11', [`《${PACK}》将于2025-01-10到期，还剩60天`]],
      ['2024-11-12', []],
      ['2024-11-20', ['《许可》将于2024-12-20到期，还剩30天']],
      ['2024-12-11', [`《${PACK}》将于2025-01-10到期，还剩30天`]],
      ['2024-12-13', ['《许可》将于2024-12-20到期，还剩7天']],
      ['2024-12-20', []],
      ['2024-12-21', ['《许可》已于2024-12-20到期']],
      ['2025-01-03', [`《${PACK}》将于2025-01-10到期，还剩7天`]],
      ['2025-01-10', []],
      ['2025-01-11', [`《${PACK}》已于2025-01-10到期`]],
    ];
    for (const [day, titles] of steps) {
      const before = (await notes()).length;
      await morning(day);
      const added = (await notes()).slice(before);
      expect([day, added.map((n) => [n.login, n.title])]).toEqual([day, titles.flatMap((title) => admins.map((login) => [login, title]))]);
      await rerunToday();
      expect([day, (await notes()).length]).toEqual([day, before + added.length]);
      // The next run is tomorrow at 08:00, whatever day it ran.
      expect([day, (await checkJobs()).map((j) => new Date(j.due_at).toISOString())]).toEqual([day, [new Date(new Date(morningOf(day)).getTime() + 86_400_000).toISOString()]]);
    }
    const all = await notes();
    expect(new Set(all.map((n) => n.login))).toEqual(new Set(admins));
    const [{ n: elsewhere }] = (await t.em().execute<{ n: string }[]>(
      "select count(*) as n from notification n left join app_user u on u.id = n.recipient_user_id where n.tenant_id = ? and n.kind = 'validity.expiring' and (u.login is null or u.login not in ('admin', 'admin2'))",
      [tenantId],
    )) as [{ n: string }];
    expect(Number(elsewhere)).toBe(0); // no department, no staff, not the deactivated admin
    expect(all.find((n) => n.title === '《许可》已于2024-12-20到期')?.body).toMatch(/不能发起新办件.*延期适用/);
    // The admins see them in the bell.
    const { agent } = await t.login('admin2', 'expirycounty');
    const bell = (await agent.get('/api/notifications?limit=100')).body as { items: { kind: string; title: string }[] };
    expect(bell.items.filter((n) => n.kind === 'validity.expiring')).toHaveLength(steps.flatMap(([, titles]) => titles).length);
  });

  it('given the pack expired, then the API lists it and the procedure that ended on its own as expired, as the notifications said', async () => {
    const body = await apiWarnings();
    expect(body).toEqual({
      today: '2025-01-11',
      warnings: [
        { scope: 'procedure', processKey: 'permit', name: '许可', effectiveTo: '2024-12-20', daysLeft: -22, level: 'expired' },
        { scope: 'pack', processKey: null, name: PACK, effectiveTo: '2025-01-10', daysLeft: -1, level: 'expired' },
      ],
    });
  });

  it('given an admin extends the pack past its end, then the warnings are re-armed for the new date (one per threshold again)', async () => {
    t.clock.set('2025-01-11T10:00:00+08:00');
    const { agent, csrf } = await t.login('admin', 'expirycounty');
    expect((await agent.post('/api/admin/pack/extensions').set('X-CSRF-Token', csrf).send({ extendedTo: '2025-02-28', reason: '新办法尚未印发，延期适用' })).status).toBe(201);
    // The extension replaces every procedure's end, so the pack's warning speaks for all of them.
    expect((await apiWarnings()).warnings).toEqual([{ scope: 'pack', processKey: null, name: PACK, effectiveTo: '2025-02-28', daysLeft: 48, level: '60' }]);

    const before = (await notes()).length;
    await morning('2025-01-12');
    await rerunToday();
    await morning('2025-01-29');
    await morning('2025-01-30');
    expect((await notes()).slice(before).map((n) => [n.login, n.title])).toEqual([
      ['admin', `《${PACK}》将于2025-02-28到期，还剩47天`],
      ['admin2', `《${PACK}》将于2025-02-28到期，还剩47天`],
      ['admin', `《${PACK}》将于2025-02-28到期，还剩30天`],
      ['admin2', `《${PACK}》将于2025-02-28到期，还剩30天`],
    ]);
    const [{ n }] = (await t.em().execute<{ n: string }[]>('select count(*) as n from expiry_notice where tenant_id = ?', [tenantId])) as [{ n: string }];
    expect(Number(n)).toBe(10); // permit 60/30/7/expired, pack 60/30/7/expired for 2025-01-10, pack 60/30 for 2025-02-28
  });

  it('given a procedure ending on its own, when a successor is published to take effect the day after the end, then its warning is silenced and no notification follows', async () => {
    // successorcounty's check ran every morning above: its procedure (end 2025-01-10) was announced at 60, 30 and 7 days and as expired.
    expect((await notes(otherTenantId)).map((n) => n.title)).toEqual(['《备案》将于2025-01-10到期，还剩60天', '《备案》将于2025-01-10到期，还剩30天', '《备案》将于2025-01-10到期，还剩7天', '《备案》已于2025-01-10到期']);
    expect((await notes(otherTenantId)).every((n) => n.login === 'admin')).toBe(true);
    expect((await apiWarnings('market-staff', 'successorcounty')).warnings).toEqual([{ scope: 'procedure', processKey: 'filing', name: '备案', effectiveTo: '2025-01-10', daysLeft: -20, level: 'expired' }]);

    // A fresh procedure in the same situation before its end: warned at 60 days, then a successor from the day after its end.
    await t.deps.definitions.publish(t.em(), { tenantId: otherTenantId, xml: procedure('permit', '许可'), actor, effectiveTo: '2025-03-20' });
    await morning('2025-01-31');
    expect((await apiWarnings('market-staff', 'successorcounty')).warnings.map((w) => [w.processKey, w.effectiveTo, w.level])).toEqual([
      ['filing', '2025-01-10', 'expired'],
      ['permit', '2025-03-20', '60'],
    ]);
    const before = (await notes(otherTenantId)).length;
    await t.deps.definitions.publish(t.em(), { tenantId: otherTenantId, xml: procedure('permit', '许可（2025年修订）'), actor, effectiveFrom: '2025-03-21' });
    expect((await apiWarnings('market-staff', 'successorcounty')).warnings.map((w) => w.processKey)).toEqual(['filing']);
    for (const day of ['2025-02-18', '2025-03-13', '2025-03-21']) await morning(day);
    expect((await notes(otherTenantId)).slice(before).map((n) => n.title)).toEqual([]);
    expect((await apiWarnings('market-staff', 'successorcounty')).warnings.map((w) => w.processKey)).toEqual(['filing']);
  });
});
