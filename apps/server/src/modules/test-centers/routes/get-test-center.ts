import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { CenterDetail, LocationCodeParam } from '../test-centers.schemas.ts';
import { getCenter } from '../test-centers.service.ts';

export function getTestCenterRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions('test-centers')) {
    app.get(`${api.prefix}/test-centers/:location_code`, {
      config: { gateway: { service: 'test-centers', version: api.version } },
      schema: {
        operationId: `getTestCenter${api.operationSuffix}`,
        summary: 'Get a test centre',
        description:
          'Address, coordinates, IANA time zone with its current UTC offset and local time, seats, weekly hours (local), the opening ' +
          'times of the next 7 local days in UTC and in local time (daylight-saving changes included, closures removed) and the ' +
          'upcoming closures.',
        tags: ['test-centers'],
        params: paramsFor(api, LocationCodeParam),
        response: { 200: CenterDetail },
      },
      handler: async (request) => getCenter(deps.ctx, (request.params as { location_code: string }).location_code),
    });
  }
}
