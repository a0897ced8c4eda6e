import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { EndpointPage, ListEndpointsQuery } from '../endpoints.schemas.ts';
import { type EndpointDeps, listEndpointsPage } from '../endpoints.service.ts';
import { endpointCallerOf, GATEWAY, PREFIX, TAGS } from './route-support.ts';

export function listEndpointsRoute(app: AtlasApp, ctx: ServiceContext, deps: EndpointDeps): void {
  app.get(`${PREFIX}/endpoints`, {
    config: GATEWAY,
    schema: {
      operationId: 'listNotificationEndpoints',
      summary: 'List notification endpoints',
      description: "Endpoints of the token's environment, newest first, optionally of one `service`. Cursor paging. Secrets are never shown.",
      tags: TAGS,
      querystring: ListEndpointsQuery,
      response: { 200: EndpointPage },
    },
    handler: async (request) => listEndpointsPage(ctx, deps, endpointCallerOf(request), request.query),
  });
}
