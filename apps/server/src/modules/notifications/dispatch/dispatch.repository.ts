/** Kysely only: the dispatcher's reads and writes (fan-out, lease claims, attempt results). */
import { sql } from 'kysely';
import { skipLockedRows } from '../../../db/claims.ts';
import type { Executor } from '../../../db/executor.ts';
import type { DeliveryAttemptTable, DeliveryTable } from '../../../db/tables/deliveries.ts';

/** Rows per INSERT: 200 × 22 columns stays far under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 200;
/** Ids per `IN (…)` list. */
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Events not yet fanned out, oldest first; on PostgreSQL rows another worker is fanning out are skipped. */
export async function claimUndispatchedEvents(trx: Executor, limit: number) {
  const query = trx.selectFrom('outbox_event').selectAll().where('dispatched_at', 'is', null).orderBy('id').limit(limit);
  return skipLockedRows(trx, query).execute();
}

export async function enabledEndpointsOfAccounts(trx: Executor, accountIds: string[]) {
  if (accountIds.length === 0) return [];
  return trx
    .selectFrom('notification_endpoint')
    .select(['id', 'account_id', 'environment', 'service', 'format', 'event_types'])
    .where('account_id', 'in', accountIds)
    .where('enabled', '=', 1)
    .execute();
}

export async function insertDeliveries(trx: Executor, rows: DeliveryTable[]): Promise<void> {
  for (const chunk of chunks(rows, INSERT_CHUNK)) {
    await trx
      .insertInto('delivery')
      .values(chunk)
      .onConflict((oc) => oc.columns(['event_id', 'endpoint_id']).doNothing())
      .execute();
  }
}

export async function markEventsDispatched(trx: Executor, eventIds: string[], now: string): Promise<void> {
  for (const chunk of chunks(eventIds, IN_CHUNK)) {
    await trx.updateTable('outbox_event').set({ dispatched_at: now }).where('id', 'in', chunk).where('dispatched_at', 'is', null).execute();
  }
}

export interface ClaimRequest {
  owner: string;
  now: string;
  leaseUntil: string;
  limit: number;
  /** Endpoints already at their in-flight limit in this process. */
  skipEndpoints: string[];
}

/**
 * Leases up to `limit` due deliveries of enabled endpoints. A delivery waits while an earlier version of its entity
 * to the same endpoint is still pending — or not even fanned out yet — so each endpoint sees an entity in version order.
 */
export async function claimDueDeliveries(db: Executor, request: ClaimRequest): Promise<DeliveryTable[]> {
  const { now } = request;
  let due = db
    .selectFrom('delivery as d')
    .select('d.id')
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('d.lease_expires_at', 'is', null), eb('d.lease_expires_at', '<=', now)]))
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('notification_endpoint as e').select('e.id').whereRef('e.id', '=', 'd.endpoint_id').where('e.enabled', '=', 1)),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('delivery as p')
            .select('p.id')
            .whereRef('p.endpoint_id', '=', 'd.endpoint_id')
            .whereRef('p.entity_type', '=', 'd.entity_type')
            .whereRef('p.entity_id', '=', 'd.entity_id')
            .whereRef('p.entity_version', '<', 'd.entity_version')
            .where('p.status', '=', 'pending'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox_event as o')
            .select('o.id')
            .whereRef('o.account_id', '=', 'd.account_id')
            .whereRef('o.environment', '=', 'd.environment')
            .whereRef('o.service', '=', 'd.service')
            .whereRef('o.entity_type', '=', 'd.entity_type')
            .whereRef('o.entity_id', '=', 'd.entity_id')
            .whereRef('o.entity_version', '<', 'd.entity_version')
            .where('o.dispatched_at', 'is', null),
        ),
      ),
    )
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(request.limit);
  if (request.skipEndpoints.length > 0) due = due.where('d.endpoint_id', 'not in', request.skipEndpoints);
  return db
    .updateTable('delivery')
    .set({ lease_owner: request.owner, lease_expires_at: request.leaseUntil, updated_at: now })
    .where('id', 'in', skipLockedRows(db, due))
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', now)]))
    .returningAll()
    .execute();
}

