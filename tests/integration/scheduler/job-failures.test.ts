import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../../platform/src/errors/problem-error';
import { IncidentService } from '../../../platform/src/scheduler/incident-service';
import { RetryLaterError } from '../../../platform/src/scheduler/scheduler-errors';
import { testDbKind } from '../../helpers/test-database';
import { openSchedulerWorld, type SchedulerWorld } from './scheduler-fixture';

const admin = { id: randomUUID(), label: 'admin' };

describe(`job failures, backoff and incidents (${testDbKind()})`, () => {
  let w: SchedulerWorld;
  let incidents: IncidentService;
  beforeAll(async () => {
    w = await openSchedulerWorld();
    incidents = new IncidentService({ clock: w.clock, audit: w.audit });
  });
  beforeEach(() => w.reset());
  afterAll(() => w.close());

  it('given a handler that fails twice, then each failure counts an attempt and waits out the backoff, and the third attempt fires', async () => {
    const tenantId = await w.newTenant();
    let calls = 0;
    const worker = w.worker({
      'timer.flaky': async (em, job) => {
        calls += 1;
        await em.execute('insert into fired (job_id, worker_id, fired_at) values (?, ?, ?)', [job.id, 'a', w.clock.now()]);
        if (calls <= 2) throw new Error(`downstream unavailable (${calls})`);
      },
    });
    const id = await w.schedule({ tenantId, type: 'timer.flaky', maxAttempts: 5 });
    const t0 = w.clock.now().getTime();

    expect(await worker.runOnce()).toBe(1);
    expect(await w.jobs(tenantId)).toMatchObject([{ id, status: 'pending', attempts: 1, locked_by: null, locked_until: null, last_error: expect.stringContaining('downstream unavailable (1)') }]);
    expect(new Date((await w.jobs(tenantId))[0]!.due_at).getTime()).toBe(t0 + 1_000);
    expect(await worker.runOnce()).toBe(0);

    w.clock.advance(1_000);
    expect(await worker.runOnce()).toBe(1);
    expect(new Date((await w.jobs(tenantId))[0]!.due_at).getTime()).toBe(t0 + 1_000 + 2_000);
    w.clock.advance(1_999);
    expect(await worker.runOnce()).toBe(0);

    w.clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    expect(calls).toBe(3);
    expect(await w.jobs(tenantId)).toEqual([]);
    // The failed attempts' writes rolled back with them: only the successful one remains.
    expect((await w.firedCounts()).get(id)).toBe(1);
  });

  it('given a handler that always fails, when the last attempt fails, then the job stays as failed, an incident is recorded and nothing fires again', async () => {
    const tenantId = await w.newTenant();
    const caseId = randomUUID();
    let calls = 0;
    const worker = w.worker({
      'timer.broken': async () => {
        calls += 1;
        throw new Error('form field missing');
      },
    });
    const id = await w.schedule({ tenantId, caseId, type: 'timer.broken', payload: { elementId: 'Timer_9' }, maxAttempts: 2 });

    await worker.runOnce();
    w.clock.advance(1_000);
    await worker.runOnce();
    w.clock.advance(24 * 3_600_000);
    expect(await worker.runOnce()).toBe(0);

    expect(calls).toBe(2);
    expect(await w.jobs(tenantId)).toMatchObject([{ id, status: 'failed', attempts: 2, locked_by: null }]);
    const open = await incidents.list(w.em(), tenantId, { open: true });
    expect(open).toEqual([
      expect.objectContaining({ jobId: id, caseId, jobType: 'timer.broken', payload: { elementId: 'Timer_9' }, attempts: 2, error: expect.stringContaining('form field missing'), resolvedAt: null }),
    ]);
  });

  it('given an incident, when an admin retries it, then the job runs again from attempt one, the incident is resolved and the retry audited', async () => {
    const tenantId = await w.newTenant();
    let broken = true;
    const worker = w.worker({
      'timer.fixable': async (em, job) => {
        if (broken) throw new Error('bad configuration');
        await em.execute('insert into fired (job_id, worker_id, fired_at) values (?, ?, ?)', [job.id, 'a', w.clock.now()]);
      },
    });
    const id = await w.schedule({ tenantId, type: 'timer.fixable', maxAttempts: 1 });
    await worker.runOnce();
    const [incident] = await incidents.list(w.em(), tenantId, { open: true });

    broken = false;
    w.clock.advance(60_000);
    const resolved = await w.em().transactional((em) => incidents.retry(em, { tenantId, incidentId: incident!.id, actor: admin }));

    expect(resolved).toMatchObject({ id: incident!.id, resolution: 'retried', resolvedBy: admin.id, resolvedAt: w.clock.now().toISOString() });
    expect(await w.jobs(tenantId)).toMatchObject([{ id, status: 'pending', attempts: 0 }]);
    expect(await worker.runOnce()).toBe(1);
    expect((await w.firedCounts()).get(id)).toBe(1);
    expect(await incidents.list(w.em(), tenantId, { open: true })).toEqual([]);
    const audit = await w.em().execute<{ action: string; subject_id: string }[]>('select action, subject_id from audit_event where tenant_id = ?', [tenantId]);
    expect(audit).toEqual([{ action: 'scheduler.incident.retried', subject_id: incident!.id }]);
  });

  it('given a resolved incident, when it is retried again, then it is a conflict and the job is not touched', async () => {
    const tenantId = await w.newTenant();
    const worker = w.worker({ 'timer.broken': async () => Promise.reject(new Error('still broken')) });
    await w.schedule({ tenantId, type: 'timer.broken', maxAttempts: 1 });
    await worker.runOnce();
    const [incident] = await incidents.list(w.em(), tenantId);
    await w.em().transactional((em) => incidents.retry(em, { tenantId, incidentId: incident!.id, actor: admin }));

    await expect(w.em().transactional((em) => incidents.retry(em, { tenantId, incidentId: incident!.id, actor: admin }))).rejects.toThrow(ConflictError);
    expect(await w.jobs(tenantId)).toMatchObject([{ status: 'pending', attempts: 0 }]);
  });

  it('given an incident whose job was cancelled with its case, when it is retried, then it is a conflict and the incident stays open', async () => {
    const tenantId = await w.newTenant();
    const caseId = randomUUID();
    const worker = w.worker({ 'timer.broken': async () => Promise.reject(new Error('broken')) });
    await w.schedule({ tenantId, caseId, type: 'timer.broken', maxAttempts: 1 });
    await worker.runOnce();
    await w.em().transactional((em) => w.scheduler.cancel(em, { tenantId, caseId }));
    const [incident] = await incidents.list(w.em(), tenantId);

    await expect(w.em().transactional((em) => incidents.retry(em, { tenantId, incidentId: incident!.id, actor: admin }))).rejects.toThrow(/no longer exists/);
    expect(await incidents.list(w.em(), tenantId, { open: true })).toHaveLength(1);
  });

  it('given an incident, when an admin dismisses it, then its failed job is removed, its dedupe key is free, and the incident keeps the record', async () => {
    const tenantId = await w.newTenant();
    const worker = w.worker({ 'timer.broken': async () => Promise.reject(new Error('broken')) });
    await w.schedule({ tenantId, type: 'timer.broken', maxAttempts: 1, dedupeKey: 'k', payload: { keep: 'me' } });
    await worker.runOnce();
    const [incident] = await incidents.list(w.em(), tenantId);

    await w.em().transactional((em) => incidents.dismiss(em, { tenantId, incidentId: incident!.id, actor: admin, reason: 'case handled offline' }));

    expect(await w.jobs(tenantId)).toEqual([]);
    expect(await incidents.list(w.em(), tenantId)).toMatchObject([{ id: incident!.id, resolution: 'dismissed', payload: { keep: 'me' } }]);
    const again = await w.em().transactional((em) => w.scheduler.schedule(em, { tenantId, type: 'timer.broken', dueAt: w.clock.now(), dedupeKey: 'k' }));
    expect(again.created).toBe(true);
  });

  it('given another tenant\'s incident id, when retried or dismissed, then it is not found and stays open', async () => {
    const [tenantId, other] = [await w.newTenant(), await w.newTenant()];
    const worker = w.worker({ 'timer.broken': async () => Promise.reject(new Error('broken')) });
    await w.schedule({ tenantId, type: 'timer.broken', maxAttempts: 1 });
    await worker.runOnce();
    const [incident] = await incidents.list(w.em(), tenantId);

    await expect(w.em().transactional((em) => incidents.retry(em, { tenantId: other, incidentId: incident!.id, actor: admin }))).rejects.toThrow(NotFoundError);
    await expect(w.em().transactional((em) => incidents.dismiss(em, { tenantId: other, incidentId: incident!.id, actor: admin, reason: 'x' }))).rejects.toThrow(NotFoundError);
    await expect(w.em().transactional((em) => incidents.retry(em, { tenantId, incidentId: 'not-a-uuid', actor: admin }))).rejects.toThrow(NotFoundError);
    expect(await incidents.list(w.em(), other)).toEqual([]);
    expect(await incidents.list(w.em(), tenantId, { open: true })).toHaveLength(1);
  });

  it('given a job type no handler knows, when claimed, then it becomes an incident at once and the rest of the batch still fires', async () => {
    const tenantId = await w.newTenant();
    const worker = w.worker({ 'timer.fire': w.recordingHandler('a') });
    const unknown = await w.schedule({ tenantId, type: 'timer.from-the-future', maxAttempts: 5 });
    const known = await w.schedule({ tenantId, type: 'timer.fire' });

    expect(await worker.runOnce()).toBe(2);

    expect((await w.firedCounts()).get(known)).toBe(1);
    expect(await w.jobs(tenantId)).toMatchObject([{ id: unknown, status: 'failed', attempts: 1 }]);
    expect(await incidents.list(w.em(), tenantId, { open: true })).toEqual([
      expect.objectContaining({ jobId: unknown, jobType: 'timer.from-the-future', error: expect.stringContaining('No handler is registered for job type "timer.from-the-future"') }),
    ]);
  });

  it('given a handler that asks to retry later (lost optimistic lock), then the job is postponed without counting attempts, however often', async () => {
    const tenantId = await w.newTenant();
    let calls = 0;
    const worker = w.worker({
      'timer.busy-case': async (em, job) => {
        calls += 1;
        await em.execute('insert into fired (job_id, worker_id, fired_at) values (?, ?, ?)', [job.id, 'a', w.clock.now()]);
        if (calls <= 4) throw new RetryLaterError('case was updated concurrently', 500);
      },
    });
    const id = await w.schedule({ tenantId, type: 'timer.busy-case', maxAttempts: 2 });

    expect(await worker.runOnce()).toBe(1);
    expect(await w.jobs(tenantId)).toMatchObject([{ id, status: 'pending', attempts: 0, last_error: expect.stringContaining('case was updated concurrently') }]);
    expect(new Date((await w.jobs(tenantId))[0]!.due_at)).toEqual(new Date(w.clock.now().getTime() + 500));
    for (let i = 0; i < 4; i++) {
      w.clock.advance(500);
      await worker.runOnce();
    }

    expect(calls).toBe(5);
    expect(await w.jobs(tenantId)).toEqual([]);
    expect((await w.firedCounts()).get(id)).toBe(1);
    expect(await incidents.list(w.em(), tenantId)).toEqual([]);
  });
});
