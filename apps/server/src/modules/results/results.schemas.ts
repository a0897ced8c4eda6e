/** Wire shapes of the Results API: PSI's inbound bodies (v1, fixed) and the score reports (v2 and its v1 mirror). */
import { Type } from 'typebox';
import { Timestamp } from '../../platform/common-schemas.ts';
import { PageQuery } from '../../platform/paging.ts';

const Outcome = Type.Union([Type.Literal('PASS'), Type.Literal('FAIL'), Type.Literal('NA')], {
  description: 'PASS, FAIL, or NA for clients that do not share a verdict (then a score is required).',
});
const ResultState = Type.Union([Type.Literal('scored'), Type.Literal('held'), Type.Literal('released'), Type.Literal('invalidated')], {
  description: 'scored (ready to release) → released; held (by a coordinator, or waiting for the proctoring review); invalidated.',
});
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** PSI "Candidate Results Details" (R1, R2). */
export const CandidateResultsDetails = Type.Object(
  {
    result: Outcome,
    score: Type.Optional(Type.String({ maxLength: 64, description: 'Integer, real or alphanumeric.', examples: ['87', '87.5', 'B+'] })),
  },
  { additionalProperties: false, description: 'Candidate Results Details (PSI).', examples: [{ result: 'PASS', score: '87' }] },
);

/** PSI "candidate Result Data" (R3). */
export const CandidateResultData = Type.Object(
  {
    candidate_id: Type.String({ minLength: 1, maxLength: 64 }),
    result: Outcome,
    result_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "The test driver's id of the result." })),
    overall_score_label: Type.Optional(Type.String({ maxLength: 64 })),
    overall_score_pct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    overall_score_scaled: Type.Optional(Type.Integer()),
    category_total_count: Type.Optional(Type.Integer({ minimum: 0 })),
    category_scores: Type.Optional(
      Type.Array(
        Type.Object(
          {
            category_name: Type.String({ minLength: 1, maxLength: 200 }),
            category_order: Type.Optional(Type.Integer()),
            category_score_pct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 500 },
      ),
    ),
  },
  { additionalProperties: false, description: 'candidate Result Data (PSI).' },
);

export const Received = Type.Object(
  { result_id: Type.String({ examples: ['res_01jd9z4q5k8m3n7p2r6s4t0v1w'] }), status: Type.Literal('received') },
  { description: '(ours) The stored result; the same result sent again answers the same id.' },
);

const Category = Type.Object({ name: Type.String(), order: Type.Union([Type.Integer(), Type.Null()]), percent: NullableNumber });

export const ScoreReport = Type.Object({
  outcome: Outcome,
  overall: Type.Object({
    raw: Type.Union([Type.String(), Type.Null()], { description: 'The score as the test driver sent it.' }),
    scaled: Type.Union([Type.Integer(), Type.Null()]),
    percent: NullableNumber,
    label: NullableString,
  }),
  categories: Type.Array(Category, { description: 'Portions/categories, in order.' }),
  category_total_count: Type.Union([Type.Integer(), Type.Null()]),
});

export const Result = Type.Object(
  {
    result_id: Type.String({ examples: ['res_01jd9z4q5k8m3n7p2r6s4t0v1w'] }),
    booking_code: Type.String(),
    eligibility_code: Type.String(),
    client_eligibility_id: NullableString,
    candidate_id: Type.String(),
    test_code: Type.String(),
    test_version: Type.Integer(),
    attempt: Type.Integer({ description: 'Which attempt of the eligibility this sitting was.' }),
    state: ResultState,
    previous_state: Type.Union([ResultState, Type.Null()]),
    hold_reason: Type.Union([Type.Literal('proctoring_review'), Type.Literal('coordinator'), Type.Null()]),
    source: Type.Union([Type.Literal('booking'), Type.Literal('eligibility'), Type.Literal('candidate'), Type.Literal('coordinator')]),
    external_result_id: NullableString,
    revision: Type.Integer({ description: 'Score revision: 1 when received, +1 per amendment.' }),
    score_report: ScoreReport,
    released_at: Type.Union([Timestamp, Type.Null()]),
    version: Type.Integer({ description: 'Grows by one on every change.' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { description: 'An assessment result (score report) of one booking.' },
);

export const ResultPage = Type.Object({
  data: Type.Array(Result),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass it as `cursor` for the next page; null on the last page.' }),
});

export const ResultHistory = Type.Object({
  result_id: Type.String(),
  revisions: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      reason: Type.String(),
      diff: Type.Array(Type.Object({ path: Type.String(), from: Type.Unknown(), to: Type.Unknown() }), {
        description: 'JSON pointers into the score report that changed against the previous revision.',
      }),
      score_report: ScoreReport,
      actor: Type.String(),
      created_at: Timestamp,
    }),
  ),
  transitions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      action: Type.String(),
      previous_state: Type.Union([ResultState, Type.Null()]),
      state: ResultState,
      reason: NullableString,
      actor: Type.String(),
      at: Timestamp,
    }),
  ),
});

export const ListResultsQuery = Type.Object({
  ...PageQuery,
  booking_code: Type.Optional(Type.String({ maxLength: 32 })),
  candidate_id: Type.Optional(Type.String({ maxLength: 64 })),
  eligibility_code: Type.Optional(Type.String({ maxLength: 64 })),
  state: Type.Optional(ResultState),
});

const Reason = Type.String({ minLength: 1, maxLength: 2000, description: 'Why (kept in the history and sent with amendments and invalidations).' });
export const ReasonOptionalBody = Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export const AmendBody = Type.Object(
  {
    reason: Reason,
    outcome: Type.Optional(Outcome),
    overall: Type.Optional(
      Type.Object(
        {
          raw: Type.Optional(NullableString),
          scaled: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
          percent: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()])),
          label: Type.Optional(NullableString),
        },
        { additionalProperties: false },
      ),
    ),
    categories: Type.Optional(Type.Array(Category, { maxItems: 500 })),
    category_total_count: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  },
  { additionalProperties: false, examples: [{ reason: 'Item 42 rescored after appeal', outcome: 'PASS', overall: { raw: '71' } }] },
);

export const ResultIdParam = { result_id: Type.String({ minLength: 1, maxLength: 64, examples: ['res_01jd9z4q5k8m3n7p2r6s4t0v1w'] }) };
