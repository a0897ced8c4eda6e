import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CandidatePathParams, PsiReadModelList } from '../../eligibility.v1.schemas.ts';
import { PSI_TEXT, psiListAll, unknownAccount } from '../../eligibility.v1.ts';
import { paramsV1, psi400, TAGS, v1Config } from '../route-helpers.ts';

/** E5 */
export function listCandidateEligibilitiesRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.get('/eligibility/v1/accounts/:account_code/candidates/:candidate_id', {
    config: v1Config(unknownAccount.E5),
    schema: {
      operationId: 'listCandidateEligibilitiesV1',
      summary: "All of a candidate's eligibilities (E5)",
      description: 'Every eligibility of the candidate, any test and state, oldest first.',
      tags: TAGS,
      params: paramsV1(CandidatePathParams),
      response: { 200: PsiReadModelList, 400: psi400([PSI_TEXT.accountAndTestDoubled, PSI_TEXT.candidateNoData]) },
    },
    handler: async (request) => psiListAll(deps.ctx, callerOf(request), request.params.candidate_id),
  });
}
