import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATES,
  addDays,
  allowedAccommodationsOf,
  assessScheduling,
  canTransition,
  changeWindow,
  immutableFieldIssues,
  isCalendarDate,
  provinceStateIssue,
  resolveWindow,
  retakeRuleOf,
  type SchedulingFacts,
  stateForWindow,
  statesForStatusFilter,
  statesLeadingTo,
  TERMINAL_STATES,
} from './eligibility.policy.ts';

const open: SchedulingFacts = {
  state: 'open',
  today: '2026-03-10',
  scheduleStartDate: '2026-03-01',
  eligibilityEndDate: '2026-03-31',
  attemptsAllowed: 3,
  attemptsUsed: 0,
  lastAttemptOn: null,
  retakeWaitingDays: 30,
};

describe('eligibility transitions', () => {
  it('follow pending → open → scheduled → (completed | exhausted | expired | cancelled)', () => {
    expect(canTransition('pending', 'open')).toBe(true);
    expect(canTransition('open', 'scheduled')).toBe(true);
    expect(canTransition('scheduled', 'completed')).toBe(true);
    expect(canTransition('scheduled', 'open')).toBe(true);
    expect(canTransition('open', 'expired')).toBe(true);
    expect(canTransition('pending', 'scheduled')).toBe(false);
    expect(canTransition('scheduled', 'expired')).toBe(false);
  });

  it('never leave a terminal state', () => {
    for (const from of TERMINAL_STATES) for (const to of [...ACTIVE_STATES, ...TERMINAL_STATES]) expect(canTransition(from, to)).toBe(false);
  });

  it('allow cancelling from every active state only', () => {
    expect(statesLeadingTo('cancelled').sort()).toEqual(['open', 'pending', 'scheduled']);
  });
});

describe('E3 status filter', () => {
  it('maps active, inactive and all, and nothing else', () => {
    expect(statesForStatusFilter('active')).toEqual(['pending', 'open', 'scheduled']);
    expect(statesForStatusFilter('inactive')).toEqual(['completed', 'exhausted', 'expired', 'cancelled']);
    expect(statesForStatusFilter('all')).toHaveLength(7);
    for (const bad of ['Active', 'open', '', undefined]) expect(statesForStatusFilter(bad)).toBeUndefined();
  });
});

describe('eligible_to_schedule', () => {
  it('is true inside the window with attempts left and no booking', () => {
    expect(assessScheduling(open)).toEqual({ eligible: true, message: 'The candidate is eligible to schedule.' });
  });

  it('counts both window days as inside (UTC dates)', () => {
    expect(assessScheduling({ ...open, today: '2026-03-01' }).eligible).toBe(true);
    expect(assessScheduling({ ...open, today: '2026-03-31' }).eligible).toBe(true);
  });

  it('says when the window opens or ended', () => {
    expect(assessScheduling({ ...open, today: '2026-02-28' })).toEqual({ eligible: false, message: 'The eligibility window opens on 2026-03-01.' });
    expect(assessScheduling({ ...open, today: '2026-04-01' })).toEqual({ eligible: false, message: 'The eligibility window ended on 2026-03-31.' });
  });

  it('refuses when no attempt remains', () => {
    expect(assessScheduling({ ...open, attemptsUsed: 3 })).toEqual({ eligible: false, message: 'No attempts remain (3 of 3 used).' });
  });

  it('waits for the retake period after an attempt', () => {
    expect(assessScheduling({ ...open, attemptsUsed: 1, lastAttemptOn: '2026-03-05' })).toEqual({
      eligible: false,
      message: 'The retake waiting period ends on 2026-04-04.',
    });
    expect(assessScheduling({ ...open, attemptsUsed: 1, lastAttemptOn: '2026-01-05' }).eligible).toBe(true);
  });

  it('refuses while a booking is active and in every terminal state', () => {
    expect(assessScheduling({ ...open, state: 'scheduled' }).message).toBe('The candidate already has an active booking for this test.');
    for (const state of TERMINAL_STATES) expect(assessScheduling({ ...open, state }).eligible).toBe(false);
  });
});

