import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { OutboundService } from '../../db/tables/notifications.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { OUTBOUND_SERVICES } from './notifications.policy.ts';

export interface OutboxEventInput {
  accountId: string;
  environment: Environment;
  service: OutboundService;
  /** e.g. `booking.created` (see notifications.md for each service's types). */
  type: string;
  entityType: string;
  entityId: string;
  /** The entity's version after the change; one event per (service, entity, version). */
  entityVersion: number;
  previousState?: string | null;
  /** When the change happened; defaults to now. */
  occurredAt?: string;
  /** The event's `data` (JSON-serialisable). */
  payload: unknown;
}

/**
 * Records a domain event in the outbox, inside the CALLER's transaction: pass the `trx` that makes the change, so
 * the event commits with it or not at all (nothing is lost if the process dies between the change and delivery).
 * Returns the event id (`evt_…`), which is also the `webhook-id` every delivery of it carries.
 */
export async function recordEvent(trx: Executor, ctx: ServiceContext, event: OutboxEventInput): Promise<string> {
  // A type no endpoint can subscribe to is a programming error of the caller: fail its transaction loudly.
  if (!OUTBOUND_SERVICES[event.service].events.includes(event.type)) {
    throw new Error(`${event.service} has no event type ${event.type} (see notifications.policy.ts)`);
  }
  const now = ctx.clock.now().toISOString();
  const id = ctx.ids.id('event');
  await trx
    .insertInto('outbox_event')
    .values({
      id,
      account_id: event.accountId,
      environment: event.environment,
      service: event.service,
      type: event.type,
      entity_type: event.entityType,
      entity_id: event.entityId,
      entity_version: event.entityVersion,
      previous_state: event.previousState ?? null,
      occurred_at: event.occurredAt ?? now,
      payload: JSON.stringify(event.payload ?? {}),
      created_at: now,
      dispatched_at: null,
    })
    .execute();
  return id;
}
