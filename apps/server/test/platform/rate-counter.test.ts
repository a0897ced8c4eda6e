import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRateCounter, type RateCounter, RedisRateCounter } from '../../src/platform/rate-counter.ts';

const redisUrl = process.env.ATLAS_REDIS_URL;
const clients: Redis[] = [];

function redisCounter(prefix: string): RedisRateCounter {
  const client = new Redis(redisUrl as string);
  clients.push(client);
  return new RedisRateCounter(client, prefix);
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
});

const stores: [string, () => RateCounter[]][] = [
  ['memory', () => [new MemoryRateCounter()]],
  ...(redisUrl
    ? ([
        [
          'redis (two nodes)',
          () => {
            const prefix = `atlas:test:${randomBytes(4).toString('hex')}:`;
            return [redisCounter(prefix), redisCounter(prefix)];
          },
        ],
      ] as [string, () => RateCounter[]][])
    : []),
];

describe.each(stores)('rate counter: %s', (_name, make) => {
  it('counts hits per fixed window and restarts at the window boundary', async () => {
    const nodes = make();
    const at = Date.UTC(2026, 2, 2, 10, 0, 30);
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      const node = nodes[i % nodes.length] as RateCounter;
      const [minute] = await node.hit('app:sandbox:booking', [60_000], at);
      counts.push(minute?.count ?? -1);
    }
    // Hits from every node add up: the tier holds across the cluster.
    expect(counts).toEqual([1, 2, 3, 4]);
    const [next] = await (nodes[0] as RateCounter).hit('app:sandbox:booking', [60_000], at + 30_000);
    expect(next).toEqual({ count: 1, resetAt: at + 90_000 });
  });

  it('keeps separate windows and keys apart, and peeks without counting', async () => {
    const [node] = make() as [RateCounter];
    const at = Date.UTC(2026, 2, 2, 10, 0, 0);
    const [minute, day] = await node.hit('k1', [60_000, 86_400_000], at);
    expect(minute?.count).toBe(1);
    expect(day?.resetAt).toBe(Date.UTC(2026, 2, 3));
    expect(await node.peek('k1', 60_000, at)).toBe(1);
    expect(await node.peek('k1', 60_000, at)).toBe(1);
    expect(await node.peek('k2', 60_000, at)).toBe(0);
  });
});
