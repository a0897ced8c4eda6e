import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CandidatePathParams, TestPathParams } from '../../eligibility.v1.schemas.ts';
import { PSI_TEXT, psiCancel, unknownAccount } from '../../eligibility.v1.ts';
import { NoContent, paramsV1, psi400, TAGS, v1Config } from '../route-helpers.ts';

/** E2 */
export function cancelCandidateEligibilityRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.delete('/eligibility/v1/accounts/:account_code/candidates/:candidate_id/tests/:test_code', {
    config: v1Config(unknownAccount.E2),
    schema: {
      operationId: 'cancelCandidateEligibilityV1',
      summary: 'Cancel an eligibility (E2)',
      description: "Cancels the candidate's active eligibility for the test and releases its vouchers. Answers 204.",
      tags: TAGS,
      params: paramsV1({ ...CandidatePathParams, ...TestPathParams }),
      response: {
        204: NoContent,
        400: psi400([PSI_TEXT.accountAndTest, PSI_TEXT.testMapping, PSI_TEXT.candidateDetails, PSI_TEXT.noActiveEligibility]),
      },
    },
    handler: async (request, reply) => {
      await psiCancel(deps.ctx, callerOf(request), request.params.candidate_id, request.params.test_code);
      return reply.code(204).send(null);
    },
  });
}
