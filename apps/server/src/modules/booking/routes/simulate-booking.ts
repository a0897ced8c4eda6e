import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { recordAttendance } from '../attendance.service.ts';
import { Booking, BookingCodeParam, SimulateBody } from '../booking.schemas.ts';
import { callerOf, codeOf, errorResponses, gatewayOf, NOT_FOUND, SERVICE, TAGS } from './route-support.ts';

export function simulateBookingRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/bookings/:booking_code/simulate`, {
      config: gatewayOf(api.version, ['sandbox']),
      schema: {
        operationId: `simulateBookingEvent${api.operationSuffix}`,
        summary: 'Sandbox: advance a booking (check-in, completion, absence, excused absence)',
        description:
          'Sandbox tokens only. Applies the event as the test centre or proctoring side would: CHECKED_IN (confirmed), EXAM_COMPLETED (consumes the ' +
          'attempt), ABSENT (no-show: consumes the attempt and forfeits the voucher), EXCUSED_ABSENT (from no_show: gives the attempt back). ' +
          'Each queues its booking notification.',
        tags: TAGS,
        params: paramsFor(api, BookingCodeParam),
        body: SimulateBody,
        response: {
          200: Booking,
          ...errorResponses(api.version, {
            400: 'Invalid event.',
            404: NOT_FOUND,
            409: 'BOOKING_NOT_CHANGEABLE: the event does not apply in the booking’s state.',
          }),
        },
      },
      handler: async (request) => recordAttendance(deps.ctx, callerOf(request), codeOf(request), request.body.event),
    });
  }
}
