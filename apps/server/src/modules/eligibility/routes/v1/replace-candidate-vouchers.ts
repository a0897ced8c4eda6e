import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CandidatePathParams, TestPathParams, VoucherCodeArray } from '../../eligibility.v1.schemas.ts';
import { PSI_TEXT, psiReplaceVouchers, unknownAccount } from '../../eligibility.v1.ts';
import { NoContent, paramsV1, psi400, TAGS, v1Config } from '../route-helpers.ts';

/** E6 */
export function replaceCandidateVouchersRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.put('/eligibility/v1/accounts/:account_code/candidates/:candidate_id/tests/:test_code/vouchers', {
    config: v1Config(unknownAccount.E6),
    schema: {
      operationId: 'replaceCandidateVouchersV1',
      summary: "Replace the eligibility's vouchers (E6)",
      description:
        'Body: a JSON array of voucher codes. It **replaces** the set linked to the active eligibility: new codes are reserved, codes no longer listed are released; `[]` clears. Answers 204.',
      tags: TAGS,
      params: paramsV1({ ...CandidatePathParams, ...TestPathParams }),
      body: VoucherCodeArray,
      response: {
        204: NoContent,
        400: psi400([PSI_TEXT.account, PSI_TEXT.testMapping, PSI_TEXT.candidateDetails, PSI_TEXT.noActiveEligibility]),
      },
    },
    handler: async (request, reply) => {
      await psiReplaceVouchers(deps.ctx, callerOf(request), request.params.candidate_id, request.params.test_code, request.body);
      return reply.code(204).send(null);
    },
  });
}
