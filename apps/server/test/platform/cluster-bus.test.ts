import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresBusTransport } from '../../src/db/postgres-bus.ts';
import { RedisBusTransport } from '../../src/platform/bus-redis.ts';
import { type BusTransport, RevocationBus } from '../../src/platform/revocations.ts';

const redisUrl = process.env.ATLAS_REDIS_URL;
const databaseUrl = process.env.TEST_DATABASE_URL;
/** Each test gets its own channel so parallel suites (and other Atlas nodes on the same Redis) do not cross. */
const channel = () => `atlas_test_${randomBytes(4).toString('hex')}`;

type MakeTransport = (channel: string) => BusTransport;
const transports: [string, MakeTransport][] = [];
if (redisUrl) transports.push(['redis pub/sub', (c) => new RedisBusTransport(redisUrl, c)]);
if (databaseUrl) transports.push(['postgres LISTEN/NOTIFY', (c) => new PostgresBusTransport(databaseUrl, c)]);

const open: RevocationBus[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()));
});

async function node(make: ((channel: string) => BusTransport) | undefined, name: string): Promise<RevocationBus> {
  const bus = new RevocationBus();
  if (make) await bus.connect(make(name));
  open.push(bus);
  return bus;
}

function nextMessage<T>(subscribe: (listener: (value: T) => void) => () => void, timeoutMs = 1000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
    const off = subscribe((value) => {
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

describe('cluster bus: in-process', () => {
  it('delivers revocations and configuration changes to this process at once', async () => {
    const bus = await node(undefined, '');
    const revoked: string[][] = [];
    const changes: string[] = [];
    bus.subscribe(({ tokenHashes }) => revoked.push(tokenHashes));
    bus.onConfigChange((reason) => changes.push(reason));
    bus.publish({ tokenHashes: ['a', 'b'] });
    bus.publish({ tokenHashes: [] });
    await bus.publishConfigChange('app disable');
    expect(revoked).toEqual([['a', 'b']]);
    expect(changes).toEqual(['app disable']);
    expect(bus.transportName).toBe('in-process');
  });

  it('splits a large family revocation into messages that fit a NOTIFY payload', async () => {
    const bus = await node(undefined, '');
    const batches: number[] = [];
    bus.subscribe(({ tokenHashes }) => batches.push(tokenHashes.length));
    bus.publish({ tokenHashes: Array.from({ length: 250 }, (_, i) => i.toString(16).padStart(64, '0')) });
    expect(batches).toEqual([100, 100, 50]);
  });
});

describe.skipIf(transports.length === 0)('cluster bus across nodes', () => {
  it.each(transports)('%s: a revocation on one node reaches the other within 1 s, once, and not back to the sender', async (_name, make) => {
    const name = channel();
    const [a, b] = [await node(make, name), await node(make, name)];
    const seenByA: string[][] = [];
    a.subscribe(({ tokenHashes }) => seenByA.push(tokenHashes));
    const started = performance.now();
    const received = nextMessage<{ tokenHashes: string[] }>((l) => b.subscribe(l));
    a.publish({ tokenHashes: ['f'.repeat(64)] });
    expect((await received).tokenHashes).toEqual(['f'.repeat(64)]);
    expect(performance.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seenByA).toEqual([['f'.repeat(64)]]); // delivered locally once, its own echo skipped
  });

  it.each(transports)('%s: a configuration change published by a short-lived process reaches a running node', async (_name, make) => {
    const name = channel();
    const running = await node(make, name);
    const received = nextMessage<string>((l) => running.onConfigChange(l));
    const cli = new RevocationBus();
    await cli.connect(make(name));
    await cli.publishConfigChange('subscription remove');
    await cli.close();
    expect(await received).toBe('subscription remove');
  });

  it.each(transports)('%s: nodes on another channel hear nothing', async (_name, make) => {
    const [a, other] = [await node(make, channel()), await node(make, channel())];
    const heard: string[] = [];
    other.onConfigChange((reason) => heard.push(reason));
    await a.publishConfigChange('tier create');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([]);
  });
});
