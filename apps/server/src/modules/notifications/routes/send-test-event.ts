import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { Delivery } from '../deliveries.schemas.ts';
import { sendTestEvent } from '../deliveries.service.ts';
import { EndpointIdParams } from '../endpoints.schemas.ts';
import { deliveryCallerOf, ENDPOINT_NOT_FOUND, errorResponses, GATEWAY, PREFIX, TAGS } from './route-support.ts';

export function sendTestEventRoute(app: AtlasApp, ctx: ServiceContext): void {
  app.post(`${PREFIX}/endpoints/:endpoint_id/test`, {
    config: GATEWAY,
    schema: {
      operationId: 'sendNotificationTestEvent',
      summary: 'Send a test event to an endpoint',
      description:
        'Queues a test event for this endpoint only, sent by the dispatcher like any event (signed, retried, logged). Its type is the ' +
        "service's prefix + `.test`: `booking.test`, `test_center.test`, `proctoring_result.test`, `assessment_result.test`. Booking " +
        'Notification test events carry a sample booking (booking code `TEST…`, candidate "Test Candidate", `test_event: true`), so psi-v1 ' +
        'endpoints receive a well-formed PSI body. Follow it with GET /notifications/v2/deliveries/{delivery_id}.',
      tags: TAGS,
      params: EndpointIdParams,
      response: {
        202: { ...Delivery, description: 'The test delivery, queued.' },
        ...errorResponses('v2', { 404: ENDPOINT_NOT_FOUND, 409: 'NOTIFICATIONS_ENDPOINT_DISABLED: enable the endpoint first.' }),
      },
    },
    handler: async (request, reply) => reply.code(202).send(await sendTestEvent(ctx, deliveryCallerOf(request), request.params.endpoint_id)),
  });
}
