import { openTestDatabase, testDbKind, type TestDatabase } from '../../helpers/test-database';

describe(`migrations (${testDbKind()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('given a migrated database, the entity metadata needs no further schema change (migrations and entities agree)', async () => {
    const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    expect(diff.trim()).toBe('');
  });

  it('when migrations run again, nothing is pending', async () => {
    expect(await db.orm.getMigrator().getPendingMigrations()).toEqual([]);
  });

  it('runs on the PostgreSQL it claims to (PGlite is 18, servers 15+)', async () => {
    const [row] = await db.orm.em.fork().execute<{ server_version_num: string }[]>('show server_version_num');
    const major = Math.floor(Number(row!.server_version_num) / 10000);
    expect(major).toBeGreaterThanOrEqual(testDbKind() === 'pglite' ? 18 : 15);
  });
});
