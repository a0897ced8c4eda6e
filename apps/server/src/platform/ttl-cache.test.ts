import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.ts';

describe('TtlCache', () => {
  it('serves a value while fresh, reloads it after the TTL or when forced, and caches misses too', async () => {
    const cache = new TtlCache<string, number | undefined>(1000, 10);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', 0, load)).toBe(1);
    expect(await cache.get('k', 999, load)).toBe(1);
    expect(await cache.get('k', 1000, load)).toBe(2);
    expect(await cache.get('k', 1001, load, { fresh: true })).toBe(3);
    expect(await cache.get('missing', 0, async () => undefined)).toBeUndefined();
    expect(await cache.get('missing', 1, load)).toBeUndefined();
  });

  it('drops the oldest entry when full, and forgets deleted keys', async () => {
    const cache = new TtlCache<string, string>(60_000, 2);
    await cache.get('a', 0, async () => 'a1');
    await cache.get('b', 0, async () => 'b1');
    await cache.get('c', 0, async () => 'c1');
    expect(await cache.get('a', 1, async () => 'a2')).toBe('a2');
    expect(await cache.get('c', 1, async () => 'c2')).toBe('c1');
    cache.delete('c');
    expect(await cache.get('c', 2, async () => 'c3')).toBe('c3');
  });
});
