import { Type } from 'typebox';
import { ACCOUNT_CODE } from '../../../../gateway/api-versions.ts';
import { PsiError } from '../../../../gateway/error-responses.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CandidateResultData, Received } from '../../results.schemas.ts';
import { RESULT_TEXT, receiveCandidateResult } from '../../results.v1.ts';
import { callerOf, PSI_CONFIG, TAGS } from '../route-support.ts';

/** R3 (cloud test driver): candidate Result Data, matched to the candidate's exam. */
export function putAccountResultsRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.put('/results/v1/accounts/:account_code', {
    config: PSI_CONFIG,
    schema: {
      operationId: 'putAccountResultsV1',
      summary: 'Post a candidate result (R3)',
      description:
        "candidate Result Data: matched to the booking a result with this `result_id` belongs to, else the candidate's latest sat booking " +
        'without a result. Idempotent: the same data again stores nothing new.',
      tags: TAGS,
      params: Type.Object({ account_code: ACCOUNT_CODE }),
      body: CandidateResultData,
      response: {
        200: Received,
        400: {
          ...PsiError,
          description: `Refused: "${RESULT_TEXT.account}", "${RESULT_TEXT.candidateExam}", "${RESULT_TEXT.scoreRequired}" or an invalid field.`,
        },
      },
    },
    handler: async (request) => receiveCandidateResult(deps.ctx, callerOf(request), request.body),
  });
}
