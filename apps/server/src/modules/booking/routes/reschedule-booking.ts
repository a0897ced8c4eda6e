import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import { sendIdempotent } from '../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import type { PaymentInstruction } from '../../payment/payment-links.ts';
import { Booking, BookingCodeParam, RescheduleBody } from '../booking.schemas.ts';
import { rescheduleBooking } from '../booking-changes.service.ts';
import { callerOf, codeOf, errorResponses, gatewayOf, IdempotencyHeaders, NOT_FOUND, SERVICE, settingsOf, TAGS } from './route-support.ts';

export function rescheduleBookingRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/bookings/:booking_code/reschedule`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `rescheduleBooking${api.operationSuffix}`,
        summary: 'Move a booking to another slot',
        description:
          'Same booking_code, version + 1, `booking.rescheduled` queued. The new seat is taken before the old one is freed in one transaction. ' +
          'A reschedule fee (by the booking’s policy tier) needs `payment`; inside the last tier it is refused with the deadline.',
        tags: TAGS,
        params: paramsFor(api, BookingCodeParam),
        headers: IdempotencyHeaders,
        body: RescheduleBody,
        response: {
          200: Booking,
          ...errorResponses(api.version, {
            400: 'Invalid fields or BOOKING_SLOT_INVALID.',
            402: 'BOOKING_PAYMENT_REQUIRED (a fee is due) or a payment refusal.',
            404: NOT_FOUND,
            409: 'BOOKING_SLOT_FULL, BOOKING_SLOT_UNAVAILABLE, BOOKING_SAME_SLOT, BOOKING_CHANGE_REFUSED or BOOKING_NOT_CHANGEABLE.',
            422: 'BOOKING_TEST_MISMATCH.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        const body = { slot_id: request.body.slot_id, payment: request.body.payment as PaymentInstruction | undefined };
        return sendIdempotent(reply, await rescheduleBooking(deps.ctx, callerOf(request), codeOf(request), body, key, settingsOf(deps.config)));
      },
    });
  }
}
