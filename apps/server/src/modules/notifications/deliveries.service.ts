/** Use cases on deliveries: the error queue (list, get with attempts), resend one, bulk resend, the endpoint test event. */
import type { DeliveryAttemptTable, DeliveryStatus, DeliveryTable, ResendJobTable } from '../../db/tables/deliveries.ts';
import type { OutboundService } from '../../db/tables/notifications.ts';
import type { Actor, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/paging.ts';
import { recordAudit } from '../identity/audit.ts';
import {
  attemptsOfDelivery,
  countFailedToEnabled,
  type DeliveryFilter,
  type DeliveryScope,
  findDelivery,
  findResendJob,
  insertResendJob,
  insertTestEvent,
  listDeliveries,
  requeueDelivery,
} from './deliveries.repository.ts';
import { testEventType } from './dispatch/delivery.policy.ts';
import { findEndpoint } from './endpoints.repository.ts';
import { DeliveryErrors, NotificationErrors } from './notifications.errors.ts';
import { OUTBOUND_SERVICE_SLUGS, OUTBOUND_SERVICES } from './notifications.policy.ts';
import { testEventPayload } from './test-event.ts';

/** Who asks: the partner scope plus the services its roles cover (coordinators: all), and the audit actor. */
export interface DeliveryCaller extends DeliveryScope {
  actor: Actor;
}

export function servicesOfRoles(roles: ReadonlySet<string>): OutboundService[] {
  return OUTBOUND_SERVICE_SLUGS.filter((service) => roles.has(OUTBOUND_SERVICES[service].role));
}

export function deliveryView(row: DeliveryTable) {
  return {
    delivery_id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    service: row.service,
    endpoint_id: row.endpoint_id,
    entity: { type: row.entity_type, id: row.entity_id, version: row.entity_version },
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at : null,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    created_at: row.created_at,
    updated_at: row.updated_at,
    delivered_at: row.delivered_at,
    failed_at: row.failed_at,
  };
}

function attemptView(row: DeliveryAttemptTable) {
  return {
    attempt: row.attempt,
    started_at: row.started_at,
    outcome: row.outcome,
    status_code: row.status_code,
    latency_ms: row.latency_ms,
    response_excerpt: row.response_excerpt,
    error: row.error,
  };
}

export function resendJobView(row: ResendJobTable) {
  return {
    job_id: row.id,
    status: row.status,
    filter: JSON.parse(row.filter) as Record<string, string>,
    total: row.total,
    processed: row.processed,
    created_at: row.created_at,
    finished_at: row.finished_at,
  };
}

export interface DeliveryQuery {
  status?: DeliveryStatus;
  service?: OutboundService;
  endpoint_id?: string;
  from?: string;
  to?: string;
}

/** Query timestamps compared with stored UTC ISO text: normalised first (an offset or no milliseconds still compares right). */
function filterOf(query: DeliveryQuery): DeliveryFilter {
  const iso = (value: string | undefined) => (value === undefined ? undefined : new Date(value).toISOString());
  return { status: query.status, service: query.service, endpointId: query.endpoint_id, from: iso(query.from), to: iso(query.to) };
}

export async function listDeliveriesPage(ctx: ServiceContext, caller: DeliveryScope, query: DeliveryQuery & { page_size?: number; cursor?: string }) {
  const pageSize = query.page_size ?? 50;
  const [before] = (decodeCursor(query.cursor, 1) ?? []) as string[];
  const rows = await listDeliveries(ctx.db, caller, filterOf(query), { before, limit: pageSize + 1 });
  return pageOf(rows, pageSize, (r) => [r.id], deliveryView);
}

async function requireDelivery(ctx: ServiceContext, caller: DeliveryScope, id: string): Promise<DeliveryTable> {
  const row = await findDelivery(ctx.db, caller, id);
  if (!row) throw new AppError(DeliveryErrors.NOTIFICATIONS_DELIVERY_NOT_FOUND, `no delivery ${id}`);
  return row;
}

export async function getDeliveryWithAttempts(ctx: ServiceContext, caller: DeliveryScope, id: string) {
  const row = await requireDelivery(ctx, caller, id);
  return { ...deliveryView(row), attempt_log: (await attemptsOfDelivery(ctx.db, id)).map(attemptView) };
}

/** Sends a failed (or delivered) delivery again, from the start of the retry schedule, with the same webhook-id. */
export async function resendDelivery(ctx: ServiceContext, caller: DeliveryCaller, id: string) {
  const row = await requireDelivery(ctx, caller, id);
  const endpoint = await findEndpoint(ctx.db, caller, row.endpoint_id);
  if (endpoint?.enabled !== 1) throw new AppError(DeliveryErrors.NOTIFICATIONS_ENDPOINT_DISABLED, `endpoint ${row.endpoint_id} is disabled`);
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const requeued = await requeueDelivery(trx, caller, id, ctx.clock.now().toISOString());
    if (!requeued) return undefined;
    await recordAudit(trx, ctx, {
      actor: caller.actor,
      accountId: caller.accountId,
      action: 'notification_delivery.resent',
      targetType: 'delivery',
      targetId: id,
      details: { environment: caller.environment, previous_status: row.status, endpoint_id: row.endpoint_id },
    });
    return requeued;
  });
  if (!updated) throw new AppError(DeliveryErrors.NOTIFICATIONS_DELIVERY_IN_PROGRESS, `delivery ${id} is ${row.status}: it is already queued`);
  return deliveryView(updated);
}

