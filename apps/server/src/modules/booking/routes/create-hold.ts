import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import { sendIdempotent } from '../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { Hold, HoldBody } from '../booking.schemas.ts';
import { createHold } from '../holds.service.ts';
import { callerOf, errorResponses, gatewayOf, IdempotencyHeaders, SERVICE, settingsOf, TAGS } from './route-support.ts';

export function createHoldRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/holds`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `createHold${api.operationSuffix}`,
        summary: 'Hold a seat for a candidate',
        description:
          'Keeps one seat of the slot for the eligibility’s candidate until `expires_at` (10 minutes by default); confirm it with POST /bookings. ' +
          'A new hold for the same eligibility replaces the previous one. Each account has a cap on live holds. Supports `Idempotency-Key`.',
        tags: TAGS,
        params: paramsFor(api),
        headers: IdempotencyHeaders,
        body: HoldBody,
        response: {
          201: Hold,
          ...errorResponses(api.version, {
            400: 'Invalid fields, or BOOKING_SLOT_INVALID (not a slot id this API returned).',
            404: 'BOOKING_ELIGIBILITY_NOT_FOUND or BOOKING_TEST_NOT_FOUND; v1: the account_code is not yours.',
            409: 'BOOKING_SLOT_FULL, BOOKING_SLOT_UNAVAILABLE, BOOKING_NOT_ELIGIBLE or BOOKING_HOLD_LIMIT_REACHED.',
            422: 'BOOKING_TEST_MISMATCH, or IDEMPOTENCY_KEY_REUSED.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        const result = await createHold(deps.ctx, callerOf(request), request.body, key, settingsOf(deps.config));
        return sendIdempotent(reply, result);
      },
    });
  }
}
