/**
 * Tells every token cache in this process that tokens were revoked. Across processes the same messages travel
 * through PostgreSQL LISTEN/NOTIFY or Redis pub/sub (issue 9); the cache's short TTL bounds the delay meanwhile.
 */
export interface Revocation {
  tokenHashes: string[];
}

export type RevocationListener = (revocation: Revocation) => void;

export class RevocationBus {
  private readonly listeners = new Set<RevocationListener>();

  subscribe(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(revocation: Revocation): void {
    if (revocation.tokenHashes.length === 0) return;
    for (const listener of this.listeners) listener(revocation);
  }
}
