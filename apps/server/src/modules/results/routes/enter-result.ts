import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import { parseIdempotencyKey } from '../../../platform/idempotency/idempotency.ts';
import { EnterResultBody, Result } from '../results.schemas.ts';
import { type EnterResultBody as EnterResultInput, enterResult } from '../results-entry.service.ts';
import { callerOf, errorResponses, gatewayOf, IdempotencyHeaders, SERVICE, sendIdempotent, TAGS } from './route-support.ts';

export function enterResultRoute(app: AtlasApp, deps: ModuleDeps): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/results`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `enterResult${api.operationSuffix}`,
        summary: 'Enter a result for a booking',
        description:
          'A score report entered by your coordinator (without a test driver): completes the booking and waits for the proctoring ' +
          'review like any result. Idempotent: the same entry again answers 200 with the stored result; a different one for the same ' +
          'booking is a new revision. Supports `Idempotency-Key`.',
        tags: TAGS,
        params: paramsFor(api),
        headers: IdempotencyHeaders,
        body: EnterResultBody,
        response: {
          201: { ...Result, description: 'The result as stored.' },
          200: { ...Result, description: 'The same result was already stored: nothing changed.' },
          ...errorResponses(api.version, {
            400: 'Invalid fields, or RESULT_SCORE_REQUIRED (NA without any overall score).',
            404: 'RESULT_BOOKING_UNKNOWN: no such booking in your account and environment.',
            409: 'RESULT_BOOKING_NOT_SAT: the booking was cancelled or missed.',
            422: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body.',
          }),
        },
      },
      handler: async (request, reply) => {
        const key = parseIdempotencyKey(request.headers['idempotency-key']);
        return sendIdempotent(reply, await enterResult(deps.ctx, callerOf(request), request.body as EnterResultInput, key));
      },
    });
  }
}
