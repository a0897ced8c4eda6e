/**
 * PSI's inbound results endpoints (psi-compat.md R1–R3): each resolves the booking its result is for, then the one
 * receive path. PSI documents 400 for every refused request, in its `{error, error_description}` model; the texts
 * are ours (PSI published none for these endpoints).
 */
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ResultErrors } from './results.errors.ts';
import { type ResultDataBody, type ResultDetailsBody, reportFromData, reportFromDetails } from './results.policy.ts';
import { clientEligibilityExists, findBookingByCode, findCandidateExam, findLatestBookingOfClientEligibility } from './results.repository.ts';
import { receiveResult } from './results-inbound.service.ts';

export const RESULT_TEXT = {
  account: 'Unable to get the account details for the given accountCode.',
  booking: 'No booking found for the given booking code.',
  eligibility: 'No eligibility found for the given eligibility code.',
  eligibilityWithoutBooking: 'No booking found for the given eligibility code.',
  candidateExam: 'No matching candidate exam found for the given candidate id.',
  scoreRequired: 'A score is required when the result is NA.',
  notSat: 'The booking was not sat (it is cancelled or absent); no result can be recorded for it.',
} as const;

export function psiResultError(description: string): AppError {
  return new AppError(ResultErrors.RESULT_PSI_REQUEST_INVALID, description, { psi: { error: 'invalid_request', error_description: description } });
}

export const unknownResultsAccount = () => psiResultError(RESULT_TEXT.account);

const TEXT_OF: Record<string, string> = {
  [ResultErrors.RESULT_SCORE_REQUIRED]: RESULT_TEXT.scoreRequired,
  [ResultErrors.RESULT_BOOKING_NOT_SAT]: RESULT_TEXT.notSat,
};

/** Every refusal of a results rule is PSI's 400, with our text. */
async function asPsi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.status < 500 && !error.options.psi && error.code.startsWith('RESULT_')) {
      throw psiResultError(TEXT_OF[error.code] ?? error.detail ?? error.message);
    }
    throw error;
  }
}

function received(result: { result_id: string }) {
  return { result_id: result.result_id, status: 'received' as const };
}

/** R1: `PUT /results/v1/bookings/{booking_code}/results` — the token decides the account. */
export function receiveBookingResult(ctx: ServiceContext, scope: PartnerScope, bookingCode: string, body: ResultDetailsBody) {
  return asPsi(async () =>
    received(
      await receiveResult(ctx, scope, {
        source: 'booking',
        report: reportFromDetails(body),
        findBooking: async (trx) => {
          const booking = await findBookingByCode(trx, scope, bookingCode);
          if (!booking) throw psiResultError(RESULT_TEXT.booking);
          return booking;
        },
      }),
    ),
  );
}

/** R2: `PUT /results/v1/accounts/{account_code}/{eligibility_code}/results` (the client eligibility id). */
export function receiveEligibilityResult(ctx: ServiceContext, scope: PartnerScope, clientEligibilityId: string, body: ResultDetailsBody) {
  return asPsi(async () =>
    received(
      await receiveResult(ctx, scope, {
        source: 'eligibility',
        report: reportFromDetails(body),
        findBooking: async (trx) => {
          const booking = await findLatestBookingOfClientEligibility(trx, scope, clientEligibilityId);
          if (booking) return booking;
          const known = await clientEligibilityExists(trx, scope, clientEligibilityId);
          throw psiResultError(known ? RESULT_TEXT.eligibilityWithoutBooking : RESULT_TEXT.eligibility);
        },
      }),
    ),
  );
}

/** R3: `PUT /results/v1/accounts/{account_code}` (cloud test driver), matched to the candidate's exam. */
export function receiveCandidateResult(ctx: ServiceContext, scope: PartnerScope, body: ResultDataBody) {
  return asPsi(async () =>
    received(
      await receiveResult(ctx, scope, {
        source: 'candidate',
        report: reportFromData(body),
        externalResultId: body.result_id,
        findBooking: async (trx) => {
          const booking = await findCandidateExam(trx, scope, body.candidate_id, body.result_id);
          if (!booking) throw psiResultError(RESULT_TEXT.candidateExam);
          return booking;
        },
      }),
    ),
  );
}
