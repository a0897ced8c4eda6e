/** v1 (PSI-compatible) wire shapes: the "Existing Eligiblity Model" read model and the PSI parameters. */
import { Type } from 'typebox';
import { CandidateRead } from './eligibility.schemas.ts';

export const PsiReadModel = Type.Object(
  {
    candidate: CandidateRead,
    client_eligibility_id: Type.Union([Type.String(), Type.Null()], { description: 'Your id of the eligibility.' }),
    created_datetime: Type.String({ format: 'date-time', description: 'When the eligibility was created (UTC).' }),
    eligibility_end_date: Type.String({ description: 'Last day of the window (YYYY-MM-DD).', examples: ['2026-12-31'] }),
    eligibility_status_message: Type.String({
      description: 'Why the candidate can or cannot schedule now.',
      examples: ['The candidate is eligible to schedule.'],
    }),
    eligible_to_schedule: Type.Boolean(),
    portion_codes: Type.Array(Type.String()),
    psi_eligiblity_id: Type.String({
      description: 'The eligibility code (sic: this spelling is the wire format). The same code is `eligibility_code` in v2.',
      examples: ['EK7M2Q9XDRT4HW6N'],
    }),
    schedule_start_date: Type.String({ description: 'First day of the window (YYYY-MM-DD).', examples: ['2026-02-01'] }),
    status: Type.String({
      description: 'Lifecycle state: pending, open, scheduled (active); completed, exhausted, expired, cancelled (inactive).',
      examples: ['open'],
    }),
    test_code: Type.String({ examples: ['NURSE-RN'] }),
  },
  { description: 'Existing Eligiblity Model (PSI read model).' },
);

export const PsiReadModelList = Type.Array(PsiReadModel, { description: 'Eligibilities, oldest first.' });

export const CandidatePathParams = {
  candidate_id: Type.String({ minLength: 1, maxLength: 64, description: 'Your candidate id.', examples: ['C-100234'] }),
};
export const TestPathParams = { test_code: Type.String({ minLength: 1, maxLength: 64, description: 'The test code.', examples: ['NURSE-RN'] }) };

export const StatusQuery = Type.Object({
  status: Type.Optional(
    Type.String({
      description: 'Required: `active` (pending, open, scheduled), `inactive` (ended) or `all`. Any other value answers 400.',
      examples: ['active'],
    }),
  ),
});

export const VoucherCodeArray = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: 50,
  description: 'The complete set of voucher codes to link to the eligibility; `[]` clears it.',
  examples: [['VX7K-M2Q9-XDRT'], []],
});

export const PsiLaunchInfo = Type.Object(
  {
    launch_url: Type.String({ description: 'Signed, short-lived URL that opens the online test session.' }),
    expires_at: Type.String({ format: 'date-time', description: 'When the URL stops working (UTC).' }),
  },
  { description: 'Test launch information (ours: PSI published no body).' },
);
