import type { Executor } from '../../db/executor.ts';
import type { IdempotencyKeyTable } from '../../db/schema.ts';

type KeyScope = Pick<IdempotencyKeyTable, 'account_id' | 'environment' | 'operation' | 'idempotency_key'>;

/**
 * Claims a key; false when the key exists. On PostgreSQL a concurrent claim of the same key waits for the first
 * transaction to end (unique index), so the loser sees the committed answer; on SQLite transactions are serial.
 */
export async function claimKey(db: Executor, row: IdempotencyKeyTable): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_key')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'environment', 'operation', 'idempotency_key']).doNothing())
    .returning('idempotency_key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findKey(db: Executor, scope: KeyScope) {
  return db
    .selectFrom('idempotency_key')
    .selectAll()
    .where('account_id', '=', scope.account_id)
    .where('environment', '=', scope.environment)
    .where('operation', '=', scope.operation)
    .where('idempotency_key', '=', scope.idempotency_key)
    .executeTakeFirst();
}

export async function storeResponse(db: Executor, scope: KeyScope, status: number, body: string): Promise<void> {
  await db
    .updateTable('idempotency_key')
    .set({ response_status: status, response_body: body })
    .where('account_id', '=', scope.account_id)
    .where('environment', '=', scope.environment)
    .where('operation', '=', scope.operation)
    .where('idempotency_key', '=', scope.idempotency_key)
    .execute();
}

export async function deleteKeysBefore(db: Executor, before: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_key').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
