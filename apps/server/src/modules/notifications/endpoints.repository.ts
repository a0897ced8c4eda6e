import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { NotificationEndpointTable, OutboundService } from '../../db/tables/notifications.ts';

export interface EndpointScope {
  accountId: string;
  environment: Environment;
}

export async function insertEndpoint(db: Executor, endpoint: NotificationEndpointTable): Promise<void> {
  await db.insertInto('notification_endpoint').values(endpoint).execute();
}

export async function findEndpoint(db: Executor, scope: EndpointScope, id: string) {
  return db
    .selectFrom('notification_endpoint')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
}

/** Newest first (ids sort by creation); `before` is the last id of the previous page. */
export async function listEndpoints(db: Executor, scope: EndpointScope, page: { before?: string; service?: OutboundService; limit: number }) {
  let query = db
    .selectFrom('notification_endpoint')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  if (page.service !== undefined) query = query.where('service', '=', page.service);
  return query.execute();
}

export type EndpointChanges = Partial<
  Pick<
    NotificationEndpointTable,
    | 'url'
    | 'auth_type'
    | 'auth_secret'
    | 'event_types'
    | 'format'
    | 'enabled'
    | 'disabled_reason'
    | 'signing_secret'
    | 'previous_signing_secret'
    | 'previous_secret_expires_at'
  >
>;

/** Applies changes only if the row is still at `version` (no lost update between read and write); null when it moved on. */
export async function updateEndpoint(db: Executor, scope: EndpointScope, id: string, version: number, changes: EndpointChanges, now: string) {
  return db
    .updateTable('notification_endpoint')
    .set({ ...changes, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteEndpoint(db: Executor, scope: EndpointScope, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('notification_endpoint')
    .where('id', '=', id)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
