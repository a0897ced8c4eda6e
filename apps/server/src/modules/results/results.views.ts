/** Wire views of results and the two outbound payloads (full score report and thin notice). */
import type { ResultRevisionTable, ResultTable, ResultTransitionTable } from '../../db/tables/results.ts';
import type { DiffEntry, ScoreReport } from './results.policy.ts';

export interface ResultParties {
  eligibility_code: string;
  client_eligibility_id: string | null;
  candidate_id: string;
}

export function resultView(r: ResultTable, parties: ResultParties) {
  return {
    result_id: r.id,
    booking_code: r.booking_code,
    eligibility_code: parties.eligibility_code,
    client_eligibility_id: parties.client_eligibility_id,
    candidate_id: parties.candidate_id,
    test_code: r.test_code,
    test_version: r.test_version,
    attempt: r.attempt,
    state: r.state,
    previous_state: r.previous_state,
    hold_reason: r.hold_reason,
    source: r.source,
    external_result_id: r.external_result_id,
    revision: r.revision,
    score_report: JSON.parse(r.report) as ScoreReport,
    released_at: r.released_at,
    version: r.version,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export type ResultView = ReturnType<typeof resultView>;

export function revisionView(r: ResultRevisionTable) {
  return {
    revision: r.revision,
    reason: r.reason,
    diff: JSON.parse(r.diff) as DiffEntry[],
    score_report: JSON.parse(r.report) as ScoreReport,
    actor: r.actor,
    created_at: r.created_at,
  };
}

export function transitionView(t: ResultTransitionTable) {
  return { version: t.version, action: t.action, previous_state: t.previous_state, state: t.state, reason: t.reason, actor: t.actor, at: t.at };
}

/** Assessment Results (full): the score report, and for an amendment or invalidation what changed and why. */
export function reportPayload(r: ResultTable, parties: ResultParties, change: { reason: string | null; diff: DiffEntry[] | null }) {
  return { ...resultView(r, parties), change_reason: change.reason, diff: change.diff };
}

/** Assessment Results Notification (thin): what happened to which booking's result, and where to fetch it. */
export function noticePayload(r: ResultTable, parties: ResultParties, type: string) {
  return {
    result_id: r.id,
    booking_code: r.booking_code,
    candidate_id: parties.candidate_id,
    change: type.replace('assessment_result.', ''),
    state: r.state,
    revision: r.revision,
    version: r.version,
    href: `/results/v2/results/${r.id}`,
  };
}
