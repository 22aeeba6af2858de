import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';

/** How many failures within a window lock a key, and for how long. */
export interface ThrottleRule {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export interface ThrottlePolicy {
  /** Per account: stops guessing one user's password (lockout). */
  account: ThrottleRule;
  /** Per client address: stops spraying many accounts from one machine. */
  address: ThrottleRule;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  account: { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  address: { maxFailures: 50, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
};

/**
 * Failed-login bookkeeping in the login_throttle table. The upsert is a single
 * statement, so concurrent failures from several app servers count correctly.
 */
export class LoginThrottler {
  constructor(
    private readonly clock: Clock,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  ) {}

  static accountKey(tenantCode: string, login: string): string {
    return `account:${tenantCode}:${login.toLowerCase()}`;
  }

  static addressKey(address: string): string {
    return `address:${address}`;
  }

  /** Seconds until the key may try again, or 0 when it is not locked. */
  async lockedFor(em: EntityManager, key: string): Promise<number> {
    const [row] = await em.execute<{ locked_until: Date | null }[]>('select locked_until from login_throttle where key = ?', [key]);
    if (!row?.locked_until) return 0;
    const ms = new Date(row.locked_until).getTime() - this.clock.now().getTime();
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }

  /** Count a failure; starts a new window when the old one has passed, and locks at the threshold. */
  async recordFailure(em: EntityManager, key: string, rule: ThrottleRule): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
    const lockUntil = new Date(now.getTime() + rule.lockSeconds * 1000);
    await em.execute(
      `insert into login_throttle (key, failures, window_started_at, locked_until) values (?, 1, ?, null)
       on conflict (key) do update set
         failures = case when login_throttle.window_started_at < ? then 1 else login_throttle.failures + 1 end,
         window_started_at = case when login_throttle.window_started_at < ? then excluded.window_started_at else login_throttle.window_started_at end,
         locked_until = case
           when (case when login_throttle.window_started_at < ? then 1 else login_throttle.failures + 1 end) >= ? then ?::timestamptz
           else login_throttle.locked_until end`,
      [key, now, windowStart, windowStart, windowStart, rule.maxFailures, lockUntil],
    );
  }

  async recordAccountFailure(em: EntityManager, key: string): Promise<void> {
    await this.recordFailure(em, key, this.policy.account);
  }

  async recordAddressFailure(em: EntityManager, key: string): Promise<void> {
    await this.recordFailure(em, key, this.policy.address);
  }

  /** A successful login clears the account's counter (not the address's: a sprayer may own one account). */
  async reset(em: EntityManager, key: string): Promise<void> {
    await em.execute('delete from login_throttle where key = ?', [key]);
  }
}
