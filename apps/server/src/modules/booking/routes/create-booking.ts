import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import { sendIdempotent } from '../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import type { PaymentInstruction } from '../../payment/payment-links.ts';
import { Booking, ConfirmBody } from '../booking.schemas.ts';
import { confirmBooking } from '../booking.service.ts';
import { callerOf, errorResponses, gatewayOf, IdempotencyHeaders, SERVICE, TAGS } from './route-support.ts';

export function createBookingRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/bookings`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `createBooking${api.operationSuffix}`,
        summary: 'Confirm a hold into a booking',
        description:
          'Prices the hold, applies `voucher_code`, takes `payment` for what is left (required when above 0), and confirms: the booking keeps the ' +
          'seat, the eligibility becomes scheduled and a `booking.created` notification is queued. Supports `Idempotency-Key` (a retry never charges twice).',
        tags: TAGS,
        params: paramsFor(api),
        headers: IdempotencyHeaders,
        body: ConfirmBody,
        response: {
          201: Booking,
          ...errorResponses(api.version, {
            400: 'Invalid fields (every one listed).',
            402: 'BOOKING_PAYMENT_REQUIRED, PAYMENT_DECLINED or PAYMENT_INSUFFICIENT_FUNDS.',
            404: 'BOOKING_HOLD_NOT_FOUND or VOUCHER_NOT_FOUND; v1: the account_code is not yours.',
            409: 'BOOKING_HOLD_NOT_ACTIVE (expired or used), BOOKING_NOT_ELIGIBLE, or a VOUCHER_* refusal.',
            422: 'VOUCHER_NOT_APPLICABLE, or IDEMPOTENCY_KEY_REUSED.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        const body = { ...request.body, payment: request.body.payment as PaymentInstruction | undefined };
        const result = await confirmBooking(deps.ctx, callerOf(request), body, key);
        return sendIdempotent(reply, result);
      },
    });
  }
}
