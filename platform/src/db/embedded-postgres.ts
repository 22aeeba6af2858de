import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Where the ordinary PostgreSQL driver finds the embedded server: a unix-socket directory and port. */
export interface EmbeddedPostgres {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** The port number only names the socket file (.s.PGSQL.<port>); nothing listens on TCP. */
const SOCKET_PORT = 5432;
/**
 * pglite-socket multiplexes every client onto PGlite's single backend; its
 * default of one connection crashes the second client, so allow a few. Our
 * pool still holds at most one (see ormOptions), which is what keeps one
 * transaction from waiting on another connection and hanging the database.
 */
const MAX_SOCKET_CONNECTIONS = 4;

/**
 * Start PGlite (PostgreSQL 18 in WASM) and serve it in-process on a unix
 * socket, so the platform talks to it with the same driver and SQL as to a
 * real server. `dataDir` persists across restarts; `undefined` keeps it in
 * memory (tests). The socket lives in a short temp path because unix socket
 * paths are limited to ~100 bytes and data directories can be deep.
 */
export async function startEmbeddedPostgres(dataDir: string | undefined): Promise<EmbeddedPostgres> {
  if (dataDir) await mkdir(path.dirname(dataDir), { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const socketDir = await mkdtemp(path.join(os.tmpdir(), 'pglite-'));
  const server = new PGLiteSocketServer({ db, path: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), maxConnections: MAX_SOCKET_CONNECTIONS });
  await server.start();
  return {
    host: socketDir,
    port: SOCKET_PORT,
    async stop() {
      await server.stop();
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}
