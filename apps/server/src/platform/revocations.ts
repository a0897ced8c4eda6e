import { randomUUID } from 'node:crypto';

/**
 * The cluster bus: tells every per-process cache that something it holds is stale. In one process the listeners are
 * called at once; with a transport attached (Redis pub/sub when ATLAS_REDIS_URL is set, else PostgreSQL
 * LISTEN/NOTIFY on PostgreSQL — see runtime.ts) every other node hears the same message within milliseconds. The
 * caches' short TTL (ATLAS_TOKEN_CACHE_TTL_MS, 1 s) stays as the safety net for a message lost while a node was
 * disconnected; a transport that reconnects also announces a `resync` so nodes drop everything they cached.
 */
export interface Revocation {
  tokenHashes: string[];
}

/** Why caches must forget: tokens revoked, or configuration (roles, CIDRs, subscriptions, tiers, keys) changed. */
export type BusMessage = { kind: 'tokens-revoked'; tokenHashes: string[] } | { kind: 'config-changed'; reason: string } | { kind: 'resync' };

/** The wire envelope: `origin` lets a node skip its own messages (it delivered them locally already). */
export interface BusEnvelope {
  origin: string;
  message: BusMessage;
}

export interface BusTransport {
  readonly name: string;
  /** Starts listening; `deliver` receives every envelope published by any node (including this one). */
  start(deliver: (envelope: BusEnvelope) => void): Promise<void>;
  send(envelope: BusEnvelope): Promise<void>;
  close(): Promise<void>;
}

export type RevocationListener = (revocation: Revocation) => void;
export type ConfigChangeListener = (reason: string) => void;

/** PostgreSQL NOTIFY payloads stop at 8000 bytes: 64-hex hashes go in chunks well below that. */
const HASHES_PER_MESSAGE = 100;

export class RevocationBus {
  readonly nodeId = randomUUID();
  private readonly revocationListeners = new Set<RevocationListener>();
  private readonly configListeners = new Set<ConfigChangeListener>();
  private transport: BusTransport | undefined;

  /** Called with the hashes of revoked tokens (from this node or any other). */
  subscribe(listener: RevocationListener): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  /** Called when configuration changed anywhere, or after a reconnect: drop every cached principal or client. */
  onConfigChange(listener: ConfigChangeListener): () => void {
    this.configListeners.add(listener);
    return () => this.configListeners.delete(listener);
  }

  publish(revocation: Revocation): void {
    const hashes = revocation.tokenHashes;
    for (let i = 0; i < hashes.length; i += HASHES_PER_MESSAGE) {
      void this.emit({ kind: 'tokens-revoked', tokenHashes: hashes.slice(i, i + HASHES_PER_MESSAGE) });
    }
  }

  /** Resolves once the message is handed to the transport (a short-lived CLI process waits for it before exiting). */
  publishConfigChange(reason: string): Promise<void> {
    return this.emit({ kind: 'config-changed', reason });
  }

  /** Links this bus to the other nodes. Messages published before are local only (nothing to catch up: caches start empty). */
  async connect(transport: BusTransport): Promise<void> {
    await transport.start((envelope) => {
      if (envelope.origin !== this.nodeId) this.deliver(envelope.message);
    });
    this.transport = transport;
  }

  get transportName(): string {
    return this.transport?.name ?? 'in-process';
  }

  async close(): Promise<void> {
    const transport = this.transport;
    this.transport = undefined;
    await transport?.close();
  }

  /** Delivers a message to this node's listeners (transports call it for messages from elsewhere). */
  deliver(message: BusMessage): void {
    if (message.kind === 'tokens-revoked') {
      const revocation = { tokenHashes: message.tokenHashes };
      for (const listener of this.revocationListeners) listener(revocation);
      return;
    }
    const reason = message.kind === 'resync' ? 'resync' : message.reason;
    for (const listener of this.configListeners) listener(reason);
  }

  private emit(message: BusMessage): Promise<void> {
    if (message.kind === 'tokens-revoked' && message.tokenHashes.length === 0) return Promise.resolve();
    this.deliver(message);
    // Never rejects: the caller's change is committed already, and the caches' TTL covers a lost message.
    return this.transport?.send({ origin: this.nodeId, message }).catch(() => undefined) ?? Promise.resolve();
  }
}

/** Parses an envelope from the wire; anything malformed is dropped (another version's node, a stray publisher). */
export function parseEnvelope(raw: string): BusEnvelope | undefined {
  try {
    const value = JSON.parse(raw) as BusEnvelope;
    const kind = value?.message?.kind;
    if (typeof value.origin !== 'string') return undefined;
    if (kind === 'tokens-revoked' && Array.isArray(value.message.tokenHashes)) return value;
    if (kind === 'config-changed' || kind === 'resync') return value;
    return undefined;
  } catch {
    return undefined;
  }
}
