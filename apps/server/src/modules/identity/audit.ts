import type { Executor } from '../../db/executor.ts';
import type { Actor, ServiceContext } from '../../platform/context.ts';
import { insertAuditEvent } from './audit.repository.ts';

export interface AuditEntry {
  actor: Actor;
  accountId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  /** Never secrets: hashes, passwords and tokens stay out of the audit log. */
  details?: Record<string, unknown>;
}

/** Writes an audit event inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(trx: Executor, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(trx, {
    id: ctx.ids.id('auditEvent'),
    occurred_at: ctx.clock.now().toISOString(),
    actor: entry.actor,
    account_id: entry.accountId,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    details: JSON.stringify(entry.details ?? {}),
  });
}
