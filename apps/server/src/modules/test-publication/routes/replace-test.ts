import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { ReplaceTestBody, TestCodeParam, TestResource } from '../test-publication.schemas.ts';
import { replaceTest } from '../test-publication.service.ts';
import { callerOf, errorResponses, gatewayOf, NOT_FOUND, pathOf, SERVICE, TAGS } from './route-support.ts';

export function replaceTestRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.put(`${api.prefix}/tests/:test_code`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `replaceTest${api.operationSuffix}`,
        summary: 'Replace the definition of a test',
        description:
          'Sends the whole definition. A draft changes in place (still version 1). A published test gets a new version that becomes current; earlier versions stay readable and bookings keep the version they were made under. The same definition again changes nothing. A retired test cannot change (409).',
        tags: TAGS,
        params: paramsFor(api, TestCodeParam),
        body: ReplaceTestBody,
        response: {
          200: TestResource,
          ...errorResponses(api.version, {
            404: NOT_FOUND,
            409: 'TEST_PUBLICATION_TEST_RETIRED: the test is retired; TEST_PUBLICATION_CONCURRENT_CHANGE: another request changed it meanwhile.',
          }),
        },
      },
      handler: async (request) => replaceTest(deps.ctx, callerOf(request), pathOf(request).test_code, request.body),
    });
  }
}
