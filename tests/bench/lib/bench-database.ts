import { Client } from 'pg';
import { openDatabase, type Database } from '../../../platform/src/db/database';

/** The PostgreSQL server benchmarks use (BENCH_DATABASE_URL, else the machine's). */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** URL of database `name` on the bench server. */
export function benchDatabaseUrl(name: string): string {
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Run one statement on the bench server's maintenance database (create/drop database). */
export async function adminQuery<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: BENCH_SERVER_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Version string of the bench server, for the report. */
export async function serverVersion(): Promise<string> {
  const [row] = await adminQuery<{ server_version: string }>('show server_version');
  return `PostgreSQL ${row?.server_version ?? '?'}`;
}

/**
 * A fresh, migrated database `bench_<name>` (dropped first if a previous run
 * left it), opened through the platform's own ORM setup. Benchmarks never
 * touch the test or production databases.
 */
export async function freshBenchDatabase(name: string, poolMax = 40): Promise<Database & { url: string; dbName: string }> {
  const dbName = `bench_${name}`;
  await adminQuery(`drop database if exists "${dbName}" with (force)`);
  await adminQuery(`create database "${dbName}"`);
  const url = benchDatabaseUrl(dbName);
  const db = await openDatabase({ kind: 'postgres', url, poolMax });
  return { ...db, url, dbName };
}

/** Drop a bench database (call when the script is done, unless BENCH_KEEP is set for inspection). */
export async function dropBenchDatabase(dbName: string): Promise<void> {
  if (process.env.BENCH_KEEP) return;
  await adminQuery(`drop database if exists "${dbName}" with (force)`);
}