describe('windows', () => {
  it('defaults to today for one year and opens pending in the future', () => {
    expect(resolveWindow({}, '2026-01-05')).toEqual({ start: '2026-01-05', end: '2027-01-05' });
    expect(resolveWindow({ schedule_start_date: '2026-02-01' }, '2026-01-05')).toEqual({ start: '2026-02-01', end: '2027-02-01' });
    expect(stateForWindow('2026-02-01', '2026-01-05')).toBe('pending');
    expect(stateForWindow('2026-01-05', '2026-01-05')).toBe('open');
  });

  it('refuses impossible dates, reversed windows and ends in the past', () => {
    expect(resolveWindow({ eligibility_end_date: '2026-02-30' }, '2026-01-05')).toEqual({
      issues: [expect.objectContaining({ pointer: '/body/eligibility_end_date' })],
    });
    expect(resolveWindow({ schedule_start_date: '2026-03-01', eligibility_end_date: '2026-02-01' }, '2026-01-05')).toMatchObject({
      issues: [{ message: 'must not be before schedule_start_date (2026-03-01)' }],
    });
    expect(resolveWindow({ schedule_start_date: '2025-01-01', eligibility_end_date: '2025-12-31' }, '2026-01-05')).toMatchObject({
      issues: [{ message: 'must not be in the past (today is 2026-01-05 UTC)' }],
    });
  });

  it('on update, checks only a changed end against today', () => {
    const current = { start: '2025-06-01', end: '2026-01-01' };
    expect(changeWindow(current, {}, '2026-01-05')).toEqual({ ...current, changed: false, issues: [] });
    expect(changeWindow(current, { eligibility_end_date: '2026-01-02' }, '2026-01-05').issues).toHaveLength(1);
    expect(changeWindow(current, { eligibility_end_date: '2026-06-30' }, '2026-01-05')).toMatchObject({ end: '2026-06-30', changed: true, issues: [] });
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });
});

describe('province_state', () => {
  it('must be a 2-letter US state or territory abbreviation when the country is US', () => {
    expect(provinceStateIssue('US', 'NY')).toBeUndefined();
    expect(provinceStateIssue('US', 'pr')).toBeUndefined();
    expect(provinceStateIssue('US', 'New York')).toMatch(/2-letter/);
    expect(provinceStateIssue('US', 'XX')).toMatch(/2-letter/);
    expect(provinceStateIssue('US', null)).toBeUndefined();
  });

  it('is free text elsewhere', () => {
    expect(provinceStateIssue('CA', 'Ontario')).toBeUndefined();
    expect(provinceStateIssue(null, 'Anything')).toBeUndefined();
  });
});

describe('E8 update rules', () => {
  const current = { test_code: 'T1', candidate_id: 'C1', client_eligibility_id: 'X1', accommodations: ['A', 'B'], portion_codes: ['P1'] };

  it('accept equal or absent fixed fields (sets compare without order)', () => {
    expect(immutableFieldIssues(current, {})).toEqual([]);
    expect(
      immutableFieldIssues(current, { test_code: 'T1', candidate_id: 'C1', client_eligibility_id: 'X1', accommodations: ['B', 'A'], portion_codes: ['P1'] }),
    ).toEqual([]);
  });

  it('refuse a change of each fixed field, naming it', () => {
    const issues = immutableFieldIssues(current, {
      test_code: 'T2',
      candidate_id: 'C2',
      client_eligibility_id: null,
      accommodations: ['A'],
      portion_codes: ['P2'],
    });
    expect(issues.map((i) => i.pointer)).toEqual([
      '/body/test_code',
      '/body/candidate/candidate_id',
      '/body/client_eligibility_id',
      '/body/candidate/special_accommodations',
      '/body/portion_codes',
    ]);
    expect(issues[0]?.message).toBe('test_code cannot change; cancel this eligibility and create a new one');
  });
});

describe('test policy reading', () => {
  it('takes attempts and waiting days from the retake rule, with safe defaults', () => {
    expect(retakeRuleOf({ retake: { waiting_days: 30, max_attempts: 3, period_days: 365 } })).toEqual({ maxAttempts: 3, waitingDays: 30 });
    expect(retakeRuleOf({})).toEqual({ maxAttempts: 1, waitingDays: 0 });
    expect(retakeRuleOf(null)).toEqual({ maxAttempts: 1, waitingDays: 0 });
  });

  it('reads the allowed accommodations when the policy lists them', () => {
    expect(allowedAccommodationsOf({ accommodations_allowed: ['EXTRA_TIME_50'] })).toEqual(['EXTRA_TIME_50']);
    expect(allowedAccommodationsOf({})).toBeUndefined();
  });
});
