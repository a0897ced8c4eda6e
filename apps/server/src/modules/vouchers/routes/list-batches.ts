import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { BatchPage, ListBatchesQuery } from '../vouchers.schemas.ts';
import { listBatchesPage } from '../vouchers.service.ts';
import { callerOf, errorResponses, gatewayOf, SERVICE, TAGS } from './route-support.ts';

export function listBatchesRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/batches`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listVoucherBatches${api.operationSuffix}`,
        summary: 'List voucher batches',
        description: "Batches of the token's environment, newest first, optionally only `active` or `void` ones. Cursor paging.",
        tags: TAGS,
        params: paramsFor(api),
        querystring: ListBatchesQuery,
        response: { 200: BatchPage, ...errorResponses(api.version, { 404: 'v1: the account_code is not yours.' }) },
      },
      handler: async (request) => listBatchesPage(deps.ctx, callerOf(request), request.query),
    });
  }
}
