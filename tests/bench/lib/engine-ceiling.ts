import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { StatementCounts } from './engine-statements';

/** The statements of one command's transaction, by kind (begin/commit are added by the ceiling itself). */
export type CommandShape = Pick<StatementCounts, 'select' | 'insert' | 'update' | 'delete'>;

/** ~600 bytes of JSON, the size of a case's state/variables or a task row's payload in the engine benchmark. */
const ROW = JSON.stringify({ state: { tokens: [{ id: 't1', elementId: 'Task_Claim', scopeId: 'p', status: 'waiting', wait: { kind: 'task', ref: randomUUID() } }], seq: 3 }, approval: { licenceNo: '鲁审批许字〔2024〕第000001号', holder: '测试县某某餐饮管理有限公司第1分店', creditCode: '91370881MA3C000001', matter: '食品经营许可（新办）', address: '测试县城关街道文化路 88 号', scope: ['预包装食品销售', '散装食品销售', '热食类食品制售'] } });

/**
 * The raw PostgreSQL ceiling: a plain `pg` Pool (no ORM, no engine logic)
 * running, per case, one transaction per command with exactly the
 * statement mix the engine's commands issued (counted, not guessed):
 * primary-key selects, ~600-byte jsonb inserts, and primary-key updates of
 * the case's own row. No shared hot row, so it is what the statements alone cost.
 */
export class RawCeiling {
  private constructor(private readonly pool: Pool) {}

  static async open(url: string, poolMax: number): Promise<RawCeiling> {
    const pool = new Pool({ connectionString: url, max: poolMax });
    await pool.query('create table if not exists ceiling_row (id uuid primary key, tenant_id uuid not null, kind text not null, data jsonb not null, version int not null default 0, created_at timestamptz not null default now())');
    return new RawCeiling(pool);
  }

  /** One case: the commands' transactions in order, all touching rows of this case. */
  async runCase(commands: CommandShape[]): Promise<void> {
    const caseId = randomUUID();
    const tenantId = '00000000-0000-0000-0000-000000000001';
    let first = true;
    for (const shape of commands) {
      const client = await this.pool.connect();
      try {
        await client.query('begin');
        for (let i = 0; i < shape.insert; i++) {
          await client.query('insert into ceiling_row (id, tenant_id, kind, data) values ($1, $2, $3, $4::jsonb)', [first ? caseId : randomUUID(), tenantId, 'row', ROW]);
          first = false;
        }
        for (let i = 0; i < shape.select; i++) await client.query('select id, kind, data, version from ceiling_row where id = $1 and tenant_id = $2', [caseId, tenantId]);
        for (let i = 0; i < shape.update; i++) await client.query('update ceiling_row set data = $1::jsonb, version = version + 1 where id = $2 and tenant_id = $3', [ROW, caseId, tenantId]);
        for (let i = 0; i < shape.delete; i++) await client.query('delete from ceiling_row where id = $1 and tenant_id = $2', [randomUUID(), tenantId]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw err;
      } finally {
        client.release();
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.query('drop table if exists ceiling_row');
    await this.pool.end();
  }
}
