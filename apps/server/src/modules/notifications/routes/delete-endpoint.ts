import { Type } from 'typebox';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { EndpointIdParams } from '../endpoints.schemas.ts';
import { removeEndpoint } from '../endpoints.service.ts';
import { ENDPOINT_NOT_FOUND, endpointCallerOf, errorResponses, GATEWAY, PREFIX, ROLE_MISSING, TAGS } from './route-support.ts';

export function deleteEndpointRoute(app: AtlasApp, ctx: ServiceContext): void {
  app.delete(`${PREFIX}/endpoints/:endpoint_id`, {
    config: GATEWAY,
    schema: {
      operationId: 'deleteNotificationEndpoint',
      summary: 'Delete a notification endpoint',
      description: 'Removes the endpoint: nothing more is sent to it. To pause deliveries instead, PATCH `enabled: false`.',
      tags: TAGS,
      params: EndpointIdParams,
      response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses('v2', { 403: ROLE_MISSING, 404: ENDPOINT_NOT_FOUND }) },
    },
    handler: async (request, reply) => {
      await removeEndpoint(ctx, endpointCallerOf(request), request.params.endpoint_id);
      return reply.code(204).send(null);
    },
  });
}
