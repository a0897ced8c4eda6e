import { defineErrors } from '../../platform/errors.ts';

/**
 * Domain errors of the eligibility service, with the statuses v2 answers. v1 (PSI-compatible) routes translate
 * them into PSI's published 400 texts in `eligibility.v1-errors.ts`.
 */
export const EligibilityErrors = defineErrors({
  ELIGIBILITY_NOT_FOUND: {
    status: 404,
    title: 'Eligibility not found',
    fix: 'Check the eligibility_code; codes are per account and environment (a sandbox token sees sandbox eligibilities only).',
  },
  ELIGIBILITY_TEST_NOT_FOUND: {
    status: 422,
    title: 'Unknown test code',
    fix: 'Use the test_code of one of your published tests (Test Publication service) in the same environment.',
  },
  ELIGIBILITY_TEST_NOT_PUBLISHED: {
    status: 422,
    title: 'Test not published',
    fix: 'Only published tests take new eligibilities: publish the test, or use another one.',
  },
  ELIGIBILITY_ALREADY_ACTIVE: {
    status: 409,
    title: 'Candidate already has an active eligibility for this test',
    fix: 'Update the existing eligibility, or cancel it before creating a new one.',
  },
  ELIGIBILITY_NOT_ACTIVE: {
    status: 409,
    title: 'Eligibility is no longer active',
    fix: 'Completed, exhausted, expired and cancelled eligibilities cannot change: create a new eligibility.',
  },
  ELIGIBILITY_CHANGED_CONCURRENTLY: {
    status: 409,
    title: 'Eligibility changed while this request ran',
    fix: 'Read the eligibility again and repeat the change.',
  },
  ELIGIBILITY_FIELD_IMMUTABLE: {
    status: 400,
    title: 'Field cannot change on an existing eligibility',
    fix: 'The test, accommodations, portions, candidate_id and client_eligibility_id are fixed: cancel the eligibility and create a new one.',
  },
  ELIGIBILITY_INVALID_INPUT: {
    status: 400,
    title: 'Invalid eligibility data',
    fix: 'Correct every field listed in `errors` and send the request again.',
  },
  ELIGIBILITY_NO_ONLINE_BOOKING: {
    status: 409,
    title: 'No online booking for this eligibility',
    fix: 'Launch information exists once the candidate has booked an online (ATLAS_REMOTE_PROCTORED) appointment.',
  },
  ELIGIBILITY_PSI_REQUEST_INVALID: {
    status: 400,
    title: 'The request is invalid',
    fix: 'v1 (PSI-compatible) answer: read error_description, correct the account code, test code, candidate id or body, and retry.',
  },
});
