/**
 * The outbound dispatcher (runs in `atlas worker` and in `atlas serve` unless --no-worker): fans out outbox events
 * to deliveries, leases due deliveries, keeps many calls in flight (a limit per endpoint, so one slow receiver only
 * fills its own slots), and records every attempt. Everything durable is in the database: a process killed at any
 * moment leaves leases that expire, and the deliveries are sent again with the same `webhook-id` (at least once).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { AtlasMode } from '../../../config.ts';
import type { DeliveryTable } from '../../../db/tables/deliveries.ts';
import type { NotificationEndpointTable } from '../../../db/tables/notifications.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { receiverAuthorization, signingSecretsOf } from '../endpoints.service.ts';
import type { SecretBox } from '../secret-box.ts';
import { signWebhook } from '../signature.ts';
import type { Resolver } from '../ssrf.policy.ts';
import { renderDelivery, UnrenderableEvent } from './delivery-formats.ts';
import { type FinishedAttempt, recordAttempts } from './delivery-results.ts';
import { accountCodesByIds, claimDueDeliveries, endpointsByIds, eventsByIds } from './dispatch.repository.ts';
import { fanOutEvents } from './fan-out.ts';
import { DELIVERY_TIMEOUT_MS, WebhookClient, type WebhookRequest } from './webhook-client.ts';

export interface DispatcherOptions {
  /** Calls in flight in this process. */
  concurrency: number;
  /** Calls in flight to one endpoint (and keep-alive connections per receiver origin). */
  perEndpoint: number;
  /** How long a claimed delivery is ours; must exceed the call time limit, or a slow call is sent twice. */
  leaseMs: number;
  timeoutMs: number;
  batchSize: number;
  /** Idle wait between polls when nothing is due. */
  pollMs: number;
  random: () => number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  concurrency: 512,
  perEndpoint: 64,
  leaseMs: 60_000,
  timeoutMs: DELIVERY_TIMEOUT_MS,
  batchSize: 250,
  pollMs: 250,
  random: Math.random,
};

export interface DispatcherDeps {
  mode: AtlasMode;
  box: SecretBox;
  resolve?: Resolver;
  log?: Pick<FastifyBaseLogger, 'error'>;
}

const USER_AGENT = 'Atlas-Webhooks/1 (+https://www.standardwebhooks.com)';

interface EndpointMaterial {
  row: NotificationEndpointTable;
  authorization: string | null;
}

