import { Type } from 'typebox';
import { callerOf, publicOrigin } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { PsiLaunchInfo } from '../../eligibility.v1.schemas.ts';
import { PSI_TEXT, psiLaunchInfo } from '../../eligibility.v1.ts';
import type { LaunchDeps } from '../../eligibility-lifecycle.service.ts';
import { psi400, TAGS, v1Config } from '../route-helpers.ts';

/** E7: no account code in the path, the token decides. */
export function getTestLaunchInfoRoute(app: AtlasApp, deps: ModuleDeps, launch: LaunchDeps): void {
  app.get('/eligibility/v1/eligibilities/:psi_eligibility_code/testLaunchInfo', {
    config: v1Config(),
    schema: {
      operationId: 'getTestLaunchInfoV1',
      summary: 'Test launch information (E7)',
      description:
        "A signed, short-lived launch URL for the candidate's online (ATLAS_REMOTE_PROCTORED) booking under this eligibility. Before such a booking exists: 400 (ours).",
      tags: TAGS,
      params: Type.Object({
        psi_eligibility_code: Type.String({
          minLength: 1,
          maxLength: 64,
          description: 'The psi_eligiblity_id of the eligibility.',
          examples: ['EK7M2Q9XDRT4HW6N'],
        }),
      }),
      response: { 200: PsiLaunchInfo, 400: psi400([PSI_TEXT.accountAndTest, PSI_TEXT.noOnlineBooking]) },
    },
    handler: async (request) => psiLaunchInfo(deps.ctx, launch, callerOf(request), request.params.psi_eligibility_code, publicOrigin(deps.config, request)),
  });
}
