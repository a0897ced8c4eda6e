import type { Principal } from '../../gateway/principal.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { findApplicationNameAndTier } from '../identity/application.repository.ts';
import { summarizeUsage } from '../usage/usage.repository.ts';

/** "Who am I": the token's principal, with the application read fresh from the database. */
export async function describeCaller(ctx: ServiceContext, principal: Principal, clientIp: string) {
  const application = await findApplicationNameAndTier(ctx.db, principal.applicationId);
  const nowMs = ctx.clock.now().getTime();
  return {
    account_code: principal.accountCode,
    account_name: principal.accountName,
    application_id: principal.applicationId,
    application_name: application?.name ?? principal.applicationName,
    environment: principal.environment,
    user: principal.username,
    scope: principal.scope,
    roles: principal.sortedRoles,
    subscriptions: principal.sortedSubscriptions,
    throttling_tier: application?.throttling_tier ?? principal.applicationTier.tier,
    token: {
      issued_at: principal.issuedAt,
      expires_at: new Date(principal.expiresAtMs).toISOString(),
      expires_in: Math.max(0, Math.floor((principal.expiresAtMs - nowMs) / 1000)),
    },
    client_ip: clientIp,
    ip_allow_list: [...principal.cidrs],
  };
}

/** Usage of the caller's application in the caller's environment only: sandbox tokens never see production rows. */
export async function summarizeCallerUsage(ctx: ServiceContext, principal: Principal, hours: number) {
  const since = new Date(ctx.clock.now().getTime() - hours * 3_600_000);
  since.setUTCSeconds(0, 0);
  const rows = await summarizeUsage(ctx.db, { applicationId: principal.applicationId, environment: principal.environment, since: since.toISOString() });
  return {
    environment: principal.environment,
    since: since.toISOString(),
    data: rows.map((row) => ({
      service: row.service,
      version: row.version,
      operation: row.operation,
      status: Number(row.status),
      requests: Number(row.requests),
      average_latency_ms: Math.round((Number(row.total_latency_ms) / Math.max(1, Number(row.requests))) * 10) / 10,
    })),
  };
}
