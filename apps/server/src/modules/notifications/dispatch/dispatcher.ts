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
import { accountCodesByIds, claimDueDeliveries, endpointsByIds, eventsByIds, releaseLeases } from './dispatch.repository.ts';
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
  // Room for 16 endpoints holding their full share (2 × 32) before a 17th could wait for a slot.
  concurrency: 1024,
  perEndpoint: 32,
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

type OutboxEvent = Awaited<ReturnType<typeof eventsByIds>>[number];

/** A leased delivery with what it takes to send it. */
interface Leased {
  delivery: DeliveryTable;
  event: OutboxEvent;
  endpoint: EndpointMaterial;
}

/** Per endpoint: calls in flight, and leased deliveries waiting for one of its slots. */
interface EndpointLane {
  inFlight: number;
  backlog: Leased[];
}

/** An endpoint may hold (in flight + waiting) this many × its in-flight limit; it is claimed for again at half of it. */
const HELD_PER_SLOT = 4;
/** Enough results waiting to be worth a write of their own (fewer wait at most FLUSH_AFTER_MS). */
const FLUSH_AT = 64;
const FLUSH_AFTER_MS = 100;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Dispatcher {
  readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly options: DispatcherOptions;
  private readonly client: WebhookClient;
  private readonly lanes = new Map<string, EndpointLane>();
  private readonly calls = new Set<Promise<void>>();
  private readonly accountCodes = new Map<string, string>();
  private held = 0;
  private finished: FinishedAttempt[] = [];
  private lastFlush = 0;
  /** Whether a claim may find something: after a claim that found rows, an endpoint down to half, or a poll tick. */
  private claimDue = true;
  private lastClaimFilled = false;
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

  /** Stops claiming, lets the calls in flight (and those already leased) finish and records them. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
    await this.settle();
    await this.flush();
    await this.client.close();
  }

  /** For tests: works until nothing is due now (fan-out, claim, send, record), without the background loop. */
  async drain(maxRounds = 1000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      const events = await fanOutEvents(this.ctx, this.options.batchSize);
      const claimed = await this.claimAndSend();
      await this.settle();
      await this.flush();
      if (events === 0 && claimed === 0) return;
    }
    throw new Error(`the dispatcher did not drain within ${maxRounds} rounds`);
  }

  /** Waits for every call, including those started from a backlog as earlier ones finish. */
  private async settle(): Promise<void> {
    while (this.calls.size > 0) await Promise.allSettled([...this.calls]);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        busy = (await fanOutEvents(this.ctx, this.options.batchSize)) > 0;
        // Each write is a transaction: results are written in batches, or after a short while, or when all is done.
        if (this.finished.length >= FLUSH_AT || this.held === 0 || performance.now() - this.lastFlush >= FLUSH_AFTER_MS) {
          busy = (await this.flush()) > 0 || busy;
        }
        if (this.claimDue) {
          const claimed = await this.claimAndSend();
          // Only a claim that filled its whole room suggests more is waiting right now.
          this.claimDue = this.lastClaimFilled;
          busy = claimed > 0 || busy;
        }
      } catch (error) {
        this.deps.log?.error({ err: error }, 'notification dispatch failed; retrying');
        busy = false;
      }
      // SQLite answers synchronously: without this the loop could keep the event loop from reading any response.
      await yieldToIo();
      if (!busy && this.running) await this.idle();
    }
  }

  /** Sleeps until the poll interval passes or finished calls make a claim or a write worthwhile (see finish). */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      timer = setTimeout(() => {
        this.claimDue = true;
        done();
      }, this.options.pollMs);
      this.wake = done;
    });
  }

  private async flush(): Promise<number> {
    this.lastFlush = performance.now();
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

  private heldCap(): number {
    return this.options.perEndpoint * HELD_PER_SLOT;
  }

  private async claimAndSend(): Promise<number> {
    // An endpoint holding more than half its share is left out of the claim: its deliveries wait in the database, and
    // the slots go to other endpoints — one slow receiver never takes the capacity of the others. Claiming for an
    // endpoint again only once it is down to half makes claims few and large instead of one per finished call.
    const skipEndpoints: string[] = [];
    let fullest = 0;
    for (const [id, lane] of this.lanes) {
      const held = lane.inFlight + lane.backlog.length;
      if (held > this.heldCap() / 2) skipEndpoints.push(id);
      else fullest = Math.max(fullest, held);
    }
    // Rows beyond an endpoint's share would only be released again: claim what the busiest claimable one can take.
    const share = this.heldCap() - fullest;
    const room = Math.min(this.options.concurrency - this.held, this.options.batchSize, share);
    this.lastClaimFilled = false;
    if (room <= 0) return 0;
    const now = this.ctx.clock.now();
    const claimed = await claimDueDeliveries(this.ctx.db, {
      owner: this.owner,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + this.options.leaseMs).toISOString(),
      limit: room,
      skipEndpoints,
    });
    this.lastClaimFilled = claimed.length === room;
    if (claimed.length === 0) return 0;
    // One claim can bring more for an endpoint than its share: the excess goes back at once, so a busy or slow
    // endpoint cannot fill this process's room while others wait.
    const taking = new Map<string, number>();
    const kept: DeliveryTable[] = [];
    const excess: string[] = [];
    for (const delivery of claimed) {
      const lane = this.lanes.get(delivery.endpoint_id);
      const count = (taking.get(delivery.endpoint_id) ?? 0) + 1;
      taking.set(delivery.endpoint_id, count);
      if ((lane ? lane.inFlight + lane.backlog.length : 0) + count > this.heldCap()) excess.push(delivery.id);
      else kept.push(delivery);
    }
    if (excess.length > 0) await releaseLeases(this.ctx.db, this.owner, excess);
    if (kept.length === 0) return 0;
    const [events, endpoints] = await Promise.all([
      eventsByIds(this.ctx.db, [...new Set(kept.map((d) => d.event_id))]),
      this.endpointMaterial([...new Set(kept.map((d) => d.endpoint_id))]),
    ]);
    await this.loadAccountCodes(kept);
    const eventsById = new Map(events.map((e) => [e.id, e]));
    const touched = new Set<string>();
    for (const delivery of kept) {
      const event = eventsById.get(delivery.event_id);
      const endpoint = endpoints.get(delivery.endpoint_id);
      // Both are foreign keys with cascade: a delivery without them was deleted meanwhile; its lease simply expires.
      if (!event || !endpoint) continue;
      this.laneOf(delivery.endpoint_id).backlog.push({ delivery, event, endpoint });
      this.held += 1;
      touched.add(delivery.endpoint_id);
    }
    for (const endpointId of touched) this.pump(endpointId);
    return kept.length;
  }

  private laneOf(endpointId: string): EndpointLane {
    let lane = this.lanes.get(endpointId);
    if (!lane) {
      lane = { inFlight: 0, backlog: [] };
      this.lanes.set(endpointId, lane);
    }
    return lane;
  }

  /** Starts waiting deliveries of an endpoint while it has free slots. */
  private pump(endpointId: string): void {
    const lane = this.laneOf(endpointId);
    while (lane.inFlight < this.options.perEndpoint && lane.backlog.length > 0) this.send(lane, lane.backlog.shift() as Leased);
    if (lane.inFlight === 0 && lane.backlog.length === 0) this.lanes.delete(endpointId);
  }

  private send(lane: EndpointLane, leased: Leased): void {
    const startedAt = this.ctx.clock.now();
    const prepared = prepareCall(leased, this.accountCodes.get(leased.event.account_id) ?? '', this.deps.box, startedAt);
    if ('error' in prepared) {
      this.held -= 1;
      this.finished.push({
        delivery: leased.delivery,
        startedAt: startedAt.toISOString(),
        permanent: true,
        response: { statusCode: null, retryAfter: undefined, excerpt: null, error: prepared.error, latencyMs: 0 },
      });
      return;
    }
    lane.inFlight += 1;
    const running: Promise<void> = this.client.send(prepared.call, leased.delivery.endpoint_id).then((response) => {
      this.calls.delete(running);
      this.finish(lane, leased, startedAt, response);
    });
    this.calls.add(running);
  }

  private finish(lane: EndpointLane, leased: Leased, startedAt: Date, response: FinishedAttempt['response']): void {
    const endpointId = leased.delivery.endpoint_id;
    lane.inFlight -= 1;
    this.held -= 1;
    this.finished.push({ delivery: leased.delivery, startedAt: startedAt.toISOString(), response });
    this.pump(endpointId);
    // Wake the loop only when it has something worth doing: a batch to write, an endpoint down to half its share (a
    // claim now refills it before its slots run dry), nothing held at all.
    const lowWater = lane.inFlight + lane.backlog.length === this.heldCap() / 2;
    if (lowWater || this.held === 0) this.claimDue = true;
    if (this.finished.length >= FLUSH_AT || lowWater || this.held === 0) this.wake?.();
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

/** The exact request of one attempt: rendered body, Standard Webhooks headers (every active secret), receiver credentials. */
function prepareCall(leased: Leased, accountCode: string, box: SecretBox, now: Date): { call: WebhookRequest } | { error: string } {
  const { event, endpoint } = leased;
  try {
    const rendered = renderDelivery(endpoint.row.format, {
      id: event.id,
      type: event.type,
      occurred_at: event.occurred_at,
      environment: event.environment,
      account_code: accountCode,
      entity_version: event.entity_version,
      previous_state: event.previous_state,
      data: JSON.parse(event.payload),
    });
    const signed = signWebhook({ id: event.id, timestamp: now, body: rendered.body, secrets: signingSecretsOf(endpoint.row, box, now) });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...signed };
    if (endpoint.authorization) headers.authorization = endpoint.authorization;
    return { call: { url: endpoint.row.url, method: rendered.method, headers, body: rendered.body } };
  } catch (error) {
    if (error instanceof UnrenderableEvent) return { error: `the event cannot be sent as ${endpoint.row.format}: ${error.message}` };
    return { error: `the call could not be prepared: ${error instanceof Error ? error.message : String(error)}` };
  }
}
