import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { PaymentIdParam, Receipt } from '../payment.schemas.ts';
import { paymentReceipt } from '../payment-documents.service.ts';
import { callerOf, errorResponses, gatewayOf, PAYMENT_NOT_FOUND, pathOf, SERVICE, TAGS } from './route-support.ts';

export function getReceiptRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/payments/:payment_id/receipt`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getPaymentReceipt${api.operationSuffix}`,
        summary: "Get a payment's receipt",
        description: 'A receipt document for a succeeded payment: issuer, account, what was paid and how (card brand and last four), refunds since, totals.',
        tags: TAGS,
        params: paramsFor(api, PaymentIdParam),
        response: {
          200: Receipt,
          ...errorResponses(api.version, { 404: PAYMENT_NOT_FOUND, 409: 'PAYMENT_NOT_SUCCEEDED: a pending or failed payment has no receipt.' }),
        },
      },
      handler: async (request) => paymentReceipt(deps.ctx, callerOf(request), pathOf(request).payment_id),
    });
  }
}
