import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import { sendIdempotent } from '../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { Booking, BookingCodeParam, CancelBody } from '../booking.schemas.ts';
import { cancelBooking } from '../booking-changes.service.ts';
import { absentBodyIsEmpty, callerOf, codeOf, errorResponses, gatewayOf, IdempotencyHeaders, NOT_FOUND, SERVICE, TAGS } from './route-support.ts';

export function cancelBookingRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/bookings/:booking_code/cancel`, {
      config: gatewayOf(api.version),
      preValidation: absentBodyIsEmpty,
      schema: {
        operationId: `cancelBooking${api.operationSuffix}`,
        summary: 'Cancel a booking',
        description:
          'Under the policy the booking was made with: the fee of the tier the time before the start (in the centre’s time zone) falls in is kept and ' +
          'the rest refunded; a voucher is restored in a fee-free tier. Inside the last tier it is refused, with the deadline. Supports `Idempotency-Key`.',
        tags: TAGS,
        params: paramsFor(api, BookingCodeParam),
        headers: IdempotencyHeaders,
        body: CancelBody,
        response: {
          200: Booking,
          ...errorResponses(api.version, {
            400: 'Invalid fields.',
            404: NOT_FOUND,
            409: 'BOOKING_CHANGE_REFUSED (too late; detail gives the deadline) or BOOKING_NOT_CHANGEABLE.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        return sendIdempotent(reply, await cancelBooking(deps.ctx, callerOf(request), codeOf(request), request.body, key));
      },
    });
  }
}
