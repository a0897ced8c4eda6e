/**
 * Writes a batch of finished attempts in ONE transaction: the attempt log, each delivery's new state (delivered,
 * retry at its time, or failed = error queue), and the endpoints' health (410 disables at once; days of failures
 * disable with a notice — an audit row and `disabled_reason`).
 */
import type { DeliveryAttemptTable, DeliveryTable } from '../../../db/tables/deliveries.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { recordAudit } from '../../identity/audit.ts';
import { decideAfterAttempt, shouldAutoDisable } from './delivery.policy.ts';
import {
  clearFailingSince,
  disableEndpoint,
  insertAttempts,
  markDelivered,
  markUnsuccessful,
  startFailingSince,
  type UnsuccessfulAttempt,
} from './dispatch.repository.ts';
import type { WebhookResponse } from './webhook-client.ts';

export interface FinishedAttempt {
  delivery: DeliveryTable;
  startedAt: string;
  response: WebhookResponse;
  /** The event cannot be rendered for this endpoint's format: no retry would help. */
  permanent?: boolean;
}

async function disableWithNotice(ctx: ServiceContext, trx: ServiceContext['db'], endpointId: string, reason: 'gone' | 'failing', now: string) {
  const disabled = await disableEndpoint(trx, endpointId, reason, now);
  if (!disabled) return;
  await recordAudit(trx, ctx, {
    actor: 'system',
    accountId: disabled.account_id,
    action: 'notification_endpoint.disabled',
    targetType: 'notification_endpoint',
    targetId: endpointId,
    details: {
      reason,
      why: reason === 'gone' ? 'the receiver answered 410 Gone' : `every attempt failed since ${disabled.failing_since}`,
      environment: disabled.environment,
      service: disabled.service,
      url: disabled.url,
    },
  });
}

export async function recordAttempts(ctx: ServiceContext, owner: string, finished: FinishedAttempt[], random: () => number): Promise<void> {
  if (finished.length === 0) return;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const attempts: DeliveryAttemptTable[] = [];
  const deliveredByCode = new Map<number, string[]>();
  const unsuccessful: UnsuccessfulAttempt[] = [];
  const succeeded = new Set<string>();
  const failing = new Set<string>();
  const gone = new Set<string>();
  for (const { delivery, startedAt, response, permanent } of finished) {
    const decision = decideAfterAttempt(
      { statusCode: response.statusCode, retryAfter: response.retryAfter, permanent },
      delivery.round_attempts + 1,
      now,
      random,
    );
    attempts.push({
      id: ctx.ids.id('deliveryAttempt'),
      delivery_id: delivery.id,
      attempt: delivery.attempts + 1,
      started_at: startedAt,
      outcome: decision.outcome,
      status_code: response.statusCode,
      latency_ms: response.latencyMs,
      response_excerpt: response.excerpt,
      error: response.error,
    });
    if (decision.outcome === 'delivered') {
      const code = response.statusCode as number;
      deliveredByCode.set(code, [...(deliveredByCode.get(code) ?? []), delivery.id]);
      succeeded.add(delivery.endpoint_id);
      continue;
    }
    if (decision.outcome === 'gone') gone.add(delivery.endpoint_id);
    else if (!permanent) failing.add(delivery.endpoint_id);
    const error = decision.outcome === 'gone' ? 'the receiver answered 410 Gone: the endpoint is disabled' : (response.error ?? `HTTP ${response.statusCode}`);
    unsuccessful.push({
      id: delivery.id,
      status: decision.outcome === 'retry' ? 'pending' : 'failed',
      nextAttemptAt: (decision.nextAttemptAt ?? now).toISOString(),
      statusCode: response.statusCode,
      error,
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await insertAttempts(trx, attempts);
    for (const [code, ids] of deliveredByCode) await markDelivered(trx, owner, ids, code, nowIso);
    for (const attempt of unsuccessful) await markUnsuccessful(trx, owner, attempt, nowIso);
    await clearFailingSince(trx, [...succeeded]);
    // An endpoint with a success in this batch is not "continuously failing".
    const stillFailing = [...failing].filter((id) => !succeeded.has(id));
    for (const endpoint of await startFailingSince(trx, stillFailing, nowIso)) {
      if (shouldAutoDisable(endpoint.failing_since, now)) await disableWithNotice(ctx, trx, endpoint.id, 'failing', nowIso);
    }
    for (const endpointId of gone) await disableWithNotice(ctx, trx, endpointId, 'gone', nowIso);
  });
}
