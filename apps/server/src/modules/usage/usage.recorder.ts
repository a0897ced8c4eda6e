import type { Kysely } from 'kysely';
import type { Database, Environment, UsageMinuteTable } from '../../db/schema.ts';
import { addUsage } from './usage.repository.ts';

export interface UsageEvent {
  accountId: string;
  applicationId: string;
  environment: Environment;
  service: string;
  version: string;
  operation: string;
  status: number;
  latencyMs: number;
  at: Date;
}

/**
 * Usage events are counted in memory per minute and flushed in one statement every few seconds: a row per
 * request would cost the gateway a write per read. A crash loses at most one flush interval of counts.
 */
export class UsageRecorder {
  private pending = new Map<string, UsageMinuteTable>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  record(event: UsageEvent): void {
    // Keyed by the minute's number; the ISO text is built only for a new row (this runs on every request).
    const minuteNumber = Math.floor(event.at.getTime() / 60_000);
    const key = `${minuteNumber}|${event.applicationId}|${event.environment}|${event.service}|${event.version}|${event.operation}|${event.status}`;
    const row = this.pending.get(key);
    if (row) {
      row.request_count += 1;
      row.total_latency_ms += event.latencyMs;
      return;
    }
    const minute = new Date(minuteNumber * 60_000).toISOString();
    this.pending.set(key, {
      minute,
      account_id: event.accountId,
      application_id: event.applicationId,
      environment: event.environment,
      service: event.service,
      version: event.version,
      operation: event.operation,
      status: event.status,
      request_count: 1,
      total_latency_ms: event.latencyMs,
    });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()].map((row) => ({ ...row, total_latency_ms: Math.round(row.total_latency_ms) }));
    this.pending = new Map();
    await addUsage(this.db, rows);
  }

  start(intervalMs = 5000, onError: (error: unknown) => void = () => {}): void {
    this.timer = setInterval(() => this.flush().catch(onError), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
