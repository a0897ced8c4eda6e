import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { PaymentIdParam, RefundList } from '../payment.schemas.ts';
import { listPaymentRefunds } from '../refund.service.ts';
import { callerOf, errorResponses, gatewayOf, PAYMENT_NOT_FOUND, pathOf, SERVICE, TAGS } from './route-support.ts';

export function listRefundsRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/payments/:payment_id/refunds`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listRefunds${api.operationSuffix}`,
        summary: "List a payment's refunds",
        description: 'Every refund of the payment, oldest first, with its state.',
        tags: TAGS,
        params: paramsFor(api, PaymentIdParam),
        response: { 200: RefundList, ...errorResponses(api.version, { 404: PAYMENT_NOT_FOUND }) },
      },
      handler: async (request) => listPaymentRefunds(deps.ctx, callerOf(request), pathOf(request).payment_id),
    });
  }
}
