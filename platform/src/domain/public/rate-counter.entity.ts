import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Fixed-window request counters for unauthenticated endpoints, keyed by
 * purpose and client. In the database, so limits hold across app servers.
 */
export const RateCounter = defineEntity({
  name: 'RateCounter',
  tableName: 'rate_counter',
  indexes: [{ properties: ['windowEndsAt'] }],
  properties: {
    key: p.string().length(300).primary(),
    count: p.integer(),
    windowEndsAt: p.datetime(),
  },
});
export type RateCounter = InferEntity<typeof RateCounter>;
