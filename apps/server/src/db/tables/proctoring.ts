import type { Environment, Flag } from '../schema.ts';

/** domain.md: scheduled → launched → checking_in → in_progress ⇄ paused → (submitted | terminated | timed_out) → under_review → (verified | rejected). */
export type ProctoringState =
  | 'scheduled'
  | 'launched'
  | 'checking_in'
  | 'in_progress'
  | 'paused'
  | 'submitted'
  | 'terminated'
  | 'timed_out'
  | 'under_review'
  | 'verified'
  | 'rejected';

export type SystemCheck = 'pending' | 'passed' | 'failed';
export type IncidentSeverity = 'low' | 'medium' | 'high' | 'critical';

/** One remote-proctored session per online (ATLAS_REMOTE_PROCTORED) booking; `id` (`prs_…`) is public. */
export interface ProctoringSessionTable {
  id: string;
  account_id: string;
  environment: Environment;
  /** Internal key of the booking (unique: one session per booking). */
  booking_id: string;
  booking_code: string;
  eligibility_id: string;
  candidate_ref: string;
  test_code: string;
  test_version: number;
  scheduled_start: string;
  scheduled_end: string;
  state: ProctoringState;
  previous_state: ProctoringState | null;
  state_reason: string | null;
  system_check: SystemCheck;
  id_verified: Flag;
  /** Minutes granted on resumes (pause/resume with extra time). */
  extra_time_minutes: number;
  incident_count: number;
  /** The highest severity of any incident, or null. */
  max_severity: IncidentSeverity | null;
  /** submitted | terminated | timed_out once the sitting ended. */
  ended_as: 'submitted' | 'terminated' | 'timed_out' | null;
  review_decision: 'verified' | 'rejected' | null;
  review_notes: string | null;
  reviewed_by: string | null;
  launched_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  reviewed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Everything that happened to a session, in order (`sequence` = the session version after the event). */
export interface ProctoringEventTable {
  id: string;
  session_id: string;
  sequence: number;
  type: string;
  previous_state: ProctoringState | null;
  state: ProctoringState;
  severity: IncidentSeverity | null;
  reason_code: string | null;
  note: string | null;
  extra_time_minutes: number | null;
  actor: string;
  occurred_at: string;
  created_at: string;
}

export interface ProctoringTables {
  proctoring_session: ProctoringSessionTable;
  proctoring_event: ProctoringEventTable;
}
