import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CandidatePathParams, PsiReadModelList, StatusQuery } from '../../eligibility.v1.schemas.ts';
import { PSI_TEXT, psiListByStatus, unknownAccount } from '../../eligibility.v1.ts';
import { paramsV1, psi400, TAGS, v1Config } from '../route-helpers.ts';

/** E3 */
export function listCandidateEligibilitiesByStatusRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.get('/eligibility/v1/accounts/:account_code/candidates/:candidate_id/eligibilities', {
    config: v1Config(unknownAccount.E3),
    schema: {
      operationId: 'listCandidateEligibilitiesByStatusV1',
      summary: "List a candidate's eligibilities by status (E3)",
      description: '`status` is required: `active` (pending, open, scheduled), `inactive` (completed, exhausted, expired, cancelled) or `all`.',
      tags: TAGS,
      params: paramsV1(CandidatePathParams),
      querystring: StatusQuery,
      response: { 200: PsiReadModelList, 400: psi400([PSI_TEXT.accountAndTestDoubled, PSI_TEXT.candidateNoData, PSI_TEXT.badStatus]) },
    },
    handler: async (request) => psiListByStatus(deps.ctx, callerOf(request), request.params.candidate_id, request.query.status),
  });
}
