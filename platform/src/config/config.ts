import path from 'node:path';
import { createAjv } from '../forms/ajv-factory';

/** Everything the platform reads from the environment, parsed and checked once at start-up. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Set: use that PostgreSQL server. Unset: run embedded PGlite in `pgliteDataDir`. */
  databaseUrl: string | undefined;
  dbPoolMax: number;
  pgliteDataDir: string;
  /** Folder of the definition pack loaded into an empty database. */
  packDir: string;
  /**
   * Folder whose sub-folders are the packs a platform admin may create counties
   * from in the designer. Server-side on purpose: the browser names a pack from
   * this list, never a path, and uploads go through the pack import instead.
   */
  packsDir: string;
  /** The built staff UI served at `/` (runtime-ui/dist); not served when the folder is missing. */
  uiDir: string;
  /** The built designer served at `/admin` (admin-ui/dist). */
  adminUiDir: string;
  logLevel: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  allowDemoAccounts: boolean;
  /** Honour X-Forwarded-For when behind a reverse proxy (for throttling by client address). */
  trustProxy: boolean;
  /** First start only: create one real `admin` with this password instead of demo accounts. */
  initialAdminPassword: string | undefined;
  /** Largest evidence upload in bytes (uploads are held in memory once, then stored as bytea). */
  attachmentMaxBytes: number;
}

/** Thrown when the environment is invalid; the message lists every bad variable so one restart fixes all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const envSchema = {
  type: 'object',
  properties: {
    NODE_ENV: { type: 'string', enum: ['development', 'production', 'test'], default: 'development' },
    HOST: { type: 'string', minLength: 1, default: '0.0.0.0' },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
    DB_POOL_MAX: { type: 'integer', minimum: 1, maximum: 200, default: 10 },
    PGLITE_DATA_DIR: { type: 'string', minLength: 1, default: './data/pg' },
    PACK_DIR: { type: 'string', minLength: 1, default: './definitions/qufu-2023' },
    PACKS_DIR: { type: 'string', minLength: 1, default: './definitions' },
    LOG_LEVEL: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    SESSION_TTL_HOURS: { type: 'number', exclusiveMinimum: 0, maximum: 720, default: 12 },
    COOKIE_SECURE: { type: 'boolean' },
    ALLOW_DEMO_ACCOUNTS: { type: 'boolean' },
    TRUST_PROXY: { type: 'boolean', default: false },
    INITIAL_ADMIN_PASSWORD: { type: 'string', minLength: 12 },
    ATTACHMENT_MAX_BYTES: { type: 'integer', minimum: 1024, maximum: 268435456, default: 20971520 },
    UI_DIR: { type: 'string', minLength: 1, default: './runtime-ui/dist' },
    ADMIN_UI_DIR: { type: 'string', minLength: 1, default: './admin-ui/dist' },
  },
} as const;

const KNOWN = Object.keys(envSchema.properties);

/**
 * Parse the environment into a Config, or throw ConfigError naming each bad variable.
 * Pure: takes the environment and the working directory, so tests need no process globals.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  const raw: Record<string, unknown> = {};
  for (const key of KNOWN) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const ajv = createAjv({ coerceTypes: true, useDefaults: true, allErrors: true });
  const validate = ajv.compile(envSchema);
  if (!validate(raw)) {
    throw new ConfigError((validate.errors ?? []).map((e) => `${e.instancePath.slice(1) || 'environment'}: ${e.message ?? 'invalid'}`));
  }
  const v = raw as Record<string, string | number | boolean | undefined>;
  const envName = v.NODE_ENV as Config['env'];
  const production = envName === 'production';
  return {
    env: envName,
    host: v.HOST as string,
    port: v.PORT as number,
    databaseUrl: v.DATABASE_URL as string | undefined,
    dbPoolMax: v.DB_POOL_MAX as number,
    pgliteDataDir: path.resolve(cwd, v.PGLITE_DATA_DIR as string),
    packDir: path.resolve(cwd, v.PACK_DIR as string),
    packsDir: path.resolve(cwd, v.PACKS_DIR as string),
    logLevel: v.LOG_LEVEL as string,
    sessionTtlHours: v.SESSION_TTL_HOURS as number,
    cookieSecure: (v.COOKIE_SECURE as boolean | undefined) ?? production,
    allowDemoAccounts: (v.ALLOW_DEMO_ACCOUNTS as boolean | undefined) ?? !production,
    trustProxy: v.TRUST_PROXY as boolean,
    initialAdminPassword: v.INITIAL_ADMIN_PASSWORD as string | undefined,
    attachmentMaxBytes: v.ATTACHMENT_MAX_BYTES as number,
    uiDir: path.resolve(cwd, v.UI_DIR as string),
    adminUiDir: path.resolve(cwd, v.ADMIN_UI_DIR as string),
  };
}
