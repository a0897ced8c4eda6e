import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { DeliveryIdParams, DeliveryWithAttempts } from '../deliveries.schemas.ts';
import { getDeliveryWithAttempts } from '../deliveries.service.ts';
import { DELIVERY_NOT_FOUND, deliveryCallerOf, errorResponses, GATEWAY, PREFIX, TAGS } from './route-support.ts';

export function getDeliveryRoute(app: AtlasApp, ctx: ServiceContext): void {
  app.get(`${PREFIX}/deliveries/:delivery_id`, {
    config: GATEWAY,
    schema: {
      operationId: 'getNotificationDelivery',
      summary: 'Get a delivery with every attempt',
      description: 'The delivery and its attempt log: time, outcome, HTTP status, latency, the first KiB of the answer or the error.',
      tags: TAGS,
      params: DeliveryIdParams,
      response: { 200: DeliveryWithAttempts, ...errorResponses('v2', { 404: DELIVERY_NOT_FOUND }) },
    },
    handler: async (request) => getDeliveryWithAttempts(ctx, deliveryCallerOf(request), request.params.delivery_id),
  });
}
