import type { Executor } from '../../db/executor.ts';
import type { RevocationBus } from '../../platform/revocations.ts';
import { TtlCache } from '../../platform/ttl-cache.ts';
import { findClientByConsumerKey } from './token.repository.ts';

export type ClientRow = NonNullable<Awaited<ReturnType<typeof findClientByConsumerKey>>>;

/**
 * Consumer key → client row, kept `ttlMs` (the token cache's 1 s): the Token API otherwise reads a three-table join
 * on every request. A presented secret that does not match the cached row re-reads the database before failing, so
 * a freshly rotated secret works at once; an old secret, a disabled application or account stops at once
 * on every node through the cluster bus, and within `ttlMs` even if a bus message is lost.
 */
export class ClientCache {
  private readonly cache: TtlCache<string, ClientRow | undefined>;

  constructor(
    private readonly db: Executor,
    ttlMs: number,
    bus?: RevocationBus,
    maxEntries = 10_000,
  ) {
    this.cache = new TtlCache(ttlMs, maxEntries);
    // A disabled application or account, or a rotated key, must stop working on every node: drop all cached rows.
    bus?.onConfigChange(() => this.cache.clear());
  }

  find(consumerKey: string, nowMs: number, options: { fresh?: boolean } = {}): Promise<ClientRow | undefined> {
    return this.cache.get(consumerKey, nowMs, () => findClientByConsumerKey(this.db, consumerKey), options);
  }
}
