/** Kysely only: deliveries as partners and coordinators see them (list, get, resend), and bulk resend jobs. */
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Database, Environment } from '../../db/schema.ts';
import type { DeliveryStatus, DeliveryTable, ResendJobTable } from '../../db/tables/deliveries.ts';
import type { OutboundService, OutboxEventTable } from '../../db/tables/notifications.ts';

export interface DeliveryScope {
  accountId: string;
  environment: Environment;
  /** The services whose deliveries the caller may see (those its roles cover; every one for coordinators). */
  services: readonly OutboundService[];
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  service?: OutboundService;
  endpointId?: string;
  /** Created at or after (UTC ISO). */
  from?: string;
  /** Created before (UTC ISO). */
  to?: string;
}

function inScope(scope: DeliveryScope) {
  return (eb: ExpressionBuilder<Database, 'delivery'>) =>
    eb.and([
      eb('delivery.account_id', '=', scope.accountId),
      eb('delivery.environment', '=', scope.environment),
      // No service at all: an always-false condition (the id is a primary key, never null).
      scope.services.length > 0 ? eb('delivery.service', 'in', [...scope.services]) : eb('delivery.id', 'is', null),
    ]);
}

function matching(filter: DeliveryFilter) {
  return (eb: ExpressionBuilder<Database, 'delivery'>) => {
    const conditions = [];
    if (filter.status !== undefined) conditions.push(eb('delivery.status', '=', filter.status));
    if (filter.service !== undefined) conditions.push(eb('delivery.service', '=', filter.service));
    if (filter.endpointId !== undefined) conditions.push(eb('delivery.endpoint_id', '=', filter.endpointId));
    if (filter.from !== undefined) conditions.push(eb('delivery.created_at', '>=', filter.from));
    if (filter.to !== undefined) conditions.push(eb('delivery.created_at', '<', filter.to));
    return eb.and(conditions);
  };
}

/** Newest first (ids sort by creation); `before` is the last id of the previous page. */
export async function listDeliveries(db: Executor, scope: DeliveryScope, filter: DeliveryFilter, page: { before?: string; limit: number }) {
  let query = db.selectFrom('delivery').selectAll().where(inScope(scope)).where(matching(filter)).orderBy('id', 'desc').limit(page.limit);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  return query.execute();
}

export async function findDelivery(db: Executor, scope: DeliveryScope, id: string) {
  return db.selectFrom('delivery').selectAll().where('id', '=', id).where(inScope(scope)).executeTakeFirst();
}

export async function attemptsOfDelivery(db: Executor, deliveryId: string) {
  return db.selectFrom('delivery_attempt').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
}

const REQUEUE = (now: string) =>
  ({ status: 'pending', round_attempts: 0, next_attempt_at: now, failed_at: null, delivered_at: null, updated_at: now }) as const;

/** Back into the queue from the start of the retry schedule — only from `failed` or `delivered` (never twice in flight). */
export async function requeueDelivery(db: Executor, scope: DeliveryScope, id: string, now: string) {
  return db
    .updateTable('delivery')
    .set(REQUEUE(now))
    .where('id', '=', id)
    .where(inScope(scope))
    .where('status', 'in', ['failed', 'delivered'])
    .returningAll()
    .executeTakeFirst();
}

/** Failed deliveries to enabled endpoints matching the filter, after `afterId` in id order (a bulk resend's next chunk). */
function failedToEnabled(db: Executor, scope: DeliveryScope, filter: DeliveryFilter) {
  return db
    .selectFrom('delivery')
    .where(inScope(scope))
    .where(matching({ ...filter, status: 'failed' }))
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('notification_endpoint as e').select('e.id').whereRef('e.id', '=', 'delivery.endpoint_id').where('e.enabled', '=', 1)),
    );
}

export async function countFailedToEnabled(db: Executor, scope: DeliveryScope, filter: DeliveryFilter): Promise<number> {
  const row = await failedToEnabled(db, scope, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function requeueFailedChunk(db: Executor, scope: DeliveryScope, filter: DeliveryFilter, afterId: string | null, limit: number, now: string) {
  let chunk = failedToEnabled(db, scope, filter).select('delivery.id').orderBy('delivery.id').limit(limit);
  if (afterId !== null) chunk = chunk.where('delivery.id', '>', afterId);
  const ids = (await chunk.execute()).map((r) => r.id);
  if (ids.length === 0) return { requeued: 0, lastId: null };
  const updated = await db.updateTable('delivery').set(REQUEUE(now)).where('id', 'in', ids).where('status', '=', 'failed').execute();
  return { requeued: Number(updated[0]?.numUpdatedRows ?? 0), lastId: ids[ids.length - 1] as string };
}

/** A test event goes to one endpoint only: the event is written already dispatched, with its one delivery. */
export async function insertTestEvent(db: Executor, event: OutboxEventTable, delivery: DeliveryTable): Promise<void> {
  await db.insertInto('outbox_event').values(event).execute();
  await db.insertInto('delivery').values(delivery).execute();
}

export async function insertResendJob(db: Executor, job: ResendJobTable): Promise<void> {
  await db.insertInto('resend_job').values(job).execute();
}

export async function findResendJob(db: Executor, scope: Pick<DeliveryScope, 'accountId' | 'environment'>, id: string) {
  return db
    .selectFrom('resend_job')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
}

/** The oldest job to work on: queued, or running but not touched for `staleBefore` (its worker died). */
export async function claimResendJob(db: Executor, now: string, staleBefore: string) {
  const candidate = await db
    .selectFrom('resend_job')
    .select(['id', 'updated_at'])
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('updated_at', '<', staleBefore)])]))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!candidate) return undefined;
  // Guarded on the row as read: of two workers, one wins.
  return db
    .updateTable('resend_job')
    .set({ status: 'running', updated_at: now })
    .where('id', '=', candidate.id)
    .where('updated_at', '=', candidate.updated_at)
    .where('status', '!=', 'completed')
    .returningAll()
    .executeTakeFirst();
}

export async function updateResendJob(
  db: Executor,
  id: string,
  changes: Partial<Pick<ResendJobTable, 'status' | 'processed' | 'last_delivery_id' | 'finished_at' | 'updated_at'>>,
) {
  await db.updateTable('resend_job').set(changes).where('id', '=', id).execute();
}

/** Account and environment of a delivery, by id alone: coordinators address deliveries across accounts. */
export async function deliveryOwner(db: Executor, id: string) {
  return db.selectFrom('delivery').select(['account_id', 'environment']).where('id', '=', id).executeTakeFirst();
}
