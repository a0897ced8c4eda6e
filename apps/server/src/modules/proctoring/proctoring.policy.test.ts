import { describe, expect, it } from 'vitest';
import type { ProctoringState } from '../../db/tables/proctoring.ts';
import {
  bookingStepFor,
  EVENT_RULES,
  EVENT_TYPES,
  eventRefusal,
  higherSeverity,
  isPastDeadline,
  nextState,
  remainingSimulation,
  reviewRefusal,
  reviewStatusOf,
  SIMULATION_PATHS,
} from './proctoring.policy.ts';

const facts = (state: ProctoringState, checked = true) => ({
  state,
  system_check: checked ? ('passed' as const) : ('pending' as const),
  id_verified: checked ? 1 : 0,
});

describe('proctoring policy', () => {
  it('follows the state machine of domain.md', () => {
    expect(nextState('scheduled', 'LAUNCHED')).toBe('launched');
    expect(nextState('launched', 'SYSTEM_CHECK_PASSED')).toBe('checking_in');
    expect(nextState('checking_in', 'STARTED')).toBe('in_progress');
    expect(nextState('in_progress', 'PAUSED')).toBe('paused');
    expect(nextState('paused', 'RESUMED')).toBe('in_progress');
    expect(nextState('paused', 'INCIDENT')).toBe('paused');
    expect(nextState('in_progress', 'TIMED_OUT')).toBe('timed_out');
    expect(nextState('terminated', 'REVIEW_STARTED')).toBe('under_review');
  });

  it('refuses every event from a state its rule does not list', () => {
    const states: ProctoringState[] = ['scheduled', 'launched', 'checking_in', 'in_progress', 'paused', 'submitted', 'under_review', 'verified'];
    for (const type of EVENT_TYPES) {
      for (const state of states) {
        const event = { type, severity: 'low' as const, reason_code: 'R' };
        const refusal = eventRefusal(facts(state), type === 'INCIDENT' || type === 'TERMINATED' ? event : { type });
        expect(refusal === undefined, `${type} from ${state}`).toBe(EVENT_RULES[type].from.includes(state));
      }
    }
  });

  it('needs a passed system check and a verified ID to start, severity and reason for incidents', () => {
    expect(eventRefusal(facts('checking_in', false), { type: 'STARTED' })).toMatchObject({
      code: 'PROCTORING_CHECK_IN_INCOMPLETE',
      detail: 'the exam cannot start without a passed system check and a verified ID',
    });
    expect(eventRefusal(facts('in_progress'), { type: 'INCIDENT', reason_code: 'X' })).toMatchObject({ pointer: '/body/severity' });
    expect(eventRefusal(facts('in_progress'), { type: 'TERMINATED' })).toMatchObject({ pointer: '/body/reason_code' });
    expect(eventRefusal(facts('in_progress'), { type: 'PAUSED', extra_time_minutes: 5 })).toMatchObject({ code: 'PROCTORING_EVENT_INVALID' });
  });

  it('drives the booking: checked in on entering check-in, in progress on start, completed at the end of the sitting', () => {
    expect(bookingStepFor('launched', 'checking_in')).toBe('checked_in');
    expect(bookingStepFor('checking_in', 'checking_in')).toBeUndefined();
    expect(bookingStepFor('checking_in', 'in_progress')).toBe('in_progress');
    expect(bookingStepFor('paused', 'in_progress')).toBeUndefined();
    expect(bookingStepFor('paused', 'submitted')).toBe('completed');
    expect(bookingStepFor('launched', 'terminated')).toBe('completed');
    expect(bookingStepFor('submitted', 'under_review')).toBeUndefined();
  });

  it('takes a review decision after the sitting, and a revision to the other decision only', () => {
    expect(reviewRefusal('in_progress', 'verified')).toMatch(/ended/);
    expect(reviewRefusal('submitted', 'verified')).toBeUndefined();
    expect(reviewRefusal('under_review', 'rejected')).toBeUndefined();
    expect(reviewRefusal('verified', 'rejected')).toBeUndefined();
    expect(reviewRefusal('verified', 'verified')).toBe('the session is already verified');
    expect(reviewStatusOf('paused')).toBe('pending');
    expect(reviewStatusOf('rejected')).toBe('rejected');
  });

  it('keeps the highest severity', () => {
    expect(higherSeverity(null, 'low')).toBe('low');
    expect(higherSeverity('high', 'medium')).toBe('high');
    expect(higherSeverity('medium', 'critical')).toBe('critical');
  });

  it('continues a simulation from where the session is', () => {
    expect(remainingSimulation(SIMULATION_PATHS.completed ?? [], facts('scheduled', false)).map((e) => e.type)).toEqual([
      'LAUNCHED',
      'SYSTEM_CHECK_PASSED',
      'ID_VERIFIED',
      'STARTED',
      'SUBMITTED',
    ]);
    expect(remainingSimulation(SIMULATION_PATHS.completed ?? [], facts('in_progress')).map((e) => e.type)).toEqual(['SUBMITTED']);
    expect(remainingSimulation(SIMULATION_PATHS.completed ?? [], facts('verified'))).toEqual([]);
  });

  it('times out a running sitting only after its end, its extra time and the grace period', () => {
    const session = { state: 'in_progress' as const, scheduled_end: '2026-01-19T15:00:00.000Z', extra_time_minutes: 10 };
    expect(isPastDeadline(session, new Date('2026-01-19T15:39:59.000Z'))).toBe(false);
    expect(isPastDeadline(session, new Date('2026-01-19T15:40:01.000Z'))).toBe(true);
    expect(isPastDeadline({ ...session, state: 'submitted' }, new Date('2026-01-20T00:00:00.000Z'))).toBe(false);
  });
});
