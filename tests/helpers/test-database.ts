import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../platform/src/db/database';

/** The server the "postgres" project uses; CI points it at the machine's PostgreSQL. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDbKind = 'postgres' | 'pglite';

export function testDbKind(): TestDbKind {
  const kind = process.env.TEST_DB_KIND;
  if (kind !== 'postgres' && kind !== 'pglite') throw new Error('Integration tests run under the jest projects "postgres" and "pglite" (TEST_DB_KIND unset).');
  return kind;
}

export interface TestDatabase extends Database {
  /** A URL to this test's own database (postgres only), for tests that start a whole platform on it. */
  url: string | undefined;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (err) {
    // Never skip: an unreachable server is a failure, loudly, in CI and locally alike.
    throw new Error(`PostgreSQL integration tests need a server at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${(err as Error).message}`);
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one test file: a new database on the
 * PostgreSQL server (dropped on close), or an in-memory PGlite. Files never
 * share state, so jest may run them in any order or in parallel.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === 'pglite') {
    return { ...(await openDatabase({ kind: 'pglite', dataDir: undefined })), url: undefined };
  }
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 5 });
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close();
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}

/** Create an empty database and return its URL, for tests that let the platform migrate it itself. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists "${name}" with (force)`) };
}
