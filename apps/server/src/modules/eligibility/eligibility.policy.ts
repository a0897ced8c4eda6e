/**
 * Pure rules of the eligibility lifecycle (domain.md "Eligibility"): no I/O, "today" passed in by the caller.
 * Dates are `YYYY-MM-DD` strings in UTC date terms, which compare correctly as text.
 */
import type { EligibilityState } from '../../db/tables/eligibility.ts';
import type { ValidationIssue } from '../../platform/errors.ts';

export const ACTIVE_STATES = ['pending', 'open', 'scheduled'] as const satisfies readonly EligibilityState[];
export const TERMINAL_STATES = ['completed', 'exhausted', 'expired', 'cancelled'] as const satisfies readonly EligibilityState[];
export const ALL_STATES: readonly EligibilityState[] = [...ACTIVE_STATES, ...TERMINAL_STATES];

/** Which state may follow which. `open` again after a booking is cancelled or missed while attempts remain. */
export const TRANSITIONS: Readonly<Record<EligibilityState, readonly EligibilityState[]>> = {
  pending: ['open', 'cancelled', 'expired'],
  open: ['pending', 'scheduled', 'cancelled', 'expired', 'exhausted'],
  scheduled: ['open', 'completed', 'exhausted', 'cancelled'],
  completed: [],
  exhausted: [],
  expired: [],
  cancelled: [],
};

export function canTransition(from: EligibilityState, to: EligibilityState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The states that may move to `to`: the guard of a conditional UPDATE. */
export function statesLeadingTo(to: EligibilityState): EligibilityState[] {
  return ALL_STATES.filter((from) => canTransition(from, to));
}

export function isActiveState(state: EligibilityState): boolean {
  return (ACTIVE_STATES as readonly EligibilityState[]).includes(state);
}

/**
 * E3's `status` filter: active = not yet terminal; inactive = ended (cancelled, expired, exhausted — and completed,
 * so that active + inactive = all); all. Anything else (or nothing) is refused by the caller.
 */
export function statesForStatusFilter(status: string | undefined): readonly EligibilityState[] | undefined {
  if (status === 'active') return ACTIVE_STATES;
  if (status === 'inactive') return TERMINAL_STATES;
  if (status === 'all') return ALL_STATES;
  return undefined;
}

export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A real calendar date (TypeBox's `date` format checks the shape; this also refuses 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Default window **(ours)**: from today for one year when the partner gives no dates. */
export const DEFAULT_WINDOW_DAYS = 365;

/** A new eligibility waits (`pending`) until its window opens. */
export function stateForWindow(startDate: string, today: string): 'pending' | 'open' {
  return startDate > today ? 'pending' : 'open';
}

export interface WindowInput {
  schedule_start_date?: string | null;
  eligibility_end_date?: string | null;
}

/** The window to store, or the issues with the given dates. The end must not be in the past (it would expire at once). */
export function resolveWindow(input: WindowInput, today: string): { start: string; end: string } | { issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  for (const field of ['schedule_start_date', 'eligibility_end_date'] as const) {
    const value = input[field];
    if (value != null && !isCalendarDate(value)) issues.push({ pointer: `/body/${field}`, message: 'must be a calendar date (YYYY-MM-DD)' });
  }
  if (issues.length > 0) return { issues };
  const start = input.schedule_start_date ?? today;
  const end = input.eligibility_end_date ?? addDays(start > today ? start : today, DEFAULT_WINDOW_DAYS);
  if (end < start) issues.push({ pointer: '/body/eligibility_end_date', message: `must not be before schedule_start_date (${start})` });
  if (end < today) issues.push({ pointer: '/body/eligibility_end_date', message: `must not be in the past (today is ${today} UTC)` });
  return issues.length > 0 ? { issues } : { start, end };
}

/**
 * The window after an update. Only a changed end date must lie ahead, so a demographics-only update of an
 * eligibility near its end stays possible.
 */
export function changeWindow(
  current: { start: string; end: string },
  requested: WindowInput,
  today: string,
): { start: string; end: string; changed: boolean; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  for (const field of ['schedule_start_date', 'eligibility_end_date'] as const) {
    const value = requested[field];
    if (value != null && !isCalendarDate(value)) issues.push({ pointer: `/body/${field}`, message: 'must be a calendar date (YYYY-MM-DD)' });
  }
  const start = requested.schedule_start_date ?? current.start;
  const end = requested.eligibility_end_date ?? current.end;
  if (issues.length === 0) {
    if (end < start) issues.push({ pointer: '/body/eligibility_end_date', message: `must not be before schedule_start_date (${start})` });
    if (end !== current.end && end < today) issues.push({ pointer: '/body/eligibility_end_date', message: `must not be in the past (today is ${today} UTC)` });
  }
  return { start, end, changed: start !== current.start || end !== current.end, issues };
}

export interface SchedulingFacts {
  state: EligibilityState;
  today: string;
  scheduleStartDate: string;
  eligibilityEndDate: string;
  attemptsAllowed: number;
  attemptsUsed: number;
  /** A booking in progress: the `scheduled` state records it (the booking service moves the eligibility there). */
  lastAttemptOn: string | null;
  retakeWaitingDays: number;
}

/** `eligible_to_schedule` and `eligibility_status_message`: the first reason that stops scheduling, else yes. */
export function assessScheduling(f: SchedulingFacts): { eligible: boolean; message: string } {
  const no = (message: string) => ({ eligible: false, message });
  switch (f.state) {
    case 'cancelled':
      return no('The eligibility was cancelled.');
    case 'expired':
      return no(`The eligibility window ended on ${f.eligibilityEndDate}.`);
    case 'completed':
      return no('The candidate has completed this test.');
    case 'exhausted':
      return no(`No attempts remain (${f.attemptsUsed} of ${f.attemptsAllowed} used).`);
    case 'scheduled':
      return no('The candidate already has an active booking for this test.');
    default:
  }
  if (f.today < f.scheduleStartDate) return no(`The eligibility window opens on ${f.scheduleStartDate}.`);
  if (f.today > f.eligibilityEndDate) return no(`The eligibility window ended on ${f.eligibilityEndDate}.`);
  if (f.attemptsUsed >= f.attemptsAllowed) return no(`No attempts remain (${f.attemptsUsed} of ${f.attemptsAllowed} used).`);
  if (f.lastAttemptOn !== null && f.retakeWaitingDays > 0) {
    const retakeFrom = addDays(f.lastAttemptOn, f.retakeWaitingDays);
    if (f.today < retakeFrom) return no(`The retake waiting period ends on ${retakeFrom}.`);
  }
  return { eligible: true, message: 'The candidate is eligible to schedule.' };
}

/** USPS abbreviations: the 50 states, DC, the territories and the military "states". */
export const US_STATE_CODES: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN ' +
    'TX UT VT VA WA WV WI WY DC AS GU MP PR VI UM AA AE AP'
  ).split(' '),
);

