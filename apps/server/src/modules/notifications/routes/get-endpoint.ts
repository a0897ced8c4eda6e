import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { Endpoint, EndpointIdParams } from '../endpoints.schemas.ts';
import { type EndpointDeps, getEndpoint } from '../endpoints.service.ts';
import { ENDPOINT_NOT_FOUND, endpointCallerOf, errorResponses, GATEWAY, PREFIX, TAGS } from './route-support.ts';

export function getEndpointRoute(app: AtlasApp, ctx: ServiceContext, deps: EndpointDeps): void {
  app.get(`${PREFIX}/endpoints/:endpoint_id`, {
    config: GATEWAY,
    schema: {
      operationId: 'getNotificationEndpoint',
      summary: 'Get a notification endpoint',
      description: 'The endpoint with its URL, credential kind, filter, format, state and rotation window. Secrets are never shown.',
      tags: TAGS,
      params: EndpointIdParams,
      response: { 200: Endpoint, ...errorResponses('v2', { 404: ENDPOINT_NOT_FOUND }) },
    },
    handler: async (request) => getEndpoint(ctx, deps, endpointCallerOf(request), request.params.endpoint_id),
  });
}
