import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { ListSessionsQuery, SessionPage } from '../proctoring.schemas.ts';
import { listSessionsPage } from '../proctoring.service.ts';
import { callerOf, errorResponses, gatewayOf, SERVICE, TAGS } from './route-support.ts';

export function listSessionsRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/sessions`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listProctoringSessions${api.operationSuffix}`,
        summary: 'List proctoring sessions',
        description: "Sessions of the token's environment (one per online booking), newest first; filter by `state` or `booking_code`. Cursor paging.",
        tags: TAGS,
        params: paramsFor(api),
        querystring: ListSessionsQuery,
        response: { 200: SessionPage, ...errorResponses(api.version, { 404: 'v1: the account_code is not yours.' }) },
      },
      handler: async (request) => listSessionsPage(deps.ctx, callerOf(request), request.query),
    });
  }
}
