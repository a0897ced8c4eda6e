import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { Delivery, DeliveryIdParams } from '../deliveries.schemas.ts';
import { resendDelivery } from '../deliveries.service.ts';
import { DELIVERY_NOT_FOUND, deliveryCallerOf, errorResponses, GATEWAY, PREFIX, TAGS } from './route-support.ts';

export function resendDeliveryRoute(app: AtlasApp, ctx: ServiceContext): void {
  app.post(`${PREFIX}/deliveries/:delivery_id/resend`, {
    config: GATEWAY,
    schema: {
      operationId: 'resendNotificationDelivery',
      summary: 'Resend a delivery',
      description:
        'Puts a failed (or delivered) delivery back in the queue: it is sent again at once, with the same `webhook-id`, and retried on the ' +
        'schedule if it fails. Its attempt log keeps growing.',
      tags: TAGS,
      params: DeliveryIdParams,
      response: {
        202: { ...Delivery, description: 'Queued again (status pending).' },
        ...errorResponses('v2', {
          404: DELIVERY_NOT_FOUND,
          409: 'NOTIFICATIONS_DELIVERY_IN_PROGRESS (it is pending already) or NOTIFICATIONS_ENDPOINT_DISABLED (enable the endpoint first).',
        }),
      },
    },
    handler: async (request, reply) => reply.code(202).send(await resendDelivery(ctx, deliveryCallerOf(request), request.params.delivery_id)),
  });
}
