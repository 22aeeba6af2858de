import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Credentials, cookies and CSRF tokens are redacted at
 * the logger, not at each call site, so a careless `log.info({ req })` can
 * never write a secret.
 */
export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    name: options.name ?? 'platform',
    level: options.level,
    redact: {
      paths: [
        'password',
        '*.password',
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'csrfToken',
        '*.csrfToken',
      ],
      censor: '[redacted]',
    },
  });
}
