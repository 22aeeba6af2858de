import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './logger';
import { startPlatform } from './platform';

/** Process entry point: read the environment, start the platform, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  const platform = await startPlatform(config, { clock: systemClock, logger });
  logger.info({ url: platform.url, database: platform.database.kind, ...(config.databaseUrl ? {} : { dataDir: config.pgliteDataDir }) }, 'platform started');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
