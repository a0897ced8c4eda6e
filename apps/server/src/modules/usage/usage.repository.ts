import type { Executor } from '../../db/executor.ts';
import type { Environment, UsageMinuteTable } from '../../db/schema.ts';

/** Adds counts to per-minute rows; concurrent flushes from several nodes add up thanks to ON CONFLICT. */
export async function addUsage(db: Executor, rows: UsageMinuteTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('usage_minute')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['minute', 'application_id', 'environment', 'service', 'version', 'operation', 'status']).doUpdateSet((eb) => ({
        request_count: eb('usage_minute.request_count', '+', eb.ref('excluded.request_count')),
        total_latency_ms: eb('usage_minute.total_latency_ms', '+', eb.ref('excluded.total_latency_ms')),
      })),
    )
    .execute();
}

export async function summarizeUsage(db: Executor, filter: { applicationId: string; environment: Environment; since: string }) {
  return db
    .selectFrom('usage_minute')
    .select(['service', 'version', 'operation', 'status'])
    .select((eb) => [eb.fn.sum<number>('request_count').as('requests'), eb.fn.sum<number>('total_latency_ms').as('total_latency_ms')])
    .where('application_id', '=', filter.applicationId)
    .where('environment', '=', filter.environment)
    .where('minute', '>=', filter.since)
    .groupBy(['service', 'version', 'operation', 'status'])
    .orderBy('service')
    .orderBy('operation')
    .orderBy('status')
    .execute();
}

/** An account's calls per application, environment, service, version, operation and status (coordinators' view). */
export async function summarizeAccountUsage(db: Executor, filter: { accountId: string; since: string }) {
  return db
    .selectFrom('usage_minute')
    .select(['application_id', 'environment', 'service', 'version', 'operation', 'status'])
    .select((eb) => [eb.fn.sum<number>('request_count').as('requests'), eb.fn.sum<number>('total_latency_ms').as('total_latency_ms')])
    .where('account_id', '=', filter.accountId)
    .where('minute', '>=', filter.since)
    .groupBy(['application_id', 'environment', 'service', 'version', 'operation', 'status'])
    .orderBy('application_id')
    .orderBy('environment')
    .orderBy('service')
    .orderBy('version')
    .orderBy('operation')
    .orderBy('status')
    .execute();
}
