import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { BookingCodeParam, Session } from '../proctoring.schemas.ts';
import { getSessionForBooking } from '../proctoring.service.ts';
import { callerOf, errorResponses, gatewayOf, pathOf, SERVICE, SESSION_NOT_FOUND, TAGS } from './route-support.ts';

export function getBookingSessionRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/bookings/:booking_code/session`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `getBookingProctoringSession${api.operationSuffix}`,
        summary: 'Get the session of an online booking',
        description: 'The proctoring session of an ATLAS_REMOTE_PROCTORED booking (every online booking has one, `scheduled` until launched).',
        tags: TAGS,
        params: paramsFor(api, BookingCodeParam),
        response: {
          200: Session,
          ...errorResponses(api.version, { 404: SESSION_NOT_FOUND, 409: 'PROCTORING_NOT_ONLINE: the booking is at a test centre.' }),
        },
      },
      handler: async (request) => getSessionForBooking(deps.ctx, callerOf(request), pathOf(request).booking_code),
    });
  }
}
