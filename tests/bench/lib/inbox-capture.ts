import type { EntityManager } from '@mikro-orm/postgresql';

/** A statement a service ran through `em.execute`, with its bindings. */
export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/**
 * A fork of `em` whose raw statements are recorded, so a benchmark can count
 * the statements a service call makes and EXPLAIN exactly those statements.
 */
export function capturingEm(em: EntityManager): { em: EntityManager; queries: CapturedQuery[] } {
  const fork = em.fork();
  const queries: CapturedQuery[] = [];
  const execute = fork.execute.bind(fork) as (sql: string, params?: unknown[], method?: 'all' | 'get' | 'run') => Promise<unknown>;
  (fork as unknown as { execute: typeof execute }).execute = (sql, params = [], method) => {
    queries.push({ sql, params: [...params] });
    return execute(sql, params, method);
  };
  return { em: fork, queries };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured statement, as text. */
export async function explain(em: EntityManager, q: CapturedQuery): Promise<string> {
  const rows = await em.fork().execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${q.sql}`, q.params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
