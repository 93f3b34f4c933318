/**
 * Fixed-window counters in memory, per key. Enough for one server process; a cluster would
 * move them to Redis. Old windows are dropped as keys are touched, and swept periodically.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; true when the key is still within its limit. */
  hit(key: string): boolean {
    const now = this.now();
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 50_000) this.sweep(now);
      return true;
    }
    current.count += 1;
    return current.count <= this.limit;
  }

  /** Whether the key is over its limit, without counting. */
  isBlocked(key: string): boolean {
    const current = this.windows.get(key);
    return !!current && this.now() - current.start < this.windowMs && current.count >= this.limit;
  }

  /** Takes back one hit of the current window (an attempt that turned out to be allowed). */
  release(key: string): void {
    const current = this.windows.get(key);
    if (current && this.now() - current.start < this.windowMs && current.count > 0) current.count -= 1;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
