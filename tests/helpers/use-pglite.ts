// Jest setupFile of the "pglite" project: the same integration tests run against embedded PGlite.
process.env.TEST_DB_KIND = 'pglite';
