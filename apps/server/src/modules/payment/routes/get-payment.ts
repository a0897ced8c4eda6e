import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { Payment, PaymentIdParam } from '../payment.schemas.ts';
import { getPayment } from '../payment.service.ts';
import { callerOf, errorResponses, gatewayOf, PAYMENT_NOT_FOUND, pathOf, SERVICE, TAGS } from './route-support.ts';

export function getPaymentRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/payments/:payment_id`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getPayment${api.operationSuffix}`,
        summary: 'Get a payment',
        description: 'State, amount, refunded and refundable amounts, card brand and last four, failure reason of one payment.',
        tags: TAGS,
        params: paramsFor(api, PaymentIdParam),
        response: { 200: Payment, ...errorResponses(api.version, { 404: PAYMENT_NOT_FOUND }) },
      },
      handler: async (request) => getPayment(deps.ctx, callerOf(request), pathOf(request).payment_id),
    });
  }
}