export async function eventsByIds(db: Executor, ids: string[]) {
  const rows = [];
  for (const chunk of chunks(ids, IN_CHUNK)) rows.push(...(await db.selectFrom('outbox_event').selectAll().where('id', 'in', chunk).execute()));
  return rows;
}

export async function endpointsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('notification_endpoint').selectAll().where('id', 'in', ids).execute();
}

export async function accountCodesByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('account').select(['id', 'account_code']).where('id', 'in', ids).execute();
}

export async function insertAttempts(trx: Executor, rows: DeliveryAttemptTable[]): Promise<void> {
  for (const chunk of chunks(rows, INSERT_CHUNK)) await trx.insertInto('delivery_attempt').values(chunk).execute();
}

/** Marks leased deliveries delivered (only while this worker still holds the lease). */
export async function markDelivered(trx: Executor, owner: string, ids: string[], statusCode: number, now: string): Promise<void> {
  for (const chunk of chunks(ids, IN_CHUNK)) {
    await trx
      .updateTable('delivery')
      .set({
        status: 'delivered',
        attempts: sql<number>`attempts + 1`,
        round_attempts: sql<number>`round_attempts + 1`,
        last_status_code: statusCode,
        last_error: null,
        delivered_at: now,
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now,
      })
      .where('id', 'in', chunk)
      .where('lease_owner', '=', owner)
      .execute();
  }
}

export interface UnsuccessfulAttempt {
  id: string;
  status: 'pending' | 'failed';
  nextAttemptAt: string;
  statusCode: number | null;
  error: string | null;
}

/** Records a failed attempt: back to pending for a retry at `nextAttemptAt`, or `failed` (the error queue). */
export async function markUnsuccessful(trx: Executor, owner: string, attempt: UnsuccessfulAttempt, now: string): Promise<void> {
  await trx
    .updateTable('delivery')
    .set({
      status: attempt.status,
      attempts: sql<number>`attempts + 1`,
      round_attempts: sql<number>`round_attempts + 1`,
      next_attempt_at: attempt.nextAttemptAt,
      last_status_code: attempt.statusCode,
      last_error: attempt.error,
      failed_at: attempt.status === 'failed' ? now : null,
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now,
    })
    .where('id', '=', attempt.id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** A success ends an endpoint's run of failures. */
export async function clearFailingSince(trx: Executor, endpointIds: string[]): Promise<void> {
  if (endpointIds.length === 0) return;
  await trx.updateTable('notification_endpoint').set({ failing_since: null }).where('id', 'in', endpointIds).where('failing_since', 'is not', null).execute();
}

/** A failure starts a run of failures (kept as it is while the run lasts); returns the endpoints still enabled and when their run began. */
export async function startFailingSince(trx: Executor, endpointIds: string[], now: string) {
  if (endpointIds.length === 0) return [];
  await trx.updateTable('notification_endpoint').set({ failing_since: now }).where('id', 'in', endpointIds).where('failing_since', 'is', null).execute();
  return trx
    .selectFrom('notification_endpoint')
    .select(['id', 'account_id', 'environment', 'service', 'failing_since'])
    .where('id', 'in', endpointIds)
    .where('enabled', '=', 1)
    .execute();
}

/** Disables an endpoint that is still enabled; null when it was not (already disabled, or gone). */
export async function disableEndpoint(trx: Executor, endpointId: string, reason: 'gone' | 'failing', now: string) {
  return trx
    .updateTable('notification_endpoint')
    .set({ enabled: 0, disabled_reason: reason, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', endpointId)
    .where('enabled', '=', 1)
    .returning(['id', 'account_id', 'environment', 'service', 'url', 'failing_since'])
    .executeTakeFirst();
}
