import type { Executor } from '../../db/executor.ts';
import { findClientByConsumerKey } from './token.repository.ts';

export type ClientRow = NonNullable<Awaited<ReturnType<typeof findClientByConsumerKey>>>;

/**
 * Consumer key → client row, kept `ttlMs` (the token cache's 1 s): the Token API otherwise reads a three-table join
 * on every request. A presented secret that does not match the cached row re-reads the database before failing, so
 * a freshly rotated secret works at once; an old secret, a disabled application or account stops within `ttlMs`.
 */
export class ClientCache {
  private readonly entries = new Map<string, { row: ClientRow | undefined; loadedAt: number }>();

  constructor(
    private readonly db: Executor,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async find(consumerKey: string, nowMs: number, options: { fresh?: boolean } = {}): Promise<ClientRow | undefined> {
    const cached = this.entries.get(consumerKey);
    if (cached && !options.fresh && nowMs - cached.loadedAt < this.ttlMs) return cached.row;
    const row = await findClientByConsumerKey(this.db, consumerKey);
    if (this.entries.size >= this.maxEntries && !this.entries.has(consumerKey)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(consumerKey, { row, loadedAt: nowMs });
    return row;
  }
}
