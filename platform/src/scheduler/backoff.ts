/**
 * How long a failed job waits before its next attempt, given how many
 * attempts have failed so far (1 after the first failure). A function rather
 * than a setting so deployments and tests can choose any policy, and so the
 * schedule is deterministic: the worker computes the next due_at from the
 * injected clock, never from a random or wall-clock source.
 */
export type Backoff = (failedAttempts: number) => number;

/** Options of {@link exponentialBackoff}. */
export interface ExponentialBackoffOptions {
  /** Delay after the first failure. */
  initialMs: number;
  /** Each further failure multiplies the delay by this. */
  factor: number;
  /** The delay never exceeds this, so a long outage still retries regularly. */
  maxMs: number;
}

/** 10 s, 40 s, 160 s, 640 s, ... capped at one hour: fast enough for a blip, gentle on a real outage. */
export const DEFAULT_BACKOFF: ExponentialBackoffOptions = { initialMs: 10_000, factor: 4, maxMs: 3_600_000 };

/**
 * Delay = initialMs × factor^(failedAttempts − 1), capped at maxMs. No
 * jitter: retries are rows claimed in batches, so simultaneous retries do not
 * stampede anything, and a deterministic schedule keeps tests exact.
 */
export function exponentialBackoff(options: ExponentialBackoffOptions = DEFAULT_BACKOFF): Backoff {
  const { initialMs, factor, maxMs } = options;
  if (!(initialMs >= 0) || !(factor >= 1) || !(maxMs >= initialMs)) {
    throw new RangeError(`exponentialBackoff needs initialMs ≥ 0, factor ≥ 1 and maxMs ≥ initialMs (got ${initialMs}, ${factor}, ${maxMs})`);
  }
  return (failedAttempts) => {
    const exponent = Math.max(0, Math.floor(failedAttempts) - 1);
    return Math.min(maxMs, initialMs * factor ** exponent);
  };
}
