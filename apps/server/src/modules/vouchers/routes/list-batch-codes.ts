import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { BatchIdParam, ListCodesQuery, VoucherPage } from '../vouchers.schemas.ts';
import { listCodesPage } from '../vouchers.service.ts';
import { BATCH_NOT_FOUND, callerOf, errorResponses, gatewayOf, pathOf, SERVICE, TAGS } from './route-support.ts';

export function listBatchCodesRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/batches/:batch_id/codes`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listVoucherBatchCodes${api.operationSuffix}`,
        summary: 'List the codes of a batch',
        description: 'The codes of the batch with their state, uses and reservation, optionally filtered by `state`. Cursor paging.',
        tags: TAGS,
        params: paramsFor(api, BatchIdParam),
        querystring: ListCodesQuery,
        response: { 200: VoucherPage, ...errorResponses(api.version, { 404: BATCH_NOT_FOUND }) },
      },
      handler: async (request) => listCodesPage(deps.ctx, callerOf(request), pathOf(request).batch_id, request.query),
    });
  }
}
