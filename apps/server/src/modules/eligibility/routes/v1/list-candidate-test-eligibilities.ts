import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CandidatePathParams, PsiReadModelList, TestPathParams } from '../../eligibility.v1.schemas.ts';
import { PSI_TEXT, psiListForTest, unknownAccount } from '../../eligibility.v1.ts';
import { paramsV1, psi400, TAGS, v1Config } from '../route-helpers.ts';

/** E4 */
export function listCandidateTestEligibilitiesRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.get('/eligibility/v1/accounts/:account_code/candidates/:candidate_id/tests/:test_code', {
    config: v1Config(unknownAccount.E4),
    schema: {
      operationId: 'listCandidateTestEligibilitiesV1',
      summary: "A candidate's eligibilities for one test (E4)",
      description: 'Every eligibility (any state) of the candidate for the test, oldest first.',
      tags: TAGS,
      params: paramsV1({ ...CandidatePathParams, ...TestPathParams }),
      response: { 200: PsiReadModelList, 400: psi400([PSI_TEXT.account, PSI_TEXT.testMapping, PSI_TEXT.candidateNoData]) },
    },
    handler: async (request) => psiListForTest(deps.ctx, callerOf(request), request.params.candidate_id, request.params.test_code),
  });
}
