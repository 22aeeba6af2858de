import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Failed-login counters keyed by account and by client address. Kept in the
 * database so throttling holds across several app servers and restarts.
 */
export const LoginThrottle = defineEntity({
  name: 'LoginThrottle',
  tableName: 'login_throttle',
  properties: {
    key: p.string().length(300).primary(),
    failures: p.integer(),
    windowStartedAt: p.datetime(),
    lockedUntil: p.datetime().nullable(),
  },
});
export type LoginThrottle = InferEntity<typeof LoginThrottle>;
