// Jest setupFile of the "postgres" project: integration tests run against a real PostgreSQL server.
process.env.TEST_DB_KIND = 'postgres';
