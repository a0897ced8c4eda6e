/** v2 wire shapes: a clean eligibility resource with its lifecycle, attempts, window and vouchers. */
import { Type } from 'typebox';
import { Page, PageQuery } from '../../platform/paging.ts';
import { CandidateRead, StateSchema } from './eligibility.schemas.ts';

export const EligibilityView = Type.Object(
  {
    eligibility_code: Type.String({ description: 'Public code of the eligibility (`psi_eligiblity_id` in v1).', examples: ['EK7M2Q9XDRT4HW6N'] }),
    state: StateSchema,
    eligible_to_schedule: Type.Boolean({ description: 'Window contains today (UTC), attempts remain, no active booking, retake wait over.' }),
    eligibility_status_message: Type.String({ description: 'Why the candidate can or cannot schedule now.' }),
    attempts: Type.Object({ allowed: Type.Integer({ examples: [3] }), used: Type.Integer({ examples: [0] }) }, { description: "From the test's retake rule." }),
    window: Type.Object(
      { starts_on: Type.String({ examples: ['2026-02-01'] }), ends_on: Type.String({ examples: ['2026-12-31'] }) },
      { description: 'Scheduling window, UTC dates, both days included.' },
    ),
    candidate: CandidateRead,
    test_code: Type.String({ examples: ['NURSE-RN'] }),
    test_version: Type.Integer({ description: 'Version of the test the eligibility was created under.', examples: [1] }),
    portion_codes: Type.Array(Type.String()),
    accommodations: Type.Array(Type.String(), { description: 'Accommodations granted (fixed).' }),
    voucher_codes: Type.Array(Type.String(), { description: 'Vouchers reserved for this eligibility.' }),
    client_eligibility_id: Type.Union([Type.String(), Type.Null()]),
    registration_mode: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer({ description: 'Grows by one with every change.', examples: [1] }),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { description: 'An eligibility.' },
);

export const EligibilityPage = Page(EligibilityView, 'EligibilityPage');

export const CodeParams = Type.Object({
  eligibility_code: Type.String({ minLength: 1, maxLength: 64, description: 'The eligibility code.', examples: ['EK7M2Q9XDRT4HW6N'] }),
});

export const ListQuery = Type.Object({
  candidate_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only this candidate.' })),
  test_code: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only this test.' })),
  state: Type.Optional(StateSchema),
  ...PageQuery,
});

export const CancelBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Why (kept in the history).', examples: ['candidate withdrew'] })) },
  { description: 'Optional cancellation reason.' },
);

export const VouchersBody = Type.Object(
  { voucher_codes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, description: 'The complete set; [] clears it.' }) },
  { description: 'Replaces the set of vouchers reserved for the eligibility.', examples: [{ voucher_codes: ['VX7K-M2Q9-XDRT'] }] },
);

export const V2LaunchInfo = Type.Object(
  {
    booking_code: Type.String({ description: 'The online booking the URL opens.' }),
    launch_url: Type.String({ description: 'Signed, short-lived URL that opens the online test session.' }),
    expires_at: Type.String({ format: 'date-time' }),
  },
  { description: 'Launch information for the candidate’s online booking.' },
);
