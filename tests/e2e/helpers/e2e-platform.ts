import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../../platform/src/clock';
import { loadConfig } from '../../../platform/src/config/config';
import { startPlatform, type RunningPlatform } from '../../../platform/src/platform';
import { repoRoot } from '../../helpers/pack-harness';
import { cheapHasher } from '../../helpers/test-app';
import { createEmptyPostgresDatabase } from '../../helpers/test-database';

export const UI_DIR = path.join(repoRoot, 'runtime-ui/dist');
export const ADMIN_UI_DIR = path.join(repoRoot, 'admin-ui/dist');

/** The whole platform as `npm start` runs it (Qufu pack, demo accounts, built UI), on its own database, with a clock the test moves. */
export interface E2EPlatform {
  url: string;
  clock: ManualClock;
  platform: RunningPlatform;
  close(): Promise<void>;
}

export async function startE2EPlatform(start: string): Promise<E2EPlatform> {
  for (const [dir, script] of [[UI_DIR, 'build:ui'], [ADMIN_UI_DIR, 'build:admin']]) {
    if (!existsSync(path.join(dir!, 'index.html'))) throw new Error(`No built UI at ${dir}: run \`npm run ${script}\` first (npm test does).`);
  }
  const db = await createEmptyPostgresDatabase();
  const clock = new ManualClock(start);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    PACK_DIR: path.join(repoRoot, 'definitions/qufu-2023'),
    UI_DIR,
    ADMIN_UI_DIR,
    // The tests move the clock by days; sessions must outlive that.
    SESSION_TTL_HOURS: '720',
    LOG_LEVEL: 'silent',
  });
  const platform = await startPlatform(config, { clock, logger: pino({ level: 'silent' }), hasher: cheapHasher });
  return {
    url: platform.url,
    clock,
    platform,
    async close() {
      await platform.stop();
      await db.drop();
    },
  };
}
