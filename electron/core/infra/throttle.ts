/**
 * Login throttling: after 5 wrong passwords for a name, each further try waits longer
 * (30 s, 60 s, 120 s … up to an hour). Kept in memory: a wrong password must change no file,
 * and the counter app is one long-running process.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly now: () => number,
    private readonly freeTries = 5,
    private readonly baseDelayMs = 30_000,
    private readonly maxDelayMs = 3_600_000,
  ) {}

  /** Milliseconds to wait before the next try, 0 when a try is allowed now. */
  waitMs(name: string): number {
    const entry = this.failures.get(name.toLowerCase());
    return entry ? Math.max(0, entry.until - this.now()) : 0;
  }

  fail(name: string): number {
    const key = name.toLowerCase();
    const entry = this.failures.get(key) ?? { count: 0, until: 0 };
    entry.count++;
    const over = entry.count - this.freeTries;
    entry.until = over >= 0 ? this.now() + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** over) : 0;
    this.failures.set(key, entry);
    return entry.count;
  }

  succeed(name: string): void {
    this.failures.delete(name.toLowerCase());
  }
}
