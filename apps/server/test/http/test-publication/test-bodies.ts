import type { LightMyRequestResponse } from 'fastify';
import { bearer, type TestApp } from '../../harness.ts';

/** A complete, valid create body (NCLEX-like) with overrides; test_code upper-case and unique per call by default. */
let sequence = 0;
export function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    test_code: `NURSE-${sequence}`,
    title: 'Registered Nurse Licensure Examination',
    description: 'Computerized adaptive test.',
    duration_minutes: 300,
    delivery_modes: ['SITE_PROCTORED', 'ATLAS_REMOTE_PROCTORED'],
    price: { amount: 20000, currency: 'USD' },
    portions: [
      { portion_code: 'SAFE', portion_name: 'Safe and effective care', duration_minutes: 120 },
      { portion_code: 'PHARM', portion_name: 'Pharmacological therapies' },
    ],
    languages: ['en', 'es-MX'],
    delivery: { countries: ['US', 'CA'], location_codes: [] },
    policies: {
      change_tiers: [
        { min_hours_before: 168, reschedule_fee: 0, cancel_fee: 0 },
        { min_hours_before: 48, reschedule_fee: 2500, cancel_fee: 5000 },
      ],
      no_show_fee: 10000,
      retake: { waiting_days: 45, max_attempts: 8, period_days: 365 },
      accommodations_allowed: ['EXTRA_TIME_50', 'SEPARATE_ROOM'],
    },
    ...overrides,
  };
}

/** The definition part of a body, as PUT takes it. */
export function definitionOf(body: Record<string, unknown>): Record<string, unknown> {
  const { test_code: _code, publish: _publish, ...definition } = body;
  return definition;
}

export const V2 = '/test-publication/v2';
export const v1 = (accountCode: string) => `/test-publication/v1/accounts/${accountCode}`;

export function call(
  t: TestApp,
  token: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, headers: { ...bearer(token), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
}
