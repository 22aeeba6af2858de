import { Client } from 'pg';

/** Statements sent through the `pg` driver (the ORM's and the PGlite socket's connections both use it), by kind. */
export interface StatementCounts {
  total: number;
  select: number;
  insert: number;
  update: number;
  delete: number;
  /** begin/commit/rollback/savepoint. */
  control: number;
}

const counts: StatementCounts = { total: 0, select: 0, insert: 0, update: 0, delete: 0, control: 0 };
let installed = false;

function kindOf(sql: string): keyof StatementCounts {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? '';
  if (word === 'select' || word === 'with') return 'select';
  if (word === 'insert' || word === 'update' || word === 'delete') return word;
  return 'control';
}

/**
 * Count every statement the process sends to PostgreSQL by wrapping
 * pg.Client#query once; read deltas with {@link statementSnapshot}. The wrapper
 * costs a regex per statement, negligible next to a round trip.
 */
export function countStatements(): void {
  if (installed) return;
  installed = true;
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const sql = typeof first === 'string' ? first : (first?.text ?? '');
    counts.total += 1;
    counts[kindOf(sql)] += 1;
    return original.apply(this, args);
  } as typeof Client.prototype.query;
}

/** A copy of the counters now. */
export function statementSnapshot(): StatementCounts {
  return { ...counts };
}

/** `after - before`, per kind. */
export function statementDelta(before: StatementCounts, after: StatementCounts = statementSnapshot()): StatementCounts {
  return {
    total: after.total - before.total,
    select: after.select - before.select,
    insert: after.insert - before.insert,
    update: after.update - before.update,
    delete: after.delete - before.delete,
    control: after.control - before.control,
  };
}
