import { Redis } from 'ioredis';
import { type BusEnvelope, type BusTransport, parseEnvelope } from './revocations.ts';

/**
 * Cluster bus over Redis pub/sub: one connection publishes, a second one subscribes (a subscribed Redis connection
 * can do nothing else). ioredis reconnects and re-subscribes by itself; messages published while a node was cut off
 * are lost, so after a reconnect the node announces a local `resync` and its caches start over.
 */
export class RedisBusTransport implements BusTransport {
  readonly name = 'redis';
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(
    redisUrl: string,
    private readonly channel = 'atlas:bus',
  ) {
    this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
    this.subscriber = new Redis(redisUrl, { lazyConnect: true });
  }

  async start(deliver: (envelope: BusEnvelope) => void): Promise<void> {
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      const envelope = parseEnvelope(raw);
      if (envelope) deliver(envelope);
    });
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(this.channel);
    // Registered after the first connection: every later 'ready' is a reconnect that may have missed messages.
    this.subscriber.on('ready', () => deliver({ origin: 'redis-reconnect', message: { kind: 'resync' } }));
    // Errors are retried by ioredis; without a listener they would be thrown as unhandled 'error' events.
    this.subscriber.on('error', () => undefined);
    this.publisher.on('error', () => undefined);
  }

  async send(envelope: BusEnvelope): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(envelope));
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
