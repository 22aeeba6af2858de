import { testDbKind } from '../../helpers/test-database';
import { gate, LEASE_MS, openSchedulerWorld, type SchedulerWorld } from './scheduler-fixture';

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe(`job leases, recovery and shutdown (${testDbKind()})`, () => {
  let w: SchedulerWorld;
  beforeAll(async () => {
    w = await openSchedulerWorld();
  });
  beforeEach(() => w.reset());
  afterAll(() => w.close());

  it('given worker A claimed a job and died, then worker B cannot take it during the lease, fires it after, and A\'s late run does not fire it again', async () => {
    const tenantId = await w.newTenant();
    const aCalls: string[] = [];
    const a = w.worker({ 'timer.fire': async (_em, job) => void aCalls.push(job.id) });
    const b = w.worker({ 'timer.fire': w.recordingHandler('b') });
    const id = await w.schedule({ tenantId, type: 'timer.fire' });

    const [claimedByA] = await a.claimDue();
    expect(await w.jobs(tenantId)).toMatchObject([{ id, locked_by: expect.stringMatching(/^worker-\d+:1$/) }]);
    expect(await b.runOnce()).toBe(0);
    w.clock.advance(LEASE_MS - 1);
    expect(await b.runOnce()).toBe(0);

    w.clock.advance(1);
    expect(await b.runOnce()).toBe(1);
    expect(await a.execute(claimedByA!)).toBe('lost');

    expect(aCalls).toEqual([]);
    expect(await w.firedCounts()).toEqual(new Map([[id, 1]]));
    expect(await w.jobs(tenantId)).toEqual([]);
  });

  it('given a lease that expired with nobody taking over, when its worker finally runs the job, then it still fires (once)', async () => {
    const tenantId = await w.newTenant();
    const a = w.worker({ 'timer.fire': w.recordingHandler('a') });
    const id = await w.schedule({ tenantId, type: 'timer.fire' });
    const [claimed] = await a.claimDue();

    w.clock.advance(LEASE_MS * 3);

    expect(await a.execute(claimed!)).toBe('fired');
    expect(await w.firedCounts()).toEqual(new Map([[id, 1]]));
  });

  it('given a job whose lease B took over but has not run yet, when A finally runs its stale claim, then A neither fires it nor disturbs B\'s claim', async () => {
    const tenantId = await w.newTenant();
    const a = w.worker({ 'timer.fire': w.recordingHandler('a') });
    const b = w.worker({ 'timer.fire': w.recordingHandler('b') }, { leaseMs: LEASE_MS * 10 });
    const id = await w.schedule({ tenantId, type: 'timer.fire' });
    const [claimedByA] = await a.claimDue();
    w.clock.advance(LEASE_MS);
    const [claimedByB] = await b.claimDue();

    expect(await a.execute(claimedByA!)).toBe('lost');
    expect(await w.jobs(tenantId)).toMatchObject([{ id, attempts: 0, last_error: null, locked_by: claimedByB!.lockToken }]);
    expect(await b.execute(claimedByB!)).toBe('fired');
    expect(await w.em().execute('select job_id, worker_id from fired')).toEqual([{ job_id: id, worker_id: 'b' }]);
  });

  it('given a handler that runs far past its lease, then no other worker can take the job over meanwhile, and it fires once', async () => {
    const tenantId = await w.newTenant();
    const b = w.worker({ 'timer.fire': w.recordingHandler('b') });
    let bPoll: Promise<number> | undefined;
    const a = w.worker({
      'timer.fire': async (em, job) => {
        w.clock.advance(LEASE_MS * 2);
        // PostgreSQL: B polls now, on its own connection, and must skip the row this transaction
        // has locked. PGlite (one connection): B's poll waits until this transaction ends.
        bPoll = b.runOnce();
        await new Promise((resolve) => setTimeout(resolve, 200));
        await em.execute('insert into fired (job_id, worker_id, fired_at) values (?, ?, ?)', [job.id, 'a', w.clock.now()]);
      },
    });
    const id = await w.schedule({ tenantId, type: 'timer.fire' });

    expect(await a.runOnce()).toBe(1);
    expect(await bPoll).toBe(0);
    expect(await w.em().execute('select job_id, worker_id from fired')).toEqual([{ job_id: id, worker_id: 'a' }]);
  });

  it('given a worker stopping mid-batch, then the running job finishes and the claimed-but-unstarted jobs are released at once', async () => {
    const tenantId = await w.newTenant();
    const entered = gate();
    const hold = gate();
    const ran: string[] = [];
    const a = w.worker(
      {
        'timer.fire': async (em, job) => {
          ran.push(job.id);
          entered.open();
          await hold.promise;
          await em.execute('insert into fired (job_id, worker_id, fired_at) values (?, ?, ?)', [job.id, 'a', w.clock.now()]);
        },
      },
      { batchSize: 3 },
    );
    const ids = [await w.schedule({ tenantId, type: 'timer.fire' }), await w.schedule({ tenantId, type: 'timer.fire' }), await w.schedule({ tenantId, type: 'timer.fire' })];

    a.start();
    await entered.promise;
    const stopped = a.stop();
    hold.open();
    await stopped;

    expect(ran).toEqual([ids[0]]);
    expect(await w.firedCounts()).toEqual(new Map([[ids[0]!, 1]]));
    expect(await w.jobs(tenantId)).toMatchObject([
      { id: ids[1], status: 'pending', locked_by: null, locked_until: null, attempts: 0 },
      { id: ids[2], status: 'pending', locked_by: null, locked_until: null, attempts: 0 },
    ]);
    // No lease to wait out: another worker takes them without the clock moving.
    expect(await w.worker({ 'timer.fire': w.recordingHandler('b') }).runOnce()).toBe(2);
  });

  it('given a started worker, then it fires jobs as the clock makes them due, and stop() ends an idle poll promptly', async () => {
    const tenantId = await w.newTenant();
    const a = w.worker({ 'timer.fire': w.recordingHandler('a') }, { pollIntervalMs: 10 });
    const id = await w.schedule({ tenantId, type: 'timer.fire', dueAt: new Date(w.clock.now().getTime() + 60_000) });

    a.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await w.firedCounts()).toEqual(new Map());
    w.clock.advance(60_000);
    await eventually(async () => (await w.firedCounts()).get(id) === 1);
    await a.stop();

    const idle = w.worker({}, { pollIntervalMs: 60_000 });
    idle.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const began = Date.now();
    await idle.stop();
    expect(Date.now() - began).toBeLessThan(1_000);
  });

  it('given a started worker, when start() is called again, then it refuses instead of running two loops with one id', async () => {
    const a = w.worker({}, { pollIntervalMs: 10 });
    a.start();
    expect(() => a.start()).toThrow(/already running/);
    await a.stop();
  });
});