/** Queues a bulk resend of the failed deliveries matching the filter; the worker works through it (see resend-jobs.ts). */
export async function startBulkResend(ctx: ServiceContext, caller: DeliveryCaller, query: Omit<DeliveryQuery, 'status'>) {
  const filter = filterOf(query);
  const now = ctx.clock.now().toISOString();
  const job: ResendJobTable = {
    id: ctx.ids.id('resendJob'),
    account_id: caller.accountId,
    environment: caller.environment,
    status: 'queued',
    filter: JSON.stringify({ ...query, services: caller.services }),
    total: await countFailedToEnabled(ctx.db, caller, filter),
    processed: 0,
    last_delivery_id: null,
    requested_by: caller.actor,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertResendJob(trx, job);
    await recordAudit(trx, ctx, {
      actor: caller.actor,
      accountId: caller.accountId,
      action: 'notification_delivery.bulk_resend_requested',
      targetType: 'resend_job',
      targetId: job.id,
      details: { environment: caller.environment, filter: query, total: job.total },
    });
  });
  return resendJobView(job);
}

export async function getResendJob(ctx: ServiceContext, caller: DeliveryScope, id: string) {
  const row = await findResendJob(ctx.db, caller, id);
  if (!row) throw new AppError(DeliveryErrors.NOTIFICATIONS_RESEND_JOB_NOT_FOUND, `no resend job ${id}`);
  return resendJobView(row);
}

/** Queues the endpoint's test event (`<prefix>.test`) for this endpoint only; the dispatcher sends it like any other. */
export async function sendTestEvent(ctx: ServiceContext, caller: DeliveryCaller, endpointId: string) {
  const endpoint = await findEndpoint(ctx.db, caller, endpointId);
  if (!endpoint || !caller.services.includes(endpoint.service)) {
    throw new AppError(NotificationErrors.NOTIFICATIONS_ENDPOINT_NOT_FOUND, `no notification endpoint ${endpointId}`);
  }
  if (endpoint.enabled !== 1) throw new AppError(DeliveryErrors.NOTIFICATIONS_ENDPOINT_DISABLED, `endpoint ${endpointId} is disabled`);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const eventId = ctx.ids.id('event');
  const type = testEventType(OUTBOUND_SERVICES[endpoint.service].events);
  const delivery: DeliveryTable = {
    id: ctx.ids.id('delivery'),
    event_id: eventId,
    endpoint_id: endpointId,
    account_id: caller.accountId,
    environment: caller.environment,
    service: endpoint.service,
    event_type: type,
    entity_type: 'endpoint_test',
    entity_id: eventId,
    entity_version: 1,
    status: 'pending',
    attempts: 0,
    round_attempts: 0,
    next_attempt_at: at,
    lease_owner: null,
    lease_expires_at: null,
    last_status_code: null,
    last_error: null,
    created_at: at,
    updated_at: at,
    delivered_at: null,
    failed_at: null,
  };
  const event = {
    id: eventId,
    account_id: caller.accountId,
    environment: caller.environment,
    service: endpoint.service,
    type,
    entity_type: 'endpoint_test',
    entity_id: eventId,
    entity_version: 1,
    previous_state: null,
    occurred_at: at,
    payload: JSON.stringify(testEventPayload(endpoint.service, endpointId, now)),
    created_at: at,
    dispatched_at: at,
  };
  await ctx.db.transaction().execute((trx) => insertTestEvent(trx, event, delivery));
  return deliveryView(delivery);
}
