import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { BookingPage, ListBookingsQuery } from '../booking.schemas.ts';
import { listBookingsPage } from '../booking.service.ts';
import { callerOf, errorResponses, gatewayOf, SERVICE, TAGS } from './route-support.ts';

export function listBookingsRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/bookings`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `listBookings${api.operationSuffix}`,
        summary: 'List bookings',
        description: 'By start time; filter by candidate, eligibility, status and start range. Pages with `page_size` + `cursor`.',
        tags: TAGS,
        params: paramsFor(api),
        querystring: ListBookingsQuery,
        response: { 200: BookingPage, ...errorResponses(api.version, { 400: 'Invalid query.', 404: 'v1: the account_code is not yours.' }) },
      },
      handler: async (request) => listBookingsPage(deps.ctx, callerOf(request), request.query),
    });
  }
}
