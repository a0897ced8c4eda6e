import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { ListVersionsQuery, TestCodeParam, TestVersionList } from '../test-publication.schemas.ts';
import { listTestVersions } from '../test-publication.service.ts';
import { callerOf, errorResponses, gatewayOf, NOT_FOUND, pathOf, SERVICE, TAGS } from './route-support.ts';

export function listTestVersionsRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/tests/:test_code/versions`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listTestVersions${api.operationSuffix}`,
        summary: 'List the versions of a test',
        description: 'Every version of the definition, oldest first; `is_current` marks the one new bookings get.',
        tags: TAGS,
        params: paramsFor(api, TestCodeParam),
        querystring: ListVersionsQuery,
        response: { 200: TestVersionList, ...errorResponses(api.version, { 404: NOT_FOUND }) },
      },
      handler: async (request) => listTestVersions(deps.ctx, callerOf(request), pathOf(request).test_code, request.query),
    });
  }
}
