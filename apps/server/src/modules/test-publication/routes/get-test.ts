import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { TestCodeParam, TestResource } from '../test-publication.schemas.ts';
import { getTest } from '../test-publication.service.ts';
import { callerOf, errorResponses, gatewayOf, NOT_FOUND, pathOf, SERVICE, TAGS } from './route-support.ts';

export function getTestRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/tests/:test_code`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getTest${api.operationSuffix}`,
        summary: 'Read a test',
        description: 'The test in its current version (what new bookings get), whatever its state.',
        tags: TAGS,
        params: paramsFor(api, TestCodeParam),
        response: { 200: TestResource, ...errorResponses(api.version, { 404: NOT_FOUND }) },
      },
      handler: async (request) => getTest(deps.ctx, callerOf(request), pathOf(request).test_code),
    });
  }
}
