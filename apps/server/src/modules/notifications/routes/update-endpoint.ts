import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { Endpoint, EndpointIdParams, UpdateEndpointBody } from '../endpoints.schemas.ts';
import { type EndpointDeps, updateEndpointSettings } from '../endpoints.service.ts';
import { ENDPOINT_NOT_FOUND, endpointCallerOf, errorResponses, GATEWAY, PREFIX, ROLE_MISSING, TAGS } from './route-support.ts';

export function updateEndpointRoute(app: AtlasApp, ctx: ServiceContext, deps: EndpointDeps): void {
  app.patch(`${PREFIX}/endpoints/:endpoint_id`, {
    config: GATEWAY,
    schema: {
      operationId: 'updateNotificationEndpoint',
      summary: 'Update, disable or enable a notification endpoint',
      description:
        'Changes the URL (checked like at registration), credentials (null removes them), event filter (null: every type), format, or ' +
        '`enabled` (false stops deliveries: queued ones wait and flow again once enabled; events occurring while disabled are not sent to it). ' +
        'Only the fields sent change.',
      tags: TAGS,
      params: EndpointIdParams,
      body: UpdateEndpointBody,
      response: {
        200: { ...Endpoint, description: 'The endpoint as changed.' },
        ...errorResponses('v2', {
          400: 'Invalid fields (listed in `errors`) or NOTIFICATIONS_URL_NOT_ALLOWED.',
          403: ROLE_MISSING,
          404: ENDPOINT_NOT_FOUND,
          409: 'NOTIFICATIONS_ENDPOINT_CHANGED: another request changed the endpoint at the same time; read it and retry.',
        }),
      },
    },
    handler: async (request) => updateEndpointSettings(ctx, deps, endpointCallerOf(request), request.params.endpoint_id, request.body),
  });
}
