/**
 * Pure rules of a proctored session (domain.md): which event moves which state, what each event needs, and which
 * changes reach the booking and the partner. No I/O; the service applies the outcome with a guarded UPDATE.
 */
import type { IncidentSeverity, ProctoringState, SystemCheck } from '../../db/tables/proctoring.ts';

export const EVENT_TYPES = [
  'LAUNCHED',
  'SYSTEM_CHECK_PASSED',
  'SYSTEM_CHECK_FAILED',
  'ID_VERIFIED',
  'STARTED',
  'PAUSED',
  'RESUMED',
  'INCIDENT',
  'SUBMITTED',
  'TERMINATED',
  'TIMED_OUT',
  'REVIEW_STARTED',
] as const;
export type SessionEventType = (typeof EVENT_TYPES)[number];

export const SEVERITIES: readonly IncidentSeverity[] = ['low', 'medium', 'high', 'critical'];
export const ENDED_STATES = ['submitted', 'terminated', 'timed_out'] as const satisfies readonly ProctoringState[];
export const DECIDED_STATES = ['verified', 'rejected'] as const satisfies readonly ProctoringState[];
/** States in which the candidate is still connected (incidents and termination may happen). */
const LIVE: readonly ProctoringState[] = ['launched', 'checking_in', 'in_progress', 'paused'];

/** For each event: the states it may come from and the state it leads to (`same` = the state does not change). */
export const EVENT_RULES: Record<SessionEventType, { from: readonly ProctoringState[]; to: ProctoringState | 'same' }> = {
  LAUNCHED: { from: ['scheduled'], to: 'launched' },
  SYSTEM_CHECK_PASSED: { from: ['launched', 'checking_in'], to: 'checking_in' },
  SYSTEM_CHECK_FAILED: { from: ['launched', 'checking_in'], to: 'checking_in' },
  ID_VERIFIED: { from: ['launched', 'checking_in'], to: 'checking_in' },
  STARTED: { from: ['checking_in'], to: 'in_progress' },
  PAUSED: { from: ['in_progress'], to: 'paused' },
  RESUMED: { from: ['paused'], to: 'in_progress' },
  INCIDENT: { from: LIVE, to: 'same' },
  SUBMITTED: { from: ['in_progress', 'paused'], to: 'submitted' },
  TERMINATED: { from: LIVE, to: 'terminated' },
  TIMED_OUT: { from: ['in_progress', 'paused'], to: 'timed_out' },
  REVIEW_STARTED: { from: ENDED_STATES, to: 'under_review' },
};

export interface SessionFacts {
  state: ProctoringState;
  system_check: SystemCheck;
  id_verified: number;
}

export interface SessionEventInput {
  type: SessionEventType;
  severity?: IncidentSeverity;
  reason_code?: string;
  extra_time_minutes?: number;
}

export type EventRefusal =
  | { code: 'PROCTORING_EVENT_NOT_ALLOWED'; detail: string }
  | { code: 'PROCTORING_CHECK_IN_INCOMPLETE'; detail: string }
  | { code: 'PROCTORING_EVENT_INVALID'; detail: string; pointer: string };

/** Why the event cannot be applied to the session now, or undefined when it can. */
export function eventRefusal(session: SessionFacts, event: SessionEventInput): EventRefusal | undefined {
  if (event.type === 'INCIDENT' && (!event.severity || !event.reason_code)) {
    return {
      code: 'PROCTORING_EVENT_INVALID',
      detail: 'an INCIDENT needs severity and reason_code',
      pointer: event.severity ? '/body/reason_code' : '/body/severity',
    };
  }
  if (event.type === 'TERMINATED' && !event.reason_code) {
    return { code: 'PROCTORING_EVENT_INVALID', detail: 'TERMINATED needs a reason_code', pointer: '/body/reason_code' };
  }
  if (event.extra_time_minutes !== undefined && event.type !== 'RESUMED') {
    return { code: 'PROCTORING_EVENT_INVALID', detail: 'extra_time_minutes is for RESUMED only', pointer: '/body/extra_time_minutes' };
  }
  const rule = EVENT_RULES[event.type];
  if (!rule.from.includes(session.state)) {
    return { code: 'PROCTORING_EVENT_NOT_ALLOWED', detail: `${event.type} is not possible in state ${session.state} (only from ${rule.from.join(', ')})` };
  }
  if (event.type === 'STARTED' && (session.system_check !== 'passed' || session.id_verified !== 1)) {
    const missing = [session.system_check !== 'passed' ? 'a passed system check' : null, session.id_verified !== 1 ? 'a verified ID' : null].filter(Boolean);
    return { code: 'PROCTORING_CHECK_IN_INCOMPLETE', detail: `the exam cannot start without ${missing.join(' and ')}` };
  }
  return undefined;
}

export function nextState(current: ProctoringState, type: SessionEventType): ProctoringState {
  const to = EVENT_RULES[type].to;
  return to === 'same' ? current : to;
}

