import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { Batch, BatchIdParam } from '../vouchers.schemas.ts';
import { getBatch } from '../vouchers.service.ts';
import { BATCH_NOT_FOUND, callerOf, errorResponses, gatewayOf, pathOf, SERVICE, TAGS } from './route-support.ts';

export function getBatchRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/batches/:batch_id`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getVoucherBatch${api.operationSuffix}`,
        summary: 'Get a voucher batch',
        description: 'The batch with its discount, tests, expiry, use limit and how many of its codes are in each state.',
        tags: TAGS,
        params: paramsFor(api, BatchIdParam),
        response: { 200: Batch, ...errorResponses(api.version, { 404: BATCH_NOT_FOUND }) },
      },
      handler: async (request) => getBatch(deps.ctx, callerOf(request), pathOf(request).batch_id),
    });
  }
}
