import { ManualClock } from '../../../../platform/src/clock';
import { pgArray } from '../../../../platform/src/db/pg-array';
import { CANDIDATE_OF_USER, candidateOfMemberships } from '../../../../platform/src/domain/task/candidate-rule';
import { createServices } from '../../../../platform/src/services';
import { cheapHasher, createTestTenant } from '../../../helpers/test-app';
import { openTestDatabase, testDbKind, type TestDatabase } from '../../../helpers/test-database';

/**
 * The inbox evaluates the candidate rule from the principal's memberships
 * (array overlaps, index-friendly); the task page evaluates it against the
 * membership table. Both must agree on every combination of candidate
 * departments and roles, including roles held in one department only.
 */
describe(`candidate rule from memberships (${testDbKind()})`, () => {
  let db: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    const clock = new ManualClock('2024-03-01T02:00:00Z');
    const services = createServices({ clock, hasher: cheapHasher, sessionTtlHours: 12 });
    tenantId = (await createTestTenant(db.orm.em.fork(), { clock, ...services }, 'testcounty')).id;
    // market-liaison is also a leader in health: a role held in one department must not match another's tasks.
    await db.orm.em.fork().execute(
      `insert into membership (id, tenant_id, user_id, department_id, role, created_at)
       select gen_random_uuid(), u.tenant_id, u.id, d.id, 'leader', now() from app_user u join department d on d.tenant_id = u.tenant_id and d.code = 'health'
        where u.tenant_id = ? and u.login = 'market-liaison'`,
      [tenantId],
    );
  });
  afterAll(() => db.close());

  it('given every mix of candidate departments and roles, agrees with the EXISTS-over-membership rule for each user', async () => {
    const em = db.orm.em.fork();
    const depts = await em.execute<{ id: string }[]>('select id from department where tenant_id = ? order by code', [tenantId]);
    const deptSets = [1, 2, 3, 4, 5, 6, 7].map((mask) => depts.filter((_, i) => mask & (1 << i)).map((d) => d.id));
    const roleSets = [[], ['staff'], ['liaison'], ['leader'], ['admin'], ['staff', 'leader']];
    const tasks = deptSets.flatMap((ds) => roleSets.map((rs) => [pgArray(ds), pgArray(rs)]));
    const users = await em.execute<{ id: string; login: string }[]>('select id, login from app_user where tenant_id = ? order by login', [tenantId]);
    let compared = 0;
    for (const user of users) {
      const memberships = await em.execute<{ departmentId: string; role: string }[]>('select department_id as "departmentId", role from membership where user_id = ?', [user.id]);
      const rule = candidateOfMemberships(memberships);
      const rows = await em.execute<{ k: number; old: boolean; new: boolean }[]>(
        `select t.k, ${CANDIDATE_OF_USER} as old, ${rule.sql} as new
           from (values ${tasks.map((_, i) => `(${i}, ?::uuid, ?::uuid[], ?::text[])`).join(', ')}) as t(k, tenant_id, candidate_department_ids, candidate_roles)`,
        [user.id, ...rule.params, ...tasks.flatMap(([d, r]) => [tenantId, d, r])],
      );
      for (const r of rows) expect({ login: user.login, task: r.k, matches: r.new }).toEqual({ login: user.login, task: r.k, matches: r.old });
      compared += rows.filter((r) => r.old).length;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('given no memberships, matches nothing', () => {
    expect(candidateOfMemberships([])).toEqual({ sql: 'false', params: [] });
  });
});
