import type { Environment } from '../schema.ts';

/** Lifecycle of domain.md: pending → open → scheduled → (completed | exhausted | expired | cancelled). */
export type EligibilityState = 'pending' | 'open' | 'scheduled' | 'completed' | 'exhausted' | 'expired' | 'cancelled';

/** A partner's candidate (their `candidate_id`), per account and environment, with the demographics last sent. */
export interface CandidateTable {
  id: string;
  account_id: string;
  environment: Environment;
  /** The partner's own identifier of the person. */
  candidate_id: string;
  first_name: string;
  last_name: string;
  middle_name: string | null;
  suffix: string | null;
  email: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province_state: string | null;
  postal_code: string | null;
  country: string | null;
  home_phone: string | null;
  office_phone: string | null;
  school_code: string | null;
  /** JSON array of accommodation codes, as last sent. */
  special_accommodations: string;
  /** JSON array of `{key, value}`. */
  additional_attributes: string;
  created_at: string;
  updated_at: string;
}

/** An authorisation of a candidate to take one test; at most one non-terminal per candidate and test (partial unique index). */
export interface EligibilityTable {
  id: string;
  /** The public code: `psi_eligiblity_id` in v1, `eligibility_code` in v2. */
  code: string;
  account_id: string;
  environment: Environment;
  candidate_ref: string;
  test_id: string;
  test_code: string;
  test_version: number;
  client_eligibility_id: string | null;
  state: EligibilityState;
  previous_state: EligibilityState | null;
  state_reason: string | null;
  schedule_start_date: string;
  eligibility_end_date: string;
  attempts_allowed: number;
  attempts_used: number;
  /** From the test version's retake rule: days to wait after an attempt. */
  retake_waiting_days: number;
  /** Date (YYYY-MM-DD, UTC) of the last attempt; set when a booking consumes an attempt. */
  last_attempt_on: string | null;
  /** JSON array of the accommodation codes granted with this eligibility (fixed for its life). */
  accommodations: string;
  /** JSON array of portion codes. */
  portion_codes: string;
  registration_mode: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One row per state change (and the creation): the eligibility's history. */
export interface EligibilityTransitionTable {
  eligibility_id: string;
  version: number;
  previous_state: EligibilityState | null;
  state: EligibilityState;
  reason: string;
  actor: string;
  at: string;
}

export interface EligibilityTables {
  candidate: CandidateTable;
  eligibility: EligibilityTable;
  eligibility_transition: EligibilityTransitionTable;
}
