import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { EligibilityWrite } from '../../eligibility.schemas.ts';
import { CandidatePathParams, PsiReadModel, TestPathParams } from '../../eligibility.v1.schemas.ts';
import { PSI_TEXT, psiUpdate, unknownAccount } from '../../eligibility.v1.ts';
import { paramsV1, psi400, TAGS, v1Config } from '../route-helpers.ts';

/** E8 */
export function updateCandidateEligibilityRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.put('/eligibility/v1/accounts/:account_code/candidates/:candidate_id/tests/:test_code', {
    config: v1Config(unknownAccount.E8),
    schema: {
      operationId: 'updateCandidateEligibilityV1',
      summary: 'Update an eligibility (E8)',
      description:
        'Full Eligibility Model body. Demographics, `schedule_start_date` and `eligibility_end_date` may change; changing the test, the accommodations, the portions, the `candidate_id` or the `client_eligibility_id` is refused with 400 (cancel and create anew). Answers 200 with the read model (ours).',
      tags: TAGS,
      params: paramsV1({ ...CandidatePathParams, ...TestPathParams }),
      body: EligibilityWrite,
      response: {
        200: PsiReadModel,
        400: psi400([PSI_TEXT.account, PSI_TEXT.testMapping, PSI_TEXT.candidateDetails, PSI_TEXT.noActiveEligibility]),
      },
    },
    handler: async (request) => psiUpdate(deps.ctx, callerOf(request), request.params.candidate_id, request.params.test_code, request.body),
  });
}
