import type { Redis } from 'ioredis';

/**
 * Fixed-window request counters. In one process a Map is exact; across processes the Redis store keeps one
 * counter per key and window so a tier holds for the whole cluster.
 */
export interface WindowCount {
  count: number;
  /** Epoch ms when the window ends. */
  resetAt: number;
}

export interface RateCounter {
  /** Adds one hit to each window of `key` and returns the counts after it. */
  hit(key: string, windowsMs: readonly number[], nowMs: number): Promise<WindowCount[]> | WindowCount[];
  /** Reads without adding (for failure counters consulted before work). */
  peek(key: string, windowMs: number, nowMs: number): Promise<number> | number;
  close(): Promise<void>;
}

function windowStart(nowMs: number, windowMs: number): number {
  return nowMs - (nowMs % windowMs);
}

export class MemoryRateCounter implements RateCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  hit(key: string, windowsMs: readonly number[], nowMs: number): WindowCount[] {
    this.sweep(nowMs);
    return windowsMs.map((windowMs) => {
      const start = windowStart(nowMs, windowMs);
      const slot = `${key}|${windowMs}`;
      let entry = this.windows.get(slot);
      if (!entry || entry.start !== start) {
        entry = { start, count: 0 };
        this.windows.set(slot, entry);
      }
      entry.count += 1;
      return { count: entry.count, resetAt: start + windowMs };
    });
  }

  peek(key: string, windowMs: number, nowMs: number): number {
    const entry = this.windows.get(`${key}|${windowMs}`);
    return entry && entry.start === windowStart(nowMs, windowMs) ? entry.count : 0;
  }

  /** Drops finished windows once a minute so the map stays as large as the live keys. */
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep < 60_000) return;
    this.lastSweep = nowMs;
    for (const [slot, entry] of this.windows) {
      const windowMs = Number(slot.slice(slot.lastIndexOf('|') + 1));
      if (entry.start + windowMs <= nowMs) this.windows.delete(slot);
    }
  }

  async close(): Promise<void> {}
}

export class RedisRateCounter implements RateCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'atlas:rate:',
  ) {}

  async hit(key: string, windowsMs: readonly number[], nowMs: number): Promise<WindowCount[]> {
    const pipeline = this.redis.multi();
    const starts = windowsMs.map((windowMs) => windowStart(nowMs, windowMs));
    windowsMs.forEach((windowMs, i) => {
      const redisKey = `${this.prefix}${key}|${windowMs}|${starts[i]}`;
      pipeline.incr(redisKey);
      pipeline.pexpire(redisKey, windowMs + 1000);
    });
    const results = (await pipeline.exec()) ?? [];
    return windowsMs.map((windowMs, i) => {
      const [error, count] = results[i * 2] ?? [new Error('no reply'), 0];
      if (error) throw error;
      return { count: Number(count), resetAt: (starts[i] as number) + windowMs };
    });
  }

  async peek(key: string, windowMs: number, nowMs: number): Promise<number> {
    const value = await this.redis.get(`${this.prefix}${key}|${windowMs}|${windowStart(nowMs, windowMs)}`);
    return value ? Number(value) : 0;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
