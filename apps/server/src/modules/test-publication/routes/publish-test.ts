import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { TestCodeParam, TestResource } from '../test-publication.schemas.ts';
import { transitionTest } from '../test-publication.service.ts';
import { callerOf, errorResponses, gatewayOf, NOT_FOUND, pathOf, SERVICE, TAGS } from './route-support.ts';

export function publishTestRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/tests/:test_code/publish`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `publishTest${api.operationSuffix}`,
        summary: 'Publish a draft test',
        description:
          'draft → published: the test becomes bookable in its current version. Anything but a draft answers 409 TEST_PUBLICATION_INVALID_TRANSITION. No body.',
        tags: TAGS,
        params: paramsFor(api, TestCodeParam),
        response: {
          200: TestResource,
          ...errorResponses(api.version, { 404: NOT_FOUND, 409: 'TEST_PUBLICATION_INVALID_TRANSITION: the state does not allow it.' }),
        },
      },
      handler: async (request) => transitionTest(deps.ctx, callerOf(request), pathOf(request).test_code, 'publish'),
    });
  }
}
