import type { Executor } from '../../db/executor.ts';
import type { PortalUserRow } from '../../db/schema.ts';

/** Reads the portal needs that no other module offers yet (Kysely only). */

/** Usernames are unique across Atlas, so the API Store signs in without an account code. */
export async function findUserByUsername(db: Executor, username: string): Promise<PortalUserRow | undefined> {
  return db.selectFrom('portal_user').selectAll().where('username', '=', username).executeTakeFirst();
}

/**
 * Requests per day, service, version and status of one account (both environments apart), from the per-minute usage
 * rows. `minute` is ISO text, so its first 10 characters are the UTC day in every dialect.
 */
export async function dailyUsage(db: Executor, filter: { accountId: string; since: string; environment?: 'production' | 'sandbox' }) {
  let query = db
    .selectFrom('usage_minute')
    .select((eb) => [
      eb.fn<string>('substr', ['minute', eb.val(1), eb.val(10)]).as('day'),
      'environment',
      'service',
      'version',
      'status',
      eb.fn.sum<number>('request_count').as('requests'),
      eb.fn.sum<number>('total_latency_ms').as('total_latency_ms'),
    ])
    .where('account_id', '=', filter.accountId)
    .where('minute', '>=', filter.since);
  if (filter.environment) query = query.where('environment', '=', filter.environment);
  const rows = await query.groupBy(['day', 'environment', 'service', 'version', 'status']).orderBy('day').orderBy('service').execute();
  return rows.map((r) => ({
    day: r.day,
    environment: r.environment,
    service: r.service,
    version: r.version,
    status: Number(r.status),
    requests: Number(r.requests),
    total_latency_ms: Number(r.total_latency_ms),
  }));
}
