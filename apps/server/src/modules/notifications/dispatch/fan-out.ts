/** Turns new outbox events into `delivery` rows, one per matching enabled endpoint, in one transaction per batch. */
import type { DeliveryTable } from '../../../db/tables/deliveries.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { endpointWantsEvent } from './delivery.policy.ts';
import { claimUndispatchedEvents, enabledEndpointsOfAccounts, insertDeliveries, markEventsDispatched } from './dispatch.repository.ts';

/** Fans out up to `limit` events; returns how many events were handled (0: nothing new). */
export async function fanOutEvents(ctx: ServiceContext, limit: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const events = await claimUndispatchedEvents(trx, limit);
    if (events.length === 0) return 0;
    const now = ctx.clock.now().toISOString();
    const endpoints = await enabledEndpointsOfAccounts(trx, [...new Set(events.map((e) => e.account_id))]);
    const rows: DeliveryTable[] = [];
    for (const event of events) {
      let data: unknown;
      const dataOf = () => {
        data ??= JSON.parse(event.payload);
        return data;
      };
      for (const endpoint of endpoints) {
        if (endpoint.account_id !== event.account_id || endpoint.environment !== event.environment || endpoint.service !== event.service) continue;
        // The payload is parsed only when a psi-v1 endpoint needs to look at its change reason.
        const wants = endpointWantsEvent(
          { format: endpoint.format, event_types: endpoint.event_types },
          {
            type: event.type,
            get data() {
              return dataOf();
            },
          },
        );
        if (!wants) continue;
        rows.push({
          id: ctx.ids.id('delivery'),
          event_id: event.id,
          endpoint_id: endpoint.id,
          account_id: event.account_id,
          environment: event.environment,
          service: event.service,
          event_type: event.type,
          entity_type: event.entity_type,
          entity_id: event.entity_id,
          entity_version: event.entity_version,
          status: 'pending',
          attempts: 0,
          round_attempts: 0,
          next_attempt_at: now,
          lease_owner: null,
          lease_expires_at: null,
          last_status_code: null,
          last_error: null,
          created_at: now,
          updated_at: now,
          delivered_at: null,
          failed_at: null,
        });
      }
    }
    await insertDeliveries(trx, rows);
    await markEventsDispatched(
      trx,
      events.map((e) => e.id),
      now,
    );
    return events.length;
  });
}
