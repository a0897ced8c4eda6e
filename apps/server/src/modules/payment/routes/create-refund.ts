import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { CreateRefundBody, PaymentIdParam, Refund } from '../payment.schemas.ts';
import { createRefund } from '../refund.service.ts';
import { callerOf, errorResponses, gatewayOf, IdempotencyHeaders, PAYMENT_NOT_FOUND, pathOf, SERVICE, sendIdempotent, TAGS } from './route-support.ts';

export function createRefundRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/payments/:payment_id/refunds`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `createRefund${api.operationSuffix}`,
        summary: 'Refund a payment, fully or partly',
        description:
          'Refunds `amount` (default: everything still refundable) of a succeeded payment. Several partial refunds may add up to the amount paid, ' +
          'never more — the database refuses it even under concurrent requests. Card refunds go to the processor at once and are answered ' +
          '`succeeded`, `failed` (the amount becomes refundable again) or, if the processor did not answer, `pending` (retried in the ' +
          'background); invoice refunds are statement credits, `succeeded` at once. Supports `Idempotency-Key`.',
        tags: TAGS,
        params: paramsFor(api, PaymentIdParam),
        headers: IdempotencyHeaders,
        body: CreateRefundBody,
        response: {
          201: { ...Refund, description: 'The refund.' },
          ...errorResponses(api.version, {
            400: 'Invalid fields (every one listed in `errors`).',
            404: PAYMENT_NOT_FOUND,
            409: 'PAYMENT_REFUND_EXCEEDS_PAID (more than is left to refund), PAYMENT_NOT_SUCCEEDED (pending or failed payment).',
            422: 'PAYMENT_AMOUNT_MISMATCH (another currency than the payment), IDEMPOTENCY_KEY_REUSED.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        const result = await createRefund(deps.ctx, callerOf(request), pathOf(request).payment_id, request.body, key);
        return sendIdempotent(reply, result);
      },
    });
  }
}
