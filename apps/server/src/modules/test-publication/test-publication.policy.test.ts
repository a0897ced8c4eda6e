import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES } from '../../../test/factories/catalog.ts';
import {
  canTransition,
  changeTierAt,
  defaultPolicies,
  editModeOf,
  resolvePolicies,
  TRANSITIONS,
  validateDefinition,
  validatePolicies,
} from './test-publication.policy.ts';
import type { TestDefinitionInput } from './test-publication.schemas.ts';

const definition = (overrides: Partial<TestDefinitionInput> = {}): TestDefinitionInput => ({
  title: 'Real estate salesperson licence',
  duration_minutes: 150,
  delivery_modes: ['SITE_PROCTORED'],
  price: { amount: 6500, currency: 'USD' },
  portions: [
    { portion_code: 'NATIONAL', portion_name: 'National portion', duration_minutes: 105 },
    { portion_code: 'STATE', portion_name: 'State portion', duration_minutes: 45 },
  ],
  languages: ['en'],
  ...overrides,
});

describe('test state machine', () => {
  it('publishes only drafts and retires drafts and published tests, never a retired one', () => {
    expect(canTransition('draft', 'publish')).toBe(true);
    expect(canTransition('published', 'publish')).toBe(false);
    expect(canTransition('retired', 'publish')).toBe(false);
    expect(canTransition('draft', 'retire')).toBe(true);
    expect(canTransition('published', 'retire')).toBe(true);
    expect(canTransition('retired', 'retire')).toBe(false);
    expect(TRANSITIONS.publish.to).toBe('published');
    expect(TRANSITIONS.retire.to).toBe('retired');
  });

  it('edits drafts in place, versions published tests and refuses to change retired ones', () => {
    expect(editModeOf('draft')).toBe('in_place');
    expect(editModeOf('published')).toBe('new_version');
    expect(editModeOf('retired')).toBe('refused');
  });
});

describe('policy defaults', () => {
  it('scale the fees with the price: free a week ahead, 25 % / 50 % until 48 hours, refused inside', () => {
    expect(defaultPolicies(20000)).toEqual({
      change_tiers: [
        { min_hours_before: 168, reschedule_fee: 0, cancel_fee: 0 },
        { min_hours_before: 48, reschedule_fee: 5000, cancel_fee: 10000 },
      ],
      no_show_fee: 0,
      retake: { waiting_days: 30, max_attempts: 3, period_days: 365 },
      accommodations_allowed: [],
    });
  });

  it('fill only the fields the partner omitted', () => {
    const resolved = resolvePolicies({ no_show_fee: 1500, accommodations_allowed: ['EXTRA_TIME_50'] }, 8000);
    expect(resolved.no_show_fee).toBe(1500);
    expect(resolved.accommodations_allowed).toEqual(['EXTRA_TIME_50']);
    expect(resolved.change_tiers).toEqual(defaultPolicies(8000).change_tiers);
    expect(resolved.retake).toEqual(defaultPolicies(8000).retake);
  });

  it('are valid for any price, including a free test', () => {
    for (const price of [0, 1, 99, 15000, 100_000_000]) expect(validatePolicies(defaultPolicies(price), price)).toEqual([]);
  });

  it('accept the shape the shared test factory writes', () => {
    expect(validatePolicies(DEFAULT_POLICIES, 15000)).toEqual([]);
  });
});

describe('policy validation', () => {
  const tier = (min: number, reschedule = 0, cancel = 0) => ({ min_hours_before: min, reschedule_fee: reschedule, cancel_fee: cancel });
  const policies = (tiers: ReturnType<typeof tier>[]) => ({ ...defaultPolicies(10000), change_tiers: tiers });

  it('requires tiers strictly decreasing from the furthest ahead, naming each offending tier', () => {
    const issues = validatePolicies(policies([tier(48), tier(168), tier(168)]), 10000);
    expect(issues.map((i) => i.pointer)).toEqual(['/change_tiers/1/min_hours_before', '/change_tiers/2/min_hours_before']);
  });

  it('refuses negative fees and a cancellation fee above the price', () => {
    const issues = validatePolicies({ ...policies([tier(168, -1, 10001)]), no_show_fee: -5 }, 10000);
    expect(issues.map((i) => i.pointer)).toEqual(['/change_tiers/0/reschedule_fee', '/change_tiers/0/cancel_fee', '/no_show_fee']);
  });

  it('refuses a fee that gets cheaper closer to the appointment', () => {
    const issues = validatePolicies(policies([tier(168, 3000, 5000), tier(48, 2000, 5000)]), 10000);
    expect(issues).toEqual([{ pointer: '/change_tiers/1/reschedule_fee', message: expect.stringContaining('not be lower') }]);
  });

  it('refuses an accommodation code listed twice', () => {
    const issues = validatePolicies({ ...defaultPolicies(100), accommodations_allowed: ['READER', 'READER'] }, 100);
    expect(issues).toEqual([{ pointer: '/accommodations_allowed/1', message: '"READER" is listed twice' }]);
  });
});

describe('definition validation', () => {
  it('accepts a coherent definition', () => {
    expect(validateDefinition(definition(), defaultPolicies(6500))).toEqual([]);
  });

  it('lists every problem at once with pointers into the body', () => {
    const issues = validateDefinition(
      definition({
        price: { amount: 6500, currency: 'ZZZ' },
        delivery_modes: ['ATLAS_REMOTE_PROCTORED'],
        portions: [
          { portion_code: 'A', portion_name: 'One', duration_minutes: 100 },
          { portion_code: 'A', portion_name: 'Two', duration_minutes: 100 },
        ],
        delivery: { countries: ['US'], location_codes: ['US-NY-0042'] },
      }),
      { ...defaultPolicies(6500), no_show_fee: -1 },
    );
    expect(issues.map((i) => i.pointer)).toEqual([
      '/body/price/currency',
      '/body/portions/1/portion_code',
      '/body/portions',
      '/body/delivery/location_codes',
      '/body/policies/no_show_fee',
    ]);
  });
});

describe('change tier lookup', () => {
  const policies = defaultPolicies(20000);

  it('is free at or beyond the furthest bound and charges the middle tier until the last bound', () => {
    expect(changeTierAt(policies, 200)).toEqual({ allowed: true, tierIndex: 0, rescheduleFee: 0, cancelFee: 0 });
    expect(changeTierAt(policies, 168)).toEqual({ allowed: true, tierIndex: 0, rescheduleFee: 0, cancelFee: 0 });
    expect(changeTierAt(policies, 167.5)).toEqual({ allowed: true, tierIndex: 1, rescheduleFee: 5000, cancelFee: 10000 });
    expect(changeTierAt(policies, 48)).toEqual({ allowed: true, tierIndex: 1, rescheduleFee: 5000, cancelFee: 10000 });
  });

  it('refuses inside the smallest bound and says where the deadline was', () => {
    expect(changeTierAt(policies, 47.9)).toEqual({ allowed: false, deadlineHoursBefore: 48 });
  });
});
