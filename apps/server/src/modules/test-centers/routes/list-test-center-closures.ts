import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { ClosureList, ClosuresQuery, LocationCodeParam } from '../test-centers.schemas.ts';
import { listCenterClosures } from '../test-centers.service.ts';

export function listTestCenterClosuresRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions('test-centers')) {
    app.get(`${api.prefix}/test-centers/:location_code/closures`, {
      config: { gateway: { service: 'test-centers', version: api.version } },
      schema: {
        operationId: `listTestCenterClosures${api.operationSuffix}`,
        summary: "List a centre's closures",
        description: 'Periods in which the centre delivers no test, by start, in UTC and in local time. Upcoming ones by default.',
        tags: ['test-centers'],
        params: paramsFor(api, LocationCodeParam),
        querystring: ClosuresQuery,
        response: { 200: ClosureList },
      },
      handler: async (request) => listCenterClosures(deps.ctx, (request.params as { location_code: string }).location_code, request.query),
    });
  }
}
