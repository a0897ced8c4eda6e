/** Wire shapes of the Proctoring API (v2 and its v1 mirror). No $id: the v1 and v2 routes share these objects. */
import { Type } from 'typebox';
import { Timestamp } from '../../platform/common-schemas.ts';
import { PageQuery } from '../../platform/paging.ts';

export const SessionState = Type.Union(
  [
    Type.Literal('scheduled'),
    Type.Literal('launched'),
    Type.Literal('checking_in'),
    Type.Literal('in_progress'),
    Type.Literal('paused'),
    Type.Literal('submitted'),
    Type.Literal('terminated'),
    Type.Literal('timed_out'),
    Type.Literal('under_review'),
    Type.Literal('verified'),
    Type.Literal('rejected'),
  ],
  { description: 'scheduled → launched → checking_in → in_progress ⇄ paused → submitted | terminated | timed_out → under_review → verified | rejected.' },
);
const Severity = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('critical')], {
  description: 'Incident severity.',
});
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const SESSION_ID = Type.String({ minLength: 1, maxLength: 64, description: 'The session id.', examples: ['prs_01jd9z4q5k8m3n7p2r6s4t0v1w'] });
const BOOKING_CODE = Type.String({ minLength: 1, maxLength: 32, description: 'The booking code.', examples: ['K7M2Q9XDRT'] });

export const SessionIdParam = { session_id: SESSION_ID };
export const BookingCodeParam = { booking_code: BOOKING_CODE };

export const Session = Type.Object(
  {
    session_id: SESSION_ID,
    booking_code: BOOKING_CODE,
    eligibility_code: Type.String(),
    candidate_id: Type.String(),
    test_code: Type.String(),
    test_version: Type.Integer(),
    state: SessionState,
    previous_state: Type.Union([SessionState, Type.Null()]),
    scheduled_start: Timestamp,
    scheduled_end: Timestamp,
    check_in: Type.Object({
      system_check: Type.Union([Type.Literal('pending'), Type.Literal('passed'), Type.Literal('failed')]),
      id_verified: Type.Boolean(),
    }),
    extra_time_minutes: Type.Integer({ description: 'Minutes granted on resumes.' }),
    incident_count: Type.Integer(),
    max_severity: Type.Union([Severity, Type.Null()]),
    ended_as: Type.Union([Type.Union([Type.Literal('submitted'), Type.Literal('terminated'), Type.Literal('timed_out')]), Type.Null()]),
    review: Type.Union([
      Type.Object({ decision: Type.Union([Type.Literal('verified'), Type.Literal('rejected')]), notes: Nullable(Type.String()), reviewed_at: Timestamp }),
      Type.Null(),
    ]),
    launched_at: Type.Union([Timestamp, Type.Null()]),
    started_at: Type.Union([Timestamp, Type.Null()]),
    ended_at: Type.Union([Timestamp, Type.Null()]),
    version: Type.Integer({ description: 'Grows by one on every event.' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { description: 'A remote-proctored session of an online (ATLAS_REMOTE_PROCTORED) booking.' },
);

export const SessionPage = Type.Object({
  data: Type.Array(Session),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass it as `cursor` for the next page; null on the last page.' }),
});

export const ListSessionsQuery = Type.Object({ ...PageQuery, state: Type.Optional(SessionState), booking_code: Type.Optional(BOOKING_CODE) });

export const SessionEvent = Type.Object({
  event_id: Type.String({ examples: ['pev_01jd9z4q5k8m3n7p2r6s4t0v1w'] }),
  sequence: Type.Integer({ description: 'The session version after the event.' }),
  type: Type.String(),
  previous_state: Type.Union([SessionState, Type.Null()]),
  state: SessionState,
  severity: Type.Union([Severity, Type.Null()]),
  reason_code: Nullable(Type.String()),
  note: Nullable(Type.String()),
  extra_time_minutes: Type.Union([Type.Integer(), Type.Null()]),
  actor: Type.String(),
  occurred_at: Timestamp,
});

export const SessionEventList = Type.Object({ data: Type.Array(SessionEvent) });

export const EventBody = Type.Object(
  {
    type: Type.Union(
      [
        Type.Literal('LAUNCHED'),
        Type.Literal('SYSTEM_CHECK_PASSED'),
        Type.Literal('SYSTEM_CHECK_FAILED'),
        Type.Literal('ID_VERIFIED'),
        Type.Literal('STARTED'),
        Type.Literal('PAUSED'),
        Type.Literal('RESUMED'),
        Type.Literal('INCIDENT'),
        Type.Literal('SUBMITTED'),
        Type.Literal('TERMINATED'),
        Type.Literal('TIMED_OUT'),
        Type.Literal('REVIEW_STARTED'),
      ],
      {
        description:
          'LAUNCHED, SYSTEM_CHECK_PASSED|FAILED, ID_VERIFIED (check-in), STARTED (needs both), PAUSED, RESUMED (optional extra_time_minutes), ' +
          'INCIDENT (severity + reason_code), SUBMITTED, TERMINATED (reason_code), TIMED_OUT, REVIEW_STARTED.',
      },
    ),
    severity: Type.Optional(Severity),
    reason_code: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,63}$', description: 'UPPER_SNAKE reason.', examples: ['SECOND_PERSON_DETECTED'] })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    extra_time_minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    occurred_at: Type.Optional({ ...Timestamp, description: 'When it happened on the proctoring side (default: now).' }),
  },
  { additionalProperties: false, examples: [{ type: 'INCIDENT', severity: 'medium', reason_code: 'SECOND_PERSON_DETECTED', note: 'Voice heard' }] },
);

export const ReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('verified'), Type.Literal('rejected')], {
      description: 'verified: the sitting is valid; rejected: it is not (its result cannot be released).',
    }),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const SimulateBody = Type.Object(
  {
    path: Type.Union(
      [Type.Literal('completed'), Type.Literal('with_incident'), Type.Literal('terminated'), Type.Literal('timed_out'), Type.Literal('check_in_failed')],
      { description: 'Which path the session walks from where it is.' },
    ),
    review: Type.Optional(
      Type.Union([Type.Literal('verified'), Type.Literal('rejected'), Type.Literal('none')], {
        description: 'Decision applied after the path (default verified; none leaves it ended).',
      }),
    ),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const LaunchUrl = Type.Object({
  session_id: SESSION_ID,
  booking_code: BOOKING_CODE,
  launch_url: Type.String({ description: 'Signed URL the candidate opens; the same link v1 testLaunchInfo gives.' }),
  expires_at: Timestamp,
});

export const LaunchAnswer = Type.Object({ session_id: SESSION_ID, booking_code: BOOKING_CODE, state: SessionState, scheduled_start: Timestamp });
export const LaunchQuery = Type.Object({
  elg: Type.String({ maxLength: 64 }),
  exp: Type.String({ maxLength: 16 }),
  sig: Type.String({ maxLength: 128 }),
});
