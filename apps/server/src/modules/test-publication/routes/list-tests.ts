import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { ListTestsQuery, TestList } from '../test-publication.schemas.ts';
import { listTests } from '../test-publication.service.ts';
import { ACCOUNT_NOT_FOUND, callerOf, errorResponses, gatewayOf, SERVICE, TAGS } from './route-support.ts';

export function listTestsRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/tests`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listTests${api.operationSuffix}`,
        summary: 'List your tests',
        description:
          "Tests of your account in the token's environment, by test_code, in their current version; filter by `state`. Pages with `page_size` and `cursor`.",
        tags: TAGS,
        params: paramsFor(api),
        querystring: ListTestsQuery,
        response: { 200: TestList, ...errorResponses(api.version, api.version === 'v1' ? { 404: ACCOUNT_NOT_FOUND } : {}) },
      },
      handler: async (request) => listTests(deps.ctx, callerOf(request), request.query),
    });
  }
}
