import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { CreatePaymentBody, Payment } from '../payment.schemas.ts';
import { createPayment } from '../payment.service.ts';
import { callerOf, errorResponses, gatewayOf, IdempotencyHeaders, SERVICE, sendIdempotent, TAGS, V1_ACCOUNT } from './route-support.ts';

export function createPaymentRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/payments`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `createPayment${api.operationSuffix}`,
        summary: 'Pay for a hold, a booking or a fee',
        description:
          'Pays for an active hold (`hold_id`; default amount its price, at most its price — apply any voucher yourself, the booking checks ' +
          'that the payment equals the amount due; then confirm with `payment: { payment_id }`), or for a booking (`booking_code` + `amount`, ' +
          'optionally as a `fee_kind`). `method: card` charges the card now; `invoice` succeeds at once and goes on the monthly statement. ' +
          'A declined card is recorded as a `failed` payment (visible in the list) and answered 402. The full card number and CVC are never ' +
          'stored or logged. Sandbox test cards: 4242424242424242 (succeeds), 4000000000000002 (PAYMENT_DECLINED), 4000000000009995 ' +
          '(PAYMENT_INSUFFICIENT_FUNDS), 4000000000000119 (PAYMENT_PROCESSOR_ERROR, 502), 4000000000005126 (succeeds, its refunds fail); ' +
          'any other Luhn-valid number succeeds. Supports `Idempotency-Key`: concurrent and later requests with one key charge once and get ' +
          'the same answer (a decline replays as the same decline).',
        tags: TAGS,
        params: paramsFor(api),
        headers: IdempotencyHeaders,
        body: CreatePaymentBody,
        response: {
          201: { ...Payment, description: 'The payment, succeeded.' },
          ...errorResponses(api.version, {
            400: 'Invalid fields (every one listed in `errors`), or PAYMENT_CARD_INVALID (check digit, expired card, CVC length).',
            402: 'PAYMENT_DECLINED or PAYMENT_INSUFFICIENT_FUNDS: nothing was charged; the failed payment is recorded.',
            404: `PAYMENT_HOLD_NOT_FOUND / PAYMENT_BOOKING_NOT_FOUND (another account's answers the same); ${V1_ACCOUNT}`,
            409: 'PAYMENT_HOLD_NOT_ACTIVE (expired or used hold), PAYMENT_HOLD_ALREADY_PAID, PAYMENT_IN_PROGRESS (same key still running).',
            422: 'PAYMENT_AMOUNT_MISMATCH (more than the price, another currency), IDEMPOTENCY_KEY_REUSED (the key was used with another body).',
            502: 'PAYMENT_PROCESSOR_ERROR: the processor failed; nothing was charged.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        const result = await createPayment(deps.ctx, callerOf(request), request.body, key);
        return sendIdempotent(reply, result, `${request.url.split('?')[0]}/${result.body.payment_id}`);
      },
    });
  }
}
