import type { TestState } from '../../db/tables/test-publication.ts';
import type { ValidationIssue } from '../../platform/errors.ts';
import type { PoliciesDocument, PoliciesInputDocument, TestDefinitionInput } from './test-publication.schemas.ts';

/** Pure rules of test publication: no I/O, unit-tested beside this file. */

export type TestAction = 'publish' | 'retire';

/**
 * The state machine `draft → published → retired` (a draft may also be retired without ever being published).
 * The service turns `from` into the WHERE clause of a guarded UPDATE, so concurrent requests cannot both move a test.
 */
export const TRANSITIONS: Record<TestAction, { from: readonly TestState[]; to: TestState }> = {
  publish: { from: ['draft'], to: 'published' },
  retire: { from: ['draft', 'published'], to: 'retired' },
};

export function canTransition(state: TestState, action: TestAction): boolean {
  return TRANSITIONS[action].from.includes(state);
}

/** How a replacement definition applies: drafts change in place, published tests get a new version, retired ones never change. */
export function editModeOf(state: TestState): 'in_place' | 'new_version' | 'refused' {
  if (state === 'draft') return 'in_place';
  if (state === 'published') return 'new_version';
  return 'refused';
}

/** Hours in a week and in two days: the default tier bounds (free a week ahead, refused inside 48 hours). */
const WEEK_HOURS = 168;
const TWO_DAYS_HOURS = 48;

/**
 * The documented defaults (also in the OpenAPI description of `policies`). Fees scale with the price so a default
 * makes sense in any currency: 25 % to reschedule and 50 % kept on cancellation between 7 days and 48 hours ahead.
 */
export function defaultPolicies(priceAmount: number): PoliciesDocument {
  return {
    change_tiers: [
      { min_hours_before: WEEK_HOURS, reschedule_fee: 0, cancel_fee: 0 },
      { min_hours_before: TWO_DAYS_HOURS, reschedule_fee: Math.round(priceAmount * 0.25), cancel_fee: Math.round(priceAmount * 0.5) },
    ],
    no_show_fee: 0,
    retake: { waiting_days: 30, max_attempts: 3, period_days: 365 },
    accommodations_allowed: [],
  };
}

/** Fills every omitted policy field with its default; given fields are kept as sent. */
export function resolvePolicies(input: PoliciesInputDocument | undefined, priceAmount: number): PoliciesDocument {
  const defaults = defaultPolicies(priceAmount);
  return {
    change_tiers: input?.change_tiers ?? defaults.change_tiers,
    no_show_fee: input?.no_show_fee ?? defaults.no_show_fee,
    retake: input?.retake ?? defaults.retake,
    accommodations_allowed: input?.accommodations_allowed ?? defaults.accommodations_allowed,
  };
}

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * Rules the JSON schema cannot express; returns every problem (pointers under `/body`), none when the definition
 * holds together. `policies` is the resolved document (defaults filled in; the defaults are valid by construction,
 * so every problem found points at something the partner sent).
 */
export function validateDefinition(definition: TestDefinitionInput, policies: PoliciesDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (pointer: string, message: string) => issues.push({ pointer: `/body${pointer}`, message });

  if (!KNOWN_CURRENCIES.has(definition.price.currency)) add('/price/currency', `"${definition.price.currency}" is not an ISO 4217 currency`);

  const seenPortions = new Set<string>();
  definition.portions.forEach((portion, i) => {
    if (seenPortions.has(portion.portion_code)) add(`/portions/${i}/portion_code`, `portion_code "${portion.portion_code}" is used twice`);
    seenPortions.add(portion.portion_code);
  });
  const portionMinutes = definition.portions.reduce((sum, p) => sum + (p.duration_minutes ?? 0), 0);
  if (portionMinutes > definition.duration_minutes) {
    add('/portions', `portion durations add up to ${portionMinutes} minutes, more than duration_minutes (${definition.duration_minutes})`);
  }

  if ((definition.delivery?.location_codes.length ?? 0) > 0 && !definition.delivery_modes.includes('SITE_PROCTORED')) {
    add('/delivery/location_codes', 'test centres can be listed only for a SITE_PROCTORED test');
  }

  issues.push(...validatePolicies(policies, definition.price.amount).map((issue) => ({ ...issue, pointer: `/body/policies${issue.pointer}` })));
  return issues;
}

/**
 * Policy rules (pointers relative to the policy document). All fees are in the test's price currency (minor units),
 * so they are consistent with it by construction; what can still be inconsistent is checked here: tiers strictly
 * decreasing, fees never lower closer to the appointment, and a cancellation never keeping more than the price.
 */
export function validatePolicies(policies: PoliciesDocument, priceAmount: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  policies.change_tiers.forEach((tier, i) => {
    const at = `/change_tiers/${i}`;
    if (tier.reschedule_fee < 0) issues.push({ pointer: `${at}/reschedule_fee`, message: 'must be 0 or more' });
    if (tier.cancel_fee < 0) issues.push({ pointer: `${at}/cancel_fee`, message: 'must be 0 or more' });
    if (tier.cancel_fee > priceAmount) {
      issues.push({ pointer: `${at}/cancel_fee`, message: `must not exceed the price (${priceAmount}): a cancellation cannot keep more than was paid` });
    }
    const previous = policies.change_tiers[i - 1];
    if (!previous) return;
    if (tier.min_hours_before >= previous.min_hours_before) {
      issues.push({
        pointer: `${at}/min_hours_before`,
        message: `tiers must be sorted from the furthest ahead: ${tier.min_hours_before} is not less than ${previous.min_hours_before}`,
      });
    }
    if (tier.reschedule_fee < previous.reschedule_fee) {
      issues.push({
        pointer: `${at}/reschedule_fee`,
        message: 'must not be lower than the fee of the tier before it (closer to the appointment costs at least as much)',
      });
    }
    if (tier.cancel_fee < previous.cancel_fee) {
      issues.push({
        pointer: `${at}/cancel_fee`,
        message: 'must not be lower than the fee of the tier before it (closer to the appointment costs at least as much)',
      });
    }
  });
  if (policies.no_show_fee < 0) issues.push({ pointer: '/no_show_fee', message: 'must be 0 or more' });
  const seen = new Set<string>();
  policies.accommodations_allowed.forEach((code, i) => {
    if (seen.has(code)) issues.push({ pointer: `/accommodations_allowed/${i}`, message: `"${code}" is listed twice` });
    seen.add(code);
  });
  return issues;
}

export type ChangeQuote = { allowed: true; tierIndex: number; rescheduleFee: number; cancelFee: number } | { allowed: false; deadlineHoursBefore: number };

/**
 * The fee tier for a change made `hoursBefore` hours ahead of the appointment (for booking): the first tier whose
 * bound it reaches; inside the smallest bound the change is refused, and the answer says where the deadline was.
 */
export function changeTierAt(policies: PoliciesDocument, hoursBefore: number): ChangeQuote {
  const index = policies.change_tiers.findIndex((tier) => hoursBefore >= tier.min_hours_before);
  const tier = policies.change_tiers[index];
  if (!tier) return { allowed: false, deadlineHoursBefore: Math.min(...policies.change_tiers.map((t) => t.min_hours_before)) };
  return { allowed: true, tierIndex: index, rescheduleFee: tier.reschedule_fee, cancelFee: tier.cancel_fee };
}
