import type { EntityManager } from '@mikro-orm/postgresql';
import { verifyAuditChain } from '../../../platform/src/domain/audit/verify-audit-chain';
import type { DeadlineRecomputer } from '../../../platform/src/domain/calendar/deadline-recomputer';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

describe(`calendar API: versions, edits, previews, coverage (${testDbKind()})`, () => {
  let t: TestApp;
  const recomputeCalls: { calendarKey: string; years: readonly number[]; inTransaction: boolean }[] = [];
  /** An explicit, opt-in recorder standing in for the engine's task recomputer, which arrives with the engine. */
  const recorder: DeadlineRecomputer = {
    async recompute(em, input) {
      recomputeCalls.push({ calendarKey: input.calendarKey, years: input.calendar.coveredYears, inTransaction: (em as EntityManager).isInTransaction() });
      return { holder: 'recorder', moved: [{ id: 'd1', from: '2026-12-01T16:00:00.000Z', to: '2026-12-02T16:00:00.000Z' }], failed: [] };
    },
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-25T02:00:00Z', recomputers: [recorder] });
  });
  afterAll(() => t.close());

  it('the county starts with version 1 of the national calendar seeded from its pack', async () => {
    const { agent } = await t.login('market-staff');
    const list = await agent.get('/api/calendars');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ key: 'cn-statutory', version: 1, createdBy: 'system', years: expect.arrayContaining([2023, 2024, 2025, 2026]) })]);
    const doc = await agent.get('/api/calendars/cn-statutory');
    expect(doc.body.data.holidays).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2024-10-01' })]));
  });

  it('previews a due date with the DESIGN.md example: pushed Friday 2024-02-02, 3 working days → end of Tuesday 2024-02-06', async () => {
    const { agent } = await t.login('market-staff');
    const res = await agent.get('/api/calendars/cn-statutory/due').query({ start: '2024-02-02T02:00:00Z', duration: '3WD' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ start: '2024-02-02T02:00:00.000Z', duration: '3 working days', due: '2024-02-06T16:00:00.000Z' });
  });

  it('refuses an ambiguous duration with a 422 on the query field', async () => {
    const { agent } = await t.login('market-staff');
    const res = await agent.get('/api/calendars/cn-statutory/due').query({ duration: '3 days' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ pointer: '/query/duration', message: expect.stringMatching(/ambiguous/) });
  });

  it('warns, from 60 days ahead, that next year has no holiday notice yet', async () => {
    const { agent } = await t.login('admin');
    const res = await agent.get('/api/calendar-warnings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ code: 'nextYearNotCovered', calendarId: 'cn-statutory', year: 2027, daysLeft: 37 })]);
  });

  it('when an admin enters the 2027 notice, a new audited version covers 2027, open deadlines are recomputed in the same transaction, and the warning goes', async () => {
    const { agent, csrf } = await t.login('admin');
    const res = await agent
      .put('/api/calendars/cn-statutory/years/2027')
      .set('X-CSRF-Token', csrf)
      .send({
        expectedVersion: 1,
        note: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
        holidays: [{ date: '2027-01-01', name: '元旦', source: 'test notice' }],
        workdays: [],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'cn-statutory', version: 2, createdBy: 'admin' });
    expect((await agent.get('/api/calendar-warnings')).body).toEqual([]);
    expect(recomputeCalls).toEqual([{ calendarKey: 'cn-statutory', years: expect.arrayContaining([2027]), inTransaction: true }]);

    const audit = await t.em().execute<{ action: string; payload: { diff?: { yearsAdded: number[]; holidaysAdded: string[] }; moved?: unknown[] } }[]>(
      "select action, payload from audit_event where tenant_id = ? and action in ('calendar.changed', 'deadline.recomputed') order by seq",
      [t.tenantId],
    );
    expect(audit.map((a) => a.action)).toEqual(['calendar.changed', 'deadline.recomputed']);
    expect(audit[0]!.payload.diff).toMatchObject({ yearsAdded: [2027], holidaysAdded: ['2027-01-01'] });
    expect(audit[1]!.payload.moved).toHaveLength(1);
  });

  it('a stale expectedVersion is a 409 and creates nothing', async () => {
    const { agent, csrf } = await t.login('admin');
    const res = await agent.post('/api/calendars/cn-statutory/days').set('X-CSRF-Token', csrf).send({ expectedVersion: 1, note: 'late edit', kind: 'holiday', date: '2026-12-28', name: '县庆', source: '县政府通知' });
    expect(res.status).toBe(409);
    expect((await agent.get('/api/calendars/cn-statutory/versions')).body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('a local one-off holiday moves previews and is listed in the change log', async () => {
    const { agent, csrf } = await t.login('admin');
    const before = (await agent.get('/api/calendars/cn-statutory/due').query({ start: '2026-12-25T02:00:00Z', duration: '1WD' })).body.due;
    const res = await agent.post('/api/calendars/cn-statutory/days').set('X-CSRF-Token', csrf).send({ expectedVersion: 2, note: '县政府决定', kind: 'holiday', date: '2026-12-28', name: '县庆', source: '县政府通知' });
    expect(res.status).toBe(201);
    expect(res.body.version).toBe(3);
    const after = (await agent.get('/api/calendars/cn-statutory/due').query({ start: '2026-12-25T02:00:00Z', duration: '1WD' })).body.due;
    expect(before).toBe('2026-12-28T16:00:00.000Z');
    expect(after).toBe('2026-12-29T16:00:00.000Z');
    const log = (await agent.get('/api/calendars/cn-statutory/versions')).body;
    expect(log[0]).toMatchObject({ version: 3, note: '县政府决定', createdBy: 'admin' });
    expect((await agent.get('/api/calendars/cn-statutory').query({ version: 1 })).body.version).toBe(1);
  });

  it('an invalid document (a "make-up workday" on a Tuesday) is a 422 pointing into the data, and nothing changes', async () => {
    const { agent, csrf } = await t.login('admin');
    const current = (await agent.get('/api/calendars/cn-statutory')).body;
    const data = { ...current.data, workdays: [...current.data.workdays, { date: '2026-12-01', name: 'bogus', source: 'x' }] };
    const res = await agent.put('/api/calendars/cn-statutory').set('X-CSRF-Token', csrf).send({ expectedVersion: current.version, note: 'bad', data });
    expect(res.status).toBe(422);
    expect(res.body.errors.some((e: { pointer: string }) => e.pointer.startsWith('/body/data/workdays/'))).toBe(true);
    expect((await agent.get('/api/calendars/cn-statutory')).body.version).toBe(current.version);
  });

  it('renaming a day changes no working day, so nothing is recomputed', async () => {
    const { agent, csrf } = await t.login('admin');
    const current = (await agent.get('/api/calendars/cn-statutory')).body;
    const calls = recomputeCalls.length;
    const data = { ...current.data, holidays: current.data.holidays.map((d: { date: string; name: string }) => (d.date === '2026-12-28' ? { ...d, name: '县庆日' } : d)) };
    const res = await agent.put('/api/calendars/cn-statutory').set('X-CSRF-Token', csrf).send({ expectedVersion: current.version, note: 'rename', data });
    expect(res.status).toBe(200);
    expect(recomputeCalls.length).toBe(calls);
  });

  it('staff may read but not edit calendars (403)', async () => {
    const { agent, csrf } = await t.login('market-liaison');
    const res = await agent.post('/api/calendars/cn-statutory/days').set('X-CSRF-Token', csrf).send({ expectedVersion: 4, note: 'x', kind: 'holiday', date: '2026-12-30', name: 'x', source: 'x' });
    expect(res.status).toBe(403);
  });

  it('the audit chain still verifies after all the edits', async () => {
    expect((await verifyAuditChain(t.em(), t.tenantId)).ok).toBe(true);
  });
});
