import { defineErrors } from '../../platform/errors.ts';

export const ResultErrors = defineErrors({
  RESULT_NOT_FOUND: {
    status: 404,
    title: 'Result not found',
    fix: 'Check the result id (res_…) and that your token is for the environment the booking was made in.',
  },
  RESULT_SCORE_REQUIRED: {
    status: 400,
    title: 'A score is required with NA',
    fix: '`NA` is for clients that do not share a verdict: it must come with a `score` (or, in R3, an overall score).',
  },
  RESULT_BOOKING_NOT_SAT: {
    status: 409,
    title: 'The booking was not sat',
    fix: 'A result needs a booking that is confirmed, checked in, in progress or completed — not cancelled or absent.',
  },
  RESULT_TRANSITION_NOT_ALLOWED: {
    status: 409,
    title: 'The result cannot make this change in its state',
    fix: 'release: from scored or held by a coordinator; hold: from scored; amend: any live result; invalidate: any live result.',
  },
  RESULT_AWAITING_REVIEW: {
    status: 409,
    title: 'The result waits for the proctoring review',
    fix: 'The online session is not reviewed yet: the result becomes releasable when the review verifies the session.',
  },
  RESULT_PROCTORING_REJECTED: {
    status: 409,
    title: 'The proctoring review rejected the session',
    fix: 'A result of a rejected session cannot be released: invalidate it, or revise the review decision first.',
  },
  RESULT_AMENDMENT_EMPTY: {
    status: 400,
    title: 'The amendment changes nothing',
    fix: 'Send at least one field whose value differs from the current score report.',
  },
  RESULT_PSI_REQUEST_INVALID: {
    status: 400,
    title: 'The result was refused',
    fix: 'v1 (PSI) answers every refusal with 400: `error_description` says which rule (unknown booking, eligibility or candidate exam; NA without a score; a booking not sat).',
  },
  RESULT_CONFLICT: {
    status: 409,
    title: 'The result changed meanwhile',
    fix: 'Another change was applied at the same moment: read the result and try again if the change still applies.',
  },
});
