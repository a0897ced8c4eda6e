import type { Environment } from '../schema.ts';

/** domain.md: received → scored → (held for review | released), then amended or invalidated. */
export type ResultState = 'scored' | 'held' | 'released' | 'invalidated';
export type ResultOutcome = 'PASS' | 'FAIL' | 'NA';
export type ResultSource = 'booking' | 'eligibility' | 'candidate' | 'coordinator';

/**
 * An assessment result for one booking (`id` `res_…` is public). The current score report lives in columns; every
 * revision (the first score and each amendment, with its reason and diff) is kept in `result_revision`.
 */
export interface ResultTable {
  id: string;
  account_id: string;
  environment: Environment;
  booking_id: string;
  booking_code: string;
  eligibility_id: string;
  candidate_ref: string;
  test_code: string;
  test_version: number;
  /** Which inbound route (R1 booking, R2 eligibility, R3 candidate) or a coordinator entered it. */
  source: ResultSource;
  /** The test driver's own result id (R3), when given. */
  external_result_id: string | null;
  state: ResultState;
  previous_state: ResultState | null;
  state_reason: string | null;
  /** Why it is held: `proctoring_review` (waits for the session's review) or `coordinator`. */
  hold_reason: 'proctoring_review' | 'coordinator' | null;
  /** JSON score report of the current revision. */
  report: string;
  /** SHA-256 of the canonical inbound body: the same result delivered twice is recognised. */
  body_hash: string;
  revision: number;
  attempt: number;
  released_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ResultRevisionTable {
  result_id: string;
  revision: number;
  report: string;
  reason: string;
  /** JSON: `[{ path, from, to }]` against the previous revision (empty for the first). */
  diff: string;
  actor: string;
  created_at: string;
}

export interface ResultTransitionTable {
  result_id: string;
  version: number;
  previous_state: ResultState | null;
  state: ResultState;
  action: string;
  reason: string | null;
  actor: string;
  at: string;
}

export interface ResultTables {
  result: ResultTable;
  result_revision: ResultRevisionTable;
  result_transition: ResultTransitionTable;
}
