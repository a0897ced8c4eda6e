import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { TestCodeParam, TestVersionResource, VersionParam } from '../test-publication.schemas.ts';
import { getTestVersion } from '../test-publication.service.ts';
import { callerOf, errorResponses, gatewayOf, NOT_FOUND, pathOf, SERVICE, TAGS } from './route-support.ts';

export function getTestVersionRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/tests/:test_code/versions/:version`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getTestVersion${api.operationSuffix}`,
        summary: 'Read one version of a test',
        description: 'A version as it was published (versions of a published test never change): what bookings made under it follow.',
        tags: TAGS,
        params: paramsFor(api, { ...TestCodeParam, ...VersionParam }),
        response: {
          200: TestVersionResource,
          ...errorResponses(api.version, { 404: `${NOT_FOUND} TEST_PUBLICATION_VERSION_NOT_FOUND: the test has no such version.` }),
        },
      },
      handler: async (request) => getTestVersion(deps.ctx, callerOf(request), pathOf(request).test_code, pathOf(request).version),
    });
  }
}
