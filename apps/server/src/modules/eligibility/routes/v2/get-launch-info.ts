import { callerOf, publicOrigin } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CodeParams, V2LaunchInfo } from '../../eligibility.v2.schemas.ts';
import { type LaunchDeps, launchInfo } from '../../eligibility-lifecycle.service.ts';
import { problem, TAGS, V2_CONFIG } from '../route-helpers.ts';

export function getLaunchInfoRoute(app: AtlasApp, deps: ModuleDeps, launch: LaunchDeps): void {
  app.get('/eligibility/v2/eligibilities/:eligibility_code/launch-info', {
    config: V2_CONFIG,
    schema: {
      operationId: 'getEligibilityLaunchInfo',
      summary: 'Test launch information',
      description: "A signed, short-lived launch URL for the candidate's online (ATLAS_REMOTE_PROCTORED) booking under this eligibility.",
      tags: TAGS,
      params: CodeParams,
      response: { 200: V2LaunchInfo, 404: problem('ELIGIBILITY_NOT_FOUND'), 409: problem('ELIGIBILITY_NO_ONLINE_BOOKING: no online booking yet.') },
    },
    handler: async (request) => launchInfo(deps.ctx, launch, callerOf(request), request.params.eligibility_code, publicOrigin(deps.config, request)),
  });
}
