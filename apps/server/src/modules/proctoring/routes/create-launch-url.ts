import { apiVersions, paramsFor } from '../../../gateway/api-versions.ts';
import type { AtlasApp, ModuleDeps } from '../../../platform/app-types.ts';
import type { LaunchUrlSigner } from '../../eligibility/online-booking-lookup.ts';
import { LaunchUrl, SessionIdParam } from '../proctoring.schemas.ts';
import { launchUrlFor } from '../proctoring.service.ts';
import { absentBodyIsEmpty, callerOf, errorResponses, gatewayOf, pathOf, publicOrigin, SERVICE, SESSION_NOT_FOUND, TAGS } from './route-support.ts';

export function createLaunchUrlRoute(app: AtlasApp, deps: ModuleDeps, signer: LaunchUrlSigner): void {
  for (const api of apiVersions(SERVICE)) {
    app.post(`${api.prefix}/sessions/:session_id/launch-url`, {
      config: gatewayOf(api.version),
      schema: {
        operationId: `createProctoringLaunchUrl${api.operationSuffix}`,
        summary: 'Get a signed launch URL',
        description:
          'A signed URL (HMAC, 15 minutes) the candidate opens to start the session; opening it moves a scheduled session to launched. ' +
          'The same link as eligibility v1 testLaunchInfo. No body.',
        tags: TAGS,
        params: paramsFor(api, SessionIdParam),
        response: {
          200: LaunchUrl,
          ...errorResponses(api.version, { 404: SESSION_NOT_FOUND, 409: 'PROCTORING_BOOKING_NOT_ACTIVE: the booking was cancelled or missed.' }),
        },
      },
      preValidation: absentBodyIsEmpty,
      handler: async (request) => launchUrlFor(deps.ctx, signer, callerOf(request), pathOf(request).session_id, publicOrigin(deps.config, request)),
    });
  }
}
