import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import { requirePrincipal } from '../../../gateway/require-principal.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { CenterList, SearchQuery } from '../test-centers.schemas.ts';
import { searchCenters } from '../test-centers.service.ts';

export function searchTestCentersRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions('test-centers')) {
    app.get(`${api.prefix}/test-centers`, {
      config: { gateway: { service: 'test-centers', version: api.version } },
      schema: {
        operationId: `searchTestCenters${api.operationSuffix}`,
        summary: 'Search test centres',
        description:
          'Centres of the network, filtered by country, region, status and the test you want to deliver (`test_code`: only centres ' +
          'its delivery rules allow, none for an online-only test). With `near=lat,lon` the results come nearest first by ' +
          'great-circle distance, each with `distance_km`, optionally within `radius_km`; otherwise by location code. Cursor paging.',
        tags: ['test-centers'],
        ...(api.version === 'v1' ? { params: paramsFor(api) } : {}),
        querystring: SearchQuery,
        response: { 200: CenterList },
      },
      handler: async (request) => searchCenters(deps.ctx, requirePrincipal(request), request.query),
    });
  }
}
