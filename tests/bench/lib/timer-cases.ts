import type { Client } from 'pg';

/**
 * Clone a waiting case `count` times by SQL: each copy gets a fresh id, its
 * own `n` variable, and a copy of the template's timer job whose case id,
 * payload and dedupe key point at the copy. Token and timer refs (t2, j3)
 * are per case, so the copies are exactly what `count` engine starts would
 * have left behind, minus their start audit entries. Due times are spread by
 * a millisecond per case so the claim order is deterministic. One
 * transaction; generation is not what the timer benchmark measures.
 */
export async function cloneTimerCases(client: Client, templateCaseId: string, count: number): Promise<void> {
  const columns = async (table: string): Promise<string[]> =>
    (await client.query<{ column_name: string }>("select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position", [table])).rows.map((r) => r.column_name);
  const caseColumns = await columns('case_instance');
  const jobColumns = (await columns('job')).filter((c) => c !== 'id');
  const caseExpr: Record<string, string> = { id: 'c.id', variables: "jsonb_set(t.variables, '{n}', to_jsonb(c.g))" };
  const jobExpr: Record<string, string> = {
    case_id: 'c.id',
    payload: "jsonb_set(t.payload, '{caseId}', to_jsonb(c.id::text))",
    dedupe_key: 'replace(t.dedupe_key, t.case_id::text, c.id::text)',
    due_at: "t.due_at + c.g * interval '1 millisecond'",
  };
  await client.query('begin');
  try {
    await client.query('create temporary table bench_clone on commit drop as select g, gen_random_uuid() as id from generate_series(1, $1::int) g', [count]);
    await client.query(
      `insert into case_instance (${caseColumns.join(', ')}) select ${caseColumns.map((c) => caseExpr[c] ?? `t.${c}`).join(', ')} from bench_clone c, case_instance t where t.id = $1`,
      [templateCaseId],
    );
    await client.query(
      `insert into job (${jobColumns.join(', ')}) select ${jobColumns.map((c) => jobExpr[c] ?? `t.${c}`).join(', ')} from bench_clone c, job t where t.case_id = $1 order by c.g`,
      [templateCaseId],
    );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
}