/** The booking moves with the session: checked in on entering check-in, in progress on start, completed when the sitting ends. */
export function bookingStepFor(previous: ProctoringState, next: ProctoringState): 'checked_in' | 'in_progress' | 'completed' | undefined {
  if (previous === next) return undefined;
  if (next === 'checking_in') return 'checked_in';
  if (next === 'in_progress' && previous === 'checking_in') return 'in_progress';
  if ((ENDED_STATES as readonly ProctoringState[]).includes(next)) return 'completed';
  return undefined;
}

export function isEnded(state: ProctoringState): boolean {
  return (ENDED_STATES as readonly ProctoringState[]).includes(state);
}

export function isDecided(state: ProctoringState): boolean {
  return (DECIDED_STATES as readonly ProctoringState[]).includes(state);
}

/** A review decision is taken after the sitting ended (passing through under_review), or revised once decided. */
export function reviewRefusal(state: ProctoringState, decision: 'verified' | 'rejected'): string | undefined {
  if (isEnded(state) || state === 'under_review') return undefined;
  if (isDecided(state)) return state === decision ? `the session is already ${decision}` : undefined;
  return `a review decision needs a sitting that ended (state is ${state})`;
}

/** Severity order for `max_severity`. */
export function higherSeverity(a: IncidentSeverity | null, b: IncidentSeverity): IncidentSeverity {
  if (a === null) return b;
  return SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a;
}

/** Result review status the results module waits on: pending until a decision exists. */
export function reviewStatusOf(state: ProctoringState): 'pending' | 'verified' | 'rejected' {
  return state === 'verified' ? 'verified' : state === 'rejected' ? 'rejected' : 'pending';
}

/**
 * Paths of the sandbox simulator: the events that walk a fresh session to each end. `incident` adds a medium
 * incident during the exam; the review decision is applied after the path.
 */
export const SIMULATION_PATHS: Record<string, SessionEventInput[]> = {
  completed: [{ type: 'LAUNCHED' }, { type: 'SYSTEM_CHECK_PASSED' }, { type: 'ID_VERIFIED' }, { type: 'STARTED' }, { type: 'SUBMITTED' }],
  with_incident: [
    { type: 'LAUNCHED' },
    { type: 'SYSTEM_CHECK_PASSED' },
    { type: 'ID_VERIFIED' },
    { type: 'STARTED' },
    { type: 'INCIDENT', severity: 'medium', reason_code: 'SECOND_PERSON_DETECTED' },
    { type: 'PAUSED' },
    { type: 'RESUMED', extra_time_minutes: 5 },
    { type: 'SUBMITTED' },
  ],
  terminated: [
    { type: 'LAUNCHED' },
    { type: 'SYSTEM_CHECK_PASSED' },
    { type: 'ID_VERIFIED' },
    { type: 'STARTED' },
    { type: 'INCIDENT', severity: 'critical', reason_code: 'PROHIBITED_MATERIAL' },
    { type: 'TERMINATED', reason_code: 'PROHIBITED_MATERIAL' },
  ],
  timed_out: [{ type: 'LAUNCHED' }, { type: 'SYSTEM_CHECK_PASSED' }, { type: 'ID_VERIFIED' }, { type: 'STARTED' }, { type: 'TIMED_OUT' }],
  check_in_failed: [{ type: 'LAUNCHED' }, { type: 'SYSTEM_CHECK_FAILED' }, { type: 'TERMINATED', reason_code: 'SYSTEM_CHECK_FAILED' }],
};
export type SimulationPath = keyof typeof SIMULATION_PATHS;

/** The simulator continues from the session's current state: the events of the path not yet behind it. */
export function remainingSimulation(path: SessionEventInput[], facts: SessionFacts): SessionEventInput[] {
  let state = facts;
  const remaining: SessionEventInput[] = [];
  for (const event of path) {
    const refusal = eventRefusal(state, event);
    if (refusal?.code === 'PROCTORING_EVENT_NOT_ALLOWED' && remaining.length === 0) continue; // already behind us
    remaining.push(event);
    state = {
      state: nextState(state.state, event.type),
      system_check: event.type === 'SYSTEM_CHECK_PASSED' ? 'passed' : event.type === 'SYSTEM_CHECK_FAILED' ? 'failed' : state.system_check,
      id_verified: event.type === 'ID_VERIFIED' ? 1 : state.id_verified,
    };
  }
  return remaining;
}

/** How long after the scheduled end (plus extra time) a running sitting is timed out by the worker. */
export const TIMEOUT_GRACE_MS = 30 * 60_000;

export function isPastDeadline(s: { state: ProctoringState; scheduled_end: string; extra_time_minutes: number }, now: Date): boolean {
  if (s.state !== 'in_progress' && s.state !== 'paused') return false;
  return new Date(s.scheduled_end).getTime() + s.extra_time_minutes * 60_000 + TIMEOUT_GRACE_MS < now.getTime();
}
