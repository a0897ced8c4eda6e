import path from 'node:path';
import { Redis } from 'ioredis';
import type { AtlasConfig } from './config.ts';
import { type AtlasDatabase, openDatabase } from './db/database.ts';
import { PostgresBusTransport } from './db/postgres-bus.ts';
import { RedisBusTransport } from './platform/bus-redis.ts';
import { systemClock } from './platform/clock.ts';
import type { ServiceContext } from './platform/context.ts';
import { createIdGenerator } from './platform/ids.ts';
import { MemoryRateCounter, type RateCounter, RedisRateCounter } from './platform/rate-counter.ts';
import { RevocationBus } from './platform/revocations.ts';

/** The SQLite file used when ATLAS_DATABASE_URL is unset. */
export function sqliteFileOf(config: AtlasConfig): string {
  return path.join(config.dataDir, 'atlas.sqlite');
}

/** `longRunning`: a server or worker, whose embedded database checkpoints in the background (not a CLI command). */
export function openConfiguredDatabase(config: AtlasConfig, options: { longRunning?: boolean } = {}): AtlasDatabase {
  return openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileOf(config), backgroundCheckpoints: options.longRunning ?? false });
}

export function serviceContext(database: AtlasDatabase): ServiceContext {
  return { db: database.db, clock: systemClock, ids: createIdGenerator() };
}

/** Throttling counters: Redis when configured (exact across nodes), else per process. */
export function createRateCounter(config: AtlasConfig): RateCounter {
  if (!config.redisUrl) return new MemoryRateCounter();
  return new RedisRateCounter(new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }));
}

/**
 * The cluster bus that keeps per-process caches fresh: Redis pub/sub when ATLAS_REDIS_URL is set, else PostgreSQL
 * LISTEN/NOTIFY on PostgreSQL, else in-process only (one node: nothing to tell).
 */
export async function createClusterBus(config: AtlasConfig): Promise<RevocationBus> {
  const bus = new RevocationBus();
  if (config.redisUrl) await bus.connect(new RedisBusTransport(config.redisUrl));
  else if (config.databaseUrl) await bus.connect(new PostgresBusTransport(config.databaseUrl));
  return bus;
}