export class Dispatcher {
  readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly options: DispatcherOptions;
  private readonly client: WebhookClient;
  private readonly inFlightByEndpoint = new Map<string, number>();
  private readonly calls = new Set<Promise<void>>();
  private readonly accountCodes = new Map<string, string>();
  private finished: FinishedAttempt[] = [];
  private running = false;
  private loopDone: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: DispatcherDeps,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
    this.client = new WebhookClient({
      mode: deps.mode,
      resolve: deps.resolve,
      timeoutMs: this.options.timeoutMs,
      connectionsPerOrigin: this.options.perEndpoint,
    });
  }

  get inFlight(): number {
    return this.calls.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops claiming, lets the calls in flight finish and records them. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
    await Promise.allSettled([...this.calls]);
    await this.flush();
    await this.client.close();
  }

  /** For tests: works until nothing is due now (fan-out, claim, send, record), without the background loop. */
  async drain(maxRounds = 1000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      const events = await fanOutEvents(this.ctx, this.options.batchSize);
      const claimed = await this.claimAndSend();
      await Promise.allSettled([...this.calls]);
      await this.flush();
      if (events === 0 && claimed === 0) return;
    }
    throw new Error(`the dispatcher did not drain within ${maxRounds} rounds`);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        busy = (await fanOutEvents(this.ctx, this.options.batchSize)) > 0;
        busy = (await this.flush()) > 0 || busy;
        busy = (await this.claimAndSend()) > 0 || busy;
      } catch (error) {
        this.deps.log?.error({ err: error }, 'notification dispatch failed; retrying');
        busy = false;
      }
      if (!busy && this.running) await this.idle();
    }
  }

  /** Sleeps until the poll interval passes or a call finishes (its slot can take the next delivery). */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async flush(): Promise<number> {
    if (this.finished.length === 0) return 0;
    const batch = this.finished;
    this.finished = [];
    try {
      await recordAttempts(this.ctx, this.owner, batch, this.options.random);
    } catch (error) {
      // Not recorded: the leases expire and the deliveries are sent again (same webhook-id), never lost.
      this.deps.log?.error({ err: error, attempts: batch.length }, 'recording delivery attempts failed');
    }
    return batch.length;
  }

  private async claimAndSend(): Promise<number> {
    const room = Math.min(this.options.concurrency - this.calls.size, this.options.batchSize);
    if (room <= 0) return 0;
    const now = this.ctx.clock.now();
    const skipEndpoints = [...this.inFlightByEndpoint].filter(([, n]) => n >= this.options.perEndpoint).map(([id]) => id);
    const claimed = await claimDueDeliveries(this.ctx.db, {
      owner: this.owner,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + this.options.leaseMs).toISOString(),
      limit: room,
      skipEndpoints,
    });
    if (claimed.length === 0) return 0;
    const [events, endpoints] = await Promise.all([
      eventsByIds(this.ctx.db, [...new Set(claimed.map((d) => d.event_id))]),
      this.endpointMaterial([...new Set(claimed.map((d) => d.endpoint_id))]),
    ]);
    await this.loadAccountCodes(claimed);
    const eventsById = new Map(events.map((e) => [e.id, e]));
    for (const delivery of claimed) {
      const event = eventsById.get(delivery.event_id);
      const endpoint = endpoints.get(delivery.endpoint_id);
      // Both are foreign keys with cascade: a delivery without them was deleted meanwhile; its lease simply expires.
      if (!event || !endpoint) continue;
      this.start1(delivery, event, endpoint);
    }
    return claimed.length;
  }

  private start1(delivery: DeliveryTable, event: Awaited<ReturnType<typeof eventsByIds>>[number], endpoint: EndpointMaterial): void {
    const startedAt = this.ctx.clock.now();
    let call: WebhookRequest;
    try {
      const rendered = renderDelivery(endpoint.row.format, {
        id: event.id,
        type: event.type,
        occurred_at: event.occurred_at,
        environment: event.environment,
        account_code: this.accountCodes.get(event.account_id) ?? '',
        entity_version: event.entity_version,
        previous_state: event.previous_state,
        data: JSON.parse(event.payload),
      });
      const signed = signWebhook({
        id: event.id,
        timestamp: startedAt,
        body: rendered.body,
        secrets: signingSecretsOf(endpoint.row, this.deps.box, startedAt),
      });
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...signed };
      if (endpoint.authorization) headers.authorization = endpoint.authorization;
      call = { url: endpoint.row.url, method: rendered.method, headers, body: rendered.body };
    } catch (error) {
      const message = error instanceof UnrenderableEvent ? `the event cannot be sent as ${endpoint.row.format}: ${error.message}` : String(error);
      this.finished.push({
        delivery,
        startedAt: startedAt.toISOString(),
        permanent: true,
        response: { statusCode: null, retryAfter: undefined, excerpt: null, error: message, latencyMs: 0 },
      });
      return;
    }
    const endpointId = delivery.endpoint_id;
    this.inFlightByEndpoint.set(endpointId, (this.inFlightByEndpoint.get(endpointId) ?? 0) + 1);
    const running: Promise<void> = this.client.send(call).then((response) => {
      this.finished.push({ delivery, startedAt: startedAt.toISOString(), response });
      const left = (this.inFlightByEndpoint.get(endpointId) ?? 1) - 1;
      if (left <= 0) this.inFlightByEndpoint.delete(endpointId);
      else this.inFlightByEndpoint.set(endpointId, left);
      this.calls.delete(running);
      this.wake?.();
    });
    this.calls.add(running);
  }

  private async endpointMaterial(ids: string[]): Promise<Map<string, EndpointMaterial>> {
    const rows = await endpointsByIds(this.ctx.db, ids);
    return new Map(rows.map((row) => [row.id, { row, authorization: receiverAuthorization(row, this.deps.box) }]));
  }

  private async loadAccountCodes(deliveries: DeliveryTable[]): Promise<void> {
    const missing = [...new Set(deliveries.map((d) => d.account_id))].filter((id) => !this.accountCodes.has(id));
    for (const row of await accountCodesByIds(this.ctx.db, missing)) this.accountCodes.set(row.id, row.account_code);
  }
}
