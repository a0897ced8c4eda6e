import { Type } from 'typebox';
import { PsiError } from '../../../../gateway/error-responses.ts';
import type { AtlasApp, ModuleDeps } from '../../../../platform/app-types.ts';
import { CandidateResultsDetails, Received } from '../../results.schemas.ts';
import { RESULT_TEXT, receiveBookingResult } from '../../results.v1.ts';
import { callerOf, PSI_CONFIG, TAGS } from '../route-support.ts';

/** R1 (the recommended one): no account code in the path, the token decides. */
export function putBookingResultsRoute(app: AtlasApp, deps: ModuleDeps): void {
  app.put('/results/v1/bookings/:booking_code/results', {
    config: PSI_CONFIG,
    schema: {
      operationId: 'putBookingResultsV1',
      summary: 'Post the result of a booking (R1)',
      description:
        'Candidate Results Details for the booking: `result` PASS, FAIL or NA (NA needs a `score`). Idempotent: the same result sent again ' +
        'stores nothing new; a different one for the same booking is a resubmission (a new revision). Completes the booking.',
      tags: TAGS,
      params: Type.Object({ booking_code: Type.String({ minLength: 1, maxLength: 32, examples: ['K7M2Q9XDRT'] }) }),
      body: CandidateResultsDetails,
      response: {
        200: Received,
        400: { ...PsiError, description: `Refused: "${RESULT_TEXT.booking}", "${RESULT_TEXT.scoreRequired}", "${RESULT_TEXT.notSat}" or an invalid field.` },
      },
    },
    handler: async (request) => receiveBookingResult(deps.ctx, callerOf(request), request.params.booking_code, request.body),
  });
}
