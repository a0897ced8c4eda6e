import { callerOf } from '../../../../gateway/route-support.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { EligibilityWrite } from '../../eligibility.schemas.ts';
import { PsiReadModel } from '../../eligibility.v1.schemas.ts';
import { PSI_TEXT, psiCreate, unknownAccount } from '../../eligibility.v1.ts';
import { paramsV1, psi400, TAGS, v1Config } from '../route-helpers.ts';

/** E1 */
export function createCandidateEligibilityRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.post('/eligibility/v1/accounts/:account_code/candidates', {
    config: v1Config(unknownAccount.E1),
    schema: {
      operationId: 'createCandidateEligibilityV1',
      summary: 'Create a candidate eligibility (E1)',
      description:
        'Creates the candidate when new (refreshing the demographics of a known candidate_id) and an eligibility for a published test; may reserve `voucher_codes`. At most one active eligibility per candidate and test. Answers 201 with the read model (ours).',
      tags: TAGS,
      params: paramsV1(),
      body: EligibilityWrite,
      response: { 201: PsiReadModel, 400: psi400([PSI_TEXT.account, PSI_TEXT.testMapping, PSI_TEXT.testNotPublished, PSI_TEXT.alreadyActive]) },
    },
    handler: async (request, reply) => reply.code(201).send(await psiCreate(deps.ctx, callerOf(request), request.body)),
  });
}
