import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { Booking, BookingCodeParam } from '../booking.schemas.ts';
import { getBooking } from '../booking.service.ts';
import { callerOf, codeOf, errorResponses, gatewayOf, NOT_FOUND, SERVICE, TAGS } from './route-support.ts';

export function getBookingRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/bookings/:booking_code`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getBooking${api.operationSuffix}`,
        summary: 'Read a booking',
        description: 'The booking with its seat, price, payment and, while it is confirmed, an "if cancelled now" quote: fee, refund and the deadline.',
        tags: TAGS,
        params: paramsFor(api, BookingCodeParam),
        response: { 200: Booking, ...errorResponses(api.version, { 404: NOT_FOUND }) },
      },
      handler: async (request) => getBooking(deps.ctx, callerOf(request), codeOf(request)),
    });
  }
}
