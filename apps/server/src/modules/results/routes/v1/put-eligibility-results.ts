import { Type } from 'typebox';
import { ACCOUNT_CODE } from '../../../../gateway/api-versions.ts';
import { PsiError } from '../../../../gateway/error-responses.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CandidateResultsDetails, Received } from '../../results.schemas.ts';
import { RESULT_TEXT, receiveEligibilityResult } from '../../results.v1.ts';
import { callerOf, PSI_CONFIG, TAGS } from '../route-support.ts';

/** R2: the eligibility is addressed by the partner's client eligibility id. */
export function putEligibilityResultsRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.put('/results/v1/accounts/:account_code/:eligibility_code/results', {
    config: PSI_CONFIG,
    schema: {
      operationId: 'putEligibilityResultsV1',
      summary: 'Post the result of an eligibility (R2)',
      description:
        'Candidate Results Details for the latest sat booking of the eligibility whose client eligibility id is `eligibility_code`. Idempotent like R1.',
      tags: TAGS,
      params: Type.Object({
        account_code: ACCOUNT_CODE,
        eligibility_code: Type.String({ minLength: 1, maxLength: 64, description: 'The client eligibility id.', examples: ['CLIENT-123'] }),
      }),
      body: CandidateResultsDetails,
      response: {
        200: Received,
        400: {
          ...PsiError,
          description: `Refused: "${RESULT_TEXT.account}", "${RESULT_TEXT.eligibility}", "${RESULT_TEXT.eligibilityWithoutBooking}", "${RESULT_TEXT.scoreRequired}" or an invalid field.`,
        },
      },
    },
    handler: async (request) => receiveEligibilityResult(deps.ctx, callerOf(request), request.params.eligibility_code, request.body),
  });
}
