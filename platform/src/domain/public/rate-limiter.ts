import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';

/** How many hits a key may make in one fixed window. */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/** The verdict on one hit: allowed, or how long until the key's window ends. */
export type RateVerdict = { allowed: true; count: number } | { allowed: false; count: number; retryAfterSeconds: number };

/** Expired counters deleted per cleanup call, so one call never turns into a long delete. */
const CLEANUP_BATCH = 200;

/**
 * Fixed-window counters in the rate_counter table, for endpoints without a
 * login. Each hit is one upsert statement, so concurrent requests on any
 * number of app servers count exactly; a window that has ended starts over
 * at the next hit. Counting happens in the caller's transaction, if any: a
 * hit inside a transaction that rolls back is not counted (which is what
 * the duplicate-content gate relies on), one outside it always is.
 */
export class RateLimiter {
  constructor(private readonly clock: Clock) {}

  /** Count one hit of `key`; refused once the window's count exceeds the limit (refused hits count too). */
  async hit(em: EntityManager, key: string, rule: RateRule): Promise<RateVerdict> {
    const now = this.clock.now();
    const windowEnd = new Date(now.getTime() + rule.windowSeconds * 1000);
    const [row] = await em.execute<{ count: number | string; window_ends_at: Date | string }[]>(
      `insert into rate_counter (key, count, window_ends_at) values (?, 1, ?)
       on conflict (key) do update set
         count = case when rate_counter.window_ends_at <= ? then 1 else rate_counter.count + 1 end,
         window_ends_at = case when rate_counter.window_ends_at <= ? then excluded.window_ends_at else rate_counter.window_ends_at end
       returning count, window_ends_at`,
      [key, windowEnd, now, now],
    );
    return this.verdict(Number(row!.count), new Date(row!.window_ends_at), rule.limit);
  }

  /**
   * The verdict the next hit would get, without counting it: for caps that
   * only failures count against, but that must then refuse every request
   * (a lookup that answered hits but refused misses would still leak).
   */
  async peek(em: EntityManager, key: string, limit: number): Promise<RateVerdict> {
    const [row] = await em.execute<{ count: number | string; window_ends_at: Date | string }[]>('select count, window_ends_at from rate_counter where key = ?', [key]);
    if (!row || new Date(row.window_ends_at).getTime() <= this.clock.now().getTime()) return { allowed: true, count: 0 };
    // The next hit would make it count + 1.
    const verdict = this.verdict(Number(row.count) + 1, new Date(row.window_ends_at), limit);
    return { ...verdict, count: Number(row.count) };
  }

  /**
   * Delete counters whose window has ended (at most a small batch). Cheap
   * enough to call on every public request; an expired row would be reset
   * by its next hit anyway, so this only keeps the table small.
   */
  async cleanup(em: EntityManager): Promise<number> {
    const result = await em.execute<QueryResult>(
      'delete from rate_counter where key in (select key from rate_counter where window_ends_at < ? order by window_ends_at limit ?)',
      [this.clock.now(), CLEANUP_BATCH],
      'run',
    );
    return result.affectedRows;
  }

  private verdict(count: number, windowEndsAt: Date, limit: number): RateVerdict {
    if (count <= limit) return { allowed: true, count };
    const ms = windowEndsAt.getTime() - this.clock.now().getTime();
    return { allowed: false, count, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
  }
}