/** PSI: `province_state` is the 2-letter abbreviation when `country` is US. Returns the problem, if any. */
export function provinceStateIssue(country: string | null | undefined, provinceState: string | null | undefined): string | undefined {
  if (country !== 'US' || provinceState == null) return undefined;
  if (US_STATE_CODES.has(provinceState.toUpperCase())) return undefined;
  return 'must be the 2-letter abbreviation of a US state or territory (e.g. NY) when country is US';
}

/** The retake rule of a test version's policy document: `retake: { waiting_days, max_attempts, period_days }`. */
export function retakeRuleOf(policies: unknown): { maxAttempts: number; waitingDays: number } {
  const retake = (policies as { retake?: { max_attempts?: unknown; waiting_days?: unknown } } | null)?.retake;
  const maxAttempts = Number.isInteger(retake?.max_attempts) && (retake?.max_attempts as number) >= 1 ? (retake?.max_attempts as number) : 1;
  const waitingDays = Number.isInteger(retake?.waiting_days) && (retake?.waiting_days as number) >= 0 ? (retake?.waiting_days as number) : 0;
  return { maxAttempts, waitingDays };
}

/** The accommodations a test version allows, or undefined when its policy sets no list. */
export function allowedAccommodationsOf(policies: unknown): readonly string[] | undefined {
  const allowed = (policies as { accommodations_allowed?: unknown } | null)?.accommodations_allowed;
  return Array.isArray(allowed) ? allowed.filter((a): a is string => typeof a === 'string') : undefined;
}

export interface FixedFields {
  test_code: string;
  candidate_id: string;
  client_eligibility_id: string | null;
  accommodations: readonly string[];
  portion_codes: readonly string[];
}

/** Fields given in the change that differ from the eligibility (undefined = not given = unchanged). */
export interface RequestedFixedFields {
  test_code?: string;
  candidate_id?: string;
  client_eligibility_id?: string | null;
  accommodations?: readonly string[];
  portion_codes?: readonly string[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
};

/**
 * E8's rule: demographics and the window may change; the test, the accommodations, the portions, the candidate_id and
 * the client_eligibility_id may not (the partner cancels and creates anew). Returns one issue per refused field.
 */
export function immutableFieldIssues(current: FixedFields, requested: RequestedFixedFields): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const refuse = (pointer: string, what: string) => issues.push({ pointer, message: `${what} cannot change; cancel this eligibility and create a new one` });
  if (requested.test_code !== undefined && requested.test_code !== current.test_code) refuse('/body/test_code', 'test_code');
  if (requested.candidate_id !== undefined && requested.candidate_id !== current.candidate_id) refuse('/body/candidate/candidate_id', 'candidate_id');
  if (requested.client_eligibility_id !== undefined && (requested.client_eligibility_id ?? null) !== current.client_eligibility_id) {
    refuse('/body/client_eligibility_id', 'client_eligibility_id');
  }
  if (requested.accommodations !== undefined && !sameSet(requested.accommodations, current.accommodations)) {
    refuse('/body/candidate/special_accommodations', 'special_accommodations');
  }
  if (requested.portion_codes !== undefined && !sameSet(requested.portion_codes, current.portion_codes)) refuse('/body/portion_codes', 'portion_codes');
  return issues;
}
