/** Wire views of sessions and the two outbound payloads (full outcome and thin notice). */
import type { ProctoringEventTable, ProctoringSessionTable } from '../../db/tables/proctoring.ts';

export interface SessionParties {
  eligibility_code: string;
  client_eligibility_id: string | null;
  candidate_id: string;
}

export function sessionView(s: ProctoringSessionTable, parties: SessionParties) {
  return {
    session_id: s.id,
    booking_code: s.booking_code,
    eligibility_code: parties.eligibility_code,
    candidate_id: parties.candidate_id,
    test_code: s.test_code,
    test_version: s.test_version,
    state: s.state,
    previous_state: s.previous_state,
    scheduled_start: s.scheduled_start,
    scheduled_end: s.scheduled_end,
    check_in: { system_check: s.system_check, id_verified: s.id_verified === 1 },
    extra_time_minutes: s.extra_time_minutes,
    incident_count: s.incident_count,
    max_severity: s.max_severity,
    ended_as: s.ended_as,
    review: s.review_decision ? { decision: s.review_decision, notes: s.review_notes, reviewed_at: s.reviewed_at as string } : null,
    launched_at: s.launched_at,
    started_at: s.started_at,
    ended_at: s.ended_at,
    version: s.version,
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

export type SessionView = ReturnType<typeof sessionView>;

export function eventView(e: ProctoringEventTable) {
  return {
    event_id: e.id,
    sequence: e.sequence,
    type: e.type,
    previous_state: e.previous_state,
    state: e.state,
    severity: e.severity,
    reason_code: e.reason_code,
    note: e.note,
    extra_time_minutes: e.extra_time_minutes,
    actor: e.actor,
    occurred_at: e.occurred_at,
  };
}

/** Proctoring Results (full): the outcome with every incident and the whole timeline. */
export function outcomePayload(s: ProctoringSessionTable, parties: SessionParties, events: ProctoringEventTable[]) {
  return {
    ...sessionView(s, parties),
    client_eligibility_id: parties.client_eligibility_id,
    incidents: events
      .filter((e) => e.type === 'INCIDENT')
      .map((e) => ({ severity: e.severity, reason_code: e.reason_code, note: e.note, occurred_at: e.occurred_at })),
    timeline: events.map((e) => ({ sequence: e.sequence, type: e.type, state: e.state, occurred_at: e.occurred_at })),
  };
}

/** Proctoring Results Notification (thin): what changed and where to fetch it. */
export function noticePayload(s: ProctoringSessionTable, parties: SessionParties) {
  return {
    session_id: s.id,
    booking_code: s.booking_code,
    candidate_id: parties.candidate_id,
    state: s.state,
    decision: s.review_decision,
    version: s.version,
    href: `/proctoring/v2/sessions/${s.id}`,
  };
}
