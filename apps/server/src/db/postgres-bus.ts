import pg from 'pg';
import { type BusEnvelope, type BusTransport, parseEnvelope } from '../platform/revocations.ts';

/**
 * Cluster bus over PostgreSQL LISTEN/NOTIFY, for deployments without Redis. LISTEN needs one dedicated connection
 * (outside the pool: a pooled connection would be handed to queries); NOTIFY goes through its own short query.
 * NOTIFY is delivered only to sessions listening at commit time, so a dropped listener reconnects with back-off and
 * announces a local `resync` (its caches start over). The channel is per database, not per schema.
 */
export class PostgresBusTransport implements BusTransport {
  readonly name = 'postgres';
  private listener: pg.Client | undefined;
  private closed = false;
  private deliver: ((envelope: BusEnvelope) => void) | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel = 'atlas_bus',
  ) {}

  async start(deliver: (envelope: BusEnvelope) => void): Promise<void> {
    this.deliver = deliver;
    await this.listen();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (note) => {
      if (note.channel !== this.channel || !note.payload) return;
      const envelope = parseEnvelope(note.payload);
      if (envelope) this.deliver?.(envelope);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.listener = client;
  }

  /** The live listener died: forget it and listen again (messages in between are lost, hence the resync). */
  private lost(client: pg.Client): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    client.end().catch(() => undefined);
    this.reconnectAfter(500);
  }

  private reconnectAfter(delayMs: number): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.listen()
        .then(() => this.deliver?.({ origin: 'postgres-reconnect', message: { kind: 'resync' } }))
        .catch(() => this.reconnectAfter(Math.min(delayMs * 2, 10_000)));
    }, delayMs);
    this.retryTimer.unref();
  }

  async send(envelope: BusEnvelope): Promise<void> {
    const client = this.listener;
    if (!client) throw new Error('cluster bus: PostgreSQL listener not connected');
    await client.query('select pg_notify($1, $2)', [this.channel, JSON.stringify(envelope)]);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }
}
