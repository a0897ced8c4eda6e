import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { SlotPage, SlotQuery } from '../booking.schemas.ts';
import { searchSlots } from '../slots.service.ts';
import { callerOf, errorResponses, gatewayOf, SERVICE, settingsOf, TAGS } from './route-support.ts';

export function searchSlotsRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.get(`${api.prefix}/slots`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `searchSlots${api.operationSuffix}`,
        summary: 'Find open slots for a test',
        description:
          "Slots with at least one seat left, sorted by start then location: centre slots from opening hours, the test's duration, seats and closures " +
          '(minus holds and bookings), and online (ATLAS_REMOTE_PROCTORED) slots around the clock. Filter by delivery mode, centre, distance ' +
          '(`near` + `radius_km`) and start range. Each slot gives its start in UTC and in the centre’s time zone.',
        tags: TAGS,
        params: paramsFor(api),
        querystring: SlotQuery,
        response: {
          200: SlotPage,
          ...errorResponses(api.version, {
            400: 'Invalid query (every bad field listed).',
            404: 'BOOKING_TEST_NOT_FOUND: no published test with that code; v1: the account_code is not yours.',
          }),
        },
      },
      handler: async (request) => searchSlots(deps.ctx, callerOf(request), request.query, settingsOf(deps.config)),
    });
  }
}
