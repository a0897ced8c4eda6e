import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { Batch, BatchIdParam, EmptyBody } from '../vouchers.schemas.ts';
import { voidBatch } from '../vouchers.service.ts';
import { absentBodyIsEmpty, BATCH_NOT_FOUND, callerOf, errorResponses, gatewayOf, pathOf, SERVICE, TAGS } from './route-support.ts';

export function voidBatchRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/batches/:batch_id/void`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `voidVoucherBatch${api.operationSuffix}`,
        summary: 'Void a voucher batch',
        description:
          'Voids the batch and every code of it that can still be used (reserved codes lose their reservation). Redeemed, ' +
          'forfeited and expired codes keep their state. Cannot be undone.',
        tags: TAGS,
        params: paramsFor(api, BatchIdParam),
        body: EmptyBody,
        response: {
          200: { ...Batch, description: 'The batch, now void.' },
          ...errorResponses(api.version, { 404: BATCH_NOT_FOUND, 409: 'VOUCHER_BATCH_VOID: the batch is already void.' }),
        },
      },
      preValidation: absentBodyIsEmpty,
      handler: async (request) => voidBatch(deps.ctx, callerOf(request), pathOf(request).batch_id),
    });
  }
}
