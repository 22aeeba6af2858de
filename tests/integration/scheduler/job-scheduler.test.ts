import { randomUUID } from 'node:crypto';
import type { ClaimedJob } from '../../../platform/src/scheduler/job-handler';
import { InvalidJobError } from '../../../platform/src/scheduler/scheduler-errors';
import { testDbKind } from '../../helpers/test-database';
import { openSchedulerWorld, type SchedulerWorld } from './scheduler-fixture';

const HOUR = 3_600_000;

describe(`scheduling and firing jobs (${testDbKind()})`, () => {
  let w: SchedulerWorld;
  beforeAll(async () => {
    w = await openSchedulerWorld();
  });
  beforeEach(() => w.reset());
  afterAll(() => w.close());

  it('given a job due now, when a worker runs, then its handler runs once with tenant, case and payload, and the job is gone', async () => {
    const tenantId = await w.newTenant();
    const caseId = randomUUID();
    const seen: ClaimedJob[] = [];
    const worker = w.worker({ 'timer.fire': w.recordingHandler('a', (job) => seen.push(job)) });
    const id = await w.schedule({ tenantId, caseId, type: 'timer.fire', payload: { elementId: 'Timer_1' } });

    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id, tenantId, caseId, type: 'timer.fire', payload: { elementId: 'Timer_1' }, attempts: 0 });
    expect((await w.firedCounts()).get(id)).toBe(1);
    expect(await w.jobs(tenantId)).toEqual([]);
  });

  it('given a job due in an hour, when the worker runs now, then nothing fires until the clock passes the due time', async () => {
    const tenantId = await w.newTenant();
    const worker = w.worker({ 'timer.fire': w.recordingHandler('a') });
    const id = await w.schedule({ tenantId, type: 'timer.fire', dueAt: new Date(w.clock.now().getTime() + HOUR) });

    expect(await worker.runOnce()).toBe(0);
    w.clock.advance(HOUR - 1);
    expect(await worker.runOnce()).toBe(0);
    w.clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    expect((await w.firedCounts()).get(id)).toBe(1);
  });

  it('given several due jobs and a batch size of 2, when the worker runs, then it claims the two that were due first', async () => {
    const tenantId = await w.newTenant();
    const order: string[] = [];
    const worker = w.worker({ 'timer.fire': async (_em, job) => void order.push(String(job.payload.n)) }, { batchSize: 2 });
    const t0 = w.clock.now().getTime();
    for (const n of [3, 1, 2]) await w.schedule({ tenantId, type: 'timer.fire', payload: { n }, dueAt: new Date(t0 - n * 1000) });

    expect(await worker.runOnce()).toBe(2);
    expect(order).toEqual(['3', '2']);
    expect(await worker.runOnce()).toBe(1);
    expect(order).toEqual(['3', '2', '1']);
  });

  it('given a command that schedules a job and then fails, when it rolls back, then no job exists', async () => {
    const tenantId = await w.newTenant();
    await expect(
      w.em().transactional(async (em) => {
        await w.scheduler.schedule(em, { tenantId, type: 'timer.fire', dueAt: w.clock.now() });
        throw new Error('command failed after scheduling');
      }),
    ).rejects.toThrow('command failed after scheduling');
    expect(await w.jobs(tenantId)).toEqual([]);
  });

  it('given the same dedupe key scheduled twice, then one job exists and the second call reports it as not created', async () => {
    const tenantId = await w.newTenant();
    const first = await w.em().transactional((em) => w.scheduler.schedule(em, { tenantId, type: 'timer.fire', dueAt: w.clock.now(), dedupeKey: 'case-1:Timer_1' }));
    const second = await w.em().transactional((em) =>
      w.scheduler.schedule(em, { tenantId, type: 'timer.fire', dueAt: new Date(w.clock.now().getTime() + HOUR), dedupeKey: 'case-1:Timer_1' }),
    );

    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const jobs = await w.jobs(tenantId);
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0]!.due_at)).toEqual(w.clock.now());
  });

  it('given a dedupe key in one tenant, when another tenant uses the same key, then each tenant gets its own job', async () => {
    const [a, b] = [await w.newTenant(), await w.newTenant()];
    await w.schedule({ tenantId: a, type: 'timer.fire', dedupeKey: 'same' });
    await w.schedule({ tenantId: b, type: 'timer.fire', dedupeKey: 'same' });
    expect(await w.jobs(a)).toHaveLength(1);
    expect(await w.jobs(b)).toHaveLength(1);
  });

  it('given a deduplicated job that fired, when its handler schedules the same key again (a cycle), then the next occurrence is created', async () => {
    const tenantId = await w.newTenant();
    const worker = w.worker({
      'timer.cycle': async (em, job) => {
        if (Number(job.payload.round) < 2) {
          await w.scheduler.schedule(em, { tenantId: job.tenantId, type: 'timer.cycle', dueAt: new Date(job.dueAt.getTime() + HOUR), payload: { round: Number(job.payload.round) + 1 }, dedupeKey: 'cycle' });
        }
      },
    });
    await w.schedule({ tenantId, type: 'timer.cycle', payload: { round: 1 }, dedupeKey: 'cycle' });

    expect(await worker.runOnce()).toBe(1);
    const [next] = await w.jobs(tenantId);
    expect(next).toMatchObject({ dedupe_key: 'cycle', status: 'pending' });
    expect(new Date(next!.due_at).getTime()).toBe(w.clock.now().getTime() + HOUR);
  });

  it('given jobs of two cases, when one case cancels its jobs, then only that case\'s jobs are deleted and never fire', async () => {
    const tenantId = await w.newTenant();
    const [caseA, caseB] = [randomUUID(), randomUUID()];
    const worker = w.worker({ 'timer.fire': w.recordingHandler('a') });
    await w.schedule({ tenantId, caseId: caseA, type: 'timer.fire' });
    await w.schedule({ tenantId, caseId: caseA, type: 'timer.fire' });
    const kept = await w.schedule({ tenantId, caseId: caseB, type: 'timer.fire' });

    expect(await w.em().transactional((em) => w.scheduler.cancel(em, { tenantId, caseId: caseA }))).toBe(2);
    expect(await worker.runOnce()).toBe(1);
    expect([...(await w.firedCounts()).keys()]).toContain(kept);
    expect(await w.jobs(tenantId)).toEqual([]);
  });

  it('given a job cancelled by dedupe key or by id, then it is gone; a selector from another tenant cancels nothing', async () => {
    const [tenantId, other] = [await w.newTenant(), await w.newTenant()];
    await w.schedule({ tenantId, type: 'timer.fire', dedupeKey: 'k1' });
    const byId = await w.schedule({ tenantId, type: 'timer.fire' });

    expect(await w.em().transactional((em) => w.scheduler.cancel(em, { tenantId: other, ids: [byId] }))).toBe(0);
    expect(await w.em().transactional((em) => w.scheduler.cancel(em, { tenantId, dedupeKey: 'k1' }))).toBe(1);
    expect(await w.em().transactional((em) => w.scheduler.cancel(em, { tenantId, ids: [byId] }))).toBe(1);
    expect(await w.jobs(tenantId)).toEqual([]);
  });

  it('given a selector naming no case, key or ids, when cancelling, then it refuses instead of cancelling every job of the tenant', async () => {
    const tenantId = await w.newTenant();
    await w.schedule({ tenantId, type: 'timer.fire' });
    await expect(w.em().transactional((em) => w.scheduler.cancel(em, { tenantId }))).rejects.toThrow(InvalidJobError);
    expect(await w.jobs(tenantId)).toHaveLength(1);
  });

  it('given a pending job, when it is rescheduled into the future, then it fires at the new time and not before', async () => {
    const tenantId = await w.newTenant();
    const worker = w.worker({ 'timer.fire': w.recordingHandler('a') });
    const id = await w.schedule({ tenantId, type: 'timer.fire', dedupeKey: 'deadline' });
    const newDue = new Date(w.clock.now().getTime() + 2 * HOUR);

    expect(await w.em().transactional((em) => w.scheduler.reschedule(em, { tenantId, dedupeKey: 'deadline' }, newDue))).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    w.clock.set(newDue);
    expect(await worker.runOnce()).toBe(1);
    expect((await w.firedCounts()).get(id)).toBe(1);
  });

  it('given a job a worker had claimed, when it is rescheduled before the worker runs it, then the worker skips it (lease revoked)', async () => {
    const tenantId = await w.newTenant();
    const calls: string[] = [];
    const worker = w.worker({ 'timer.fire': async (_em, job) => void calls.push(job.id) });
    const id = await w.schedule({ tenantId, type: 'timer.fire' });
    const [claimed] = await worker.claimDue();

    await w.em().transactional((em) => w.scheduler.reschedule(em, { tenantId, ids: [id] }, new Date(w.clock.now().getTime() + HOUR)));

    expect(await worker.execute(claimed!)).toBe('lost');
    expect(calls).toEqual([]);
    expect(await w.jobs(tenantId)).toMatchObject([{ id, status: 'pending', locked_by: null }]);
  });

  it('given scheduled jobs, when listed by case, then they come back in due order with their state', async () => {
    const tenantId = await w.newTenant();
    const caseId = randomUUID();
    const t0 = w.clock.now().getTime();
    await w.schedule({ tenantId, caseId, type: 'timer.late', dueAt: new Date(t0 + 2 * HOUR) });
    await w.schedule({ tenantId, caseId, type: 'timer.early', dueAt: new Date(t0 + HOUR), maxAttempts: 3 });

    const jobs = await w.scheduler.find(w.em(), { tenantId, caseId });
    expect(jobs.map((j) => [j.type, j.status, j.attempts, j.maxAttempts])).toEqual([
      ['timer.early', 'pending', 0, 3],
      ['timer.late', 'pending', 0, 5],
    ]);
  });

  it('given malformed input, when scheduling, then it is refused with InvalidJobError', async () => {
    const tenantId = await w.newTenant();
    await expect(w.schedule({ tenantId, type: ' ' })).rejects.toThrow(InvalidJobError);
    await expect(w.schedule({ tenantId, type: 'timer.fire', dueAt: new Date('nonsense') })).rejects.toThrow(InvalidJobError);
    await expect(w.schedule({ tenantId, type: 'timer.fire', maxAttempts: 0 })).rejects.toThrow(InvalidJobError);
    expect(await w.jobs(tenantId)).toEqual([]);
  });
});
