/**
 * A bounded in-process cache whose entries live `ttlMs` on the caller's clock. It holds `undefined` results too
 * (negative caching), so unknown keys cannot hammer the database. When full, the oldest entry goes (a Map keeps
 * insertion order, and a reload re-inserts at the end).
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; loadedAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /**
   * The entry while fresh, without a promise: the gateway's hot path reads the cache synchronously and only a miss
   * pays for `get`'s asynchronous load. `undefined` means absent or stale (a cached `undefined` value is `{ value }`).
   */
  peek(key: K, nowMs: number): { value: V } | undefined {
    const cached = this.entries.get(key);
    return cached && nowMs - cached.loadedAt < this.ttlMs ? cached : undefined;
  }

  /** The cached value while fresh; otherwise `load()` runs and its result is cached. `fresh` forces the reload. */
  async get(key: K, nowMs: number, load: () => Promise<V>, options: { fresh?: boolean } = {}): Promise<V> {
    const cached = options.fresh ? undefined : this.peek(key, nowMs);
    if (cached) return cached.value;
    const value = await load();
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, loadedAt: nowMs });
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
