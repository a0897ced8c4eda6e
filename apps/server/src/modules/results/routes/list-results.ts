import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { ListResultsQuery, ResultPage } from '../results.schemas.ts';
import { listResultsPage } from '../results.service.ts';
import { callerOf, errorResponses, gatewayOf, SERVICE, TAGS } from './route-support.ts';

export function listResultsRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/results`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listResults${api.operationSuffix}`,
        summary: 'List score reports',
        description:
          "Results of the token's environment, newest first; filter by `booking_code`, `candidate_id`, `eligibility_code` or `state`. Cursor paging.",
        tags: TAGS,
        params: paramsFor(api),
        querystring: ListResultsQuery,
        response: { 200: ResultPage, ...errorResponses(api.version, { 404: 'v1: the account_code is not yours.' }) },
      },
      handler: async (request) => listResultsPage(deps.ctx, callerOf(request), request.query),
    });
  }
}
