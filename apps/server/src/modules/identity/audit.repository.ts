import type { Executor } from '../../db/executor.ts';
import type { NewAuditEvent } from '../../db/schema.ts';

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db.insertInto('audit_event').values(event).execute();
}

export async function listAuditEvents(db: Executor, filter: { accountId?: string; limit: number }) {
  let query = db.selectFrom('audit_event').selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  return query.execute();
}
