import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { ListPaymentsQuery, PaymentPage } from '../payment.schemas.ts';
import { listPaymentsPage } from '../payment.service.ts';
import { callerOf, errorResponses, gatewayOf, SERVICE, TAGS, V1_ACCOUNT } from './route-support.ts';

export function listPaymentsRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/payments`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listPayments${api.operationSuffix}`,
        summary: 'List payments',
        description:
          "Payments of the token's environment, newest first; filter by booking_code, hold_id or state (`failed` shows declined cards). Cursor paging.",
        tags: TAGS,
        params: paramsFor(api),
        querystring: ListPaymentsQuery,
        response: { 200: PaymentPage, ...errorResponses(api.version, { 404: V1_ACCOUNT }) },
      },
      handler: async (request) => listPaymentsPage(deps.ctx, callerOf(request), request.query),
    });
  }
}
