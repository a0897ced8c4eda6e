import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import { IdempotencyHeaders, sendIdempotent } from '../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { CreateTestBody, TestResource } from '../test-publication.schemas.ts';
import { createTest } from '../test-publication.service.ts';
import { ACCOUNT_NOT_FOUND, callerOf, errorResponses, gatewayOf, SERVICE, TAGS } from './route-support.ts';

export function createTestRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/tests`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `createTest${api.operationSuffix}`,
        summary: 'Create (and publish) a test',
        description:
          "Creates a test in the token's environment, published at once unless `publish` is false (then a draft). Omitted policy fields take the documented defaults. Supports `Idempotency-Key`.",
        tags: TAGS,
        params: paramsFor(api),
        headers: IdempotencyHeaders,
        body: CreateTestBody,
        response: {
          201: { ...TestResource, description: 'The test as created (version 1).' },
          ...errorResponses(api.version, {
            ...(api.version === 'v1' ? { 404: ACCOUNT_NOT_FOUND } : {}),
            409: 'TEST_PUBLICATION_CODE_TAKEN: the test_code is already used in this account and environment.',
            422: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        const result = await createTest(deps.ctx, callerOf(request), request.body, key);
        return sendIdempotent(reply, result, `${request.url.split('?')[0]}/${result.body.test_code}`);
      },
    });
  }
}
