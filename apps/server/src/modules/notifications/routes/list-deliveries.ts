import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { DeliveryPage, ListDeliveriesQuery } from '../deliveries.schemas.ts';
import { listDeliveriesPage } from '../deliveries.service.ts';
import { deliveryCallerOf, errorResponses, GATEWAY, PREFIX, TAGS } from './route-support.ts';

export function listDeliveriesRoute(app: AtlasApp, ctx: ServiceContext): void {
  app.get(`${PREFIX}/deliveries`, {
    config: GATEWAY,
    schema: {
      operationId: 'listNotificationDeliveries',
      summary: 'List deliveries (the error queue with ?status=failed)',
      description:
        "Deliveries of the token's environment, newest first, of the services your roles cover; filter by `status` (`failed` is the error " +
        'queue), `service`, `endpoint_id` and a creation range `from`/`to`. Cursor paging.',
      tags: TAGS,
      querystring: ListDeliveriesQuery,
      response: { 200: DeliveryPage, ...errorResponses('v2', { 400: 'Invalid query (listed in `errors`).' }) },
    },
    handler: async (request) => listDeliveriesPage(ctx, deliveryCallerOf(request), request.query),
  });
}
