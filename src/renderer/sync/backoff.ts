/**
 * Retry delays: exponential backoff with "full jitter" (a uniformly random wait between zero
 * and the exponential ceiling). Hundreds of offices reconnect at the same moment after an
 * outage; full jitter spreads their retries instead of making them arrive in waves.
 */
export interface BackoffPolicy {
  /** Ceiling of the first retry's wait. */
  readonly baseMs: number;
  /** The ceiling never grows past this. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** The wait before retry number `attempt` (1 for the first retry); `random` returns [0, 1). */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
