import type { LightMyRequestResponse } from 'fastify';
import type { Environment } from '../../src/db/schema.ts';
import { findAccountByCode } from '../../src/modules/identity/account.repository.ts';
import { createCenter } from '../../src/modules/test-centers/center-admin.service.ts';
import { bearer, type TestApp } from '../harness.ts';
import { insertCandidate } from './candidate.ts';
import { DEFAULT_POLICIES, insertTest } from './catalog.ts';
import { applicationToken, insertPartner, type TestPartner } from './partner.ts';

export const B2 = '/booking/v2';

export interface BookingPartner {
  partner: TestPartner;
  accountId: string;
  sandbox: string;
  production: string;
  testCode: string;
  testId: string;
}

let sequence = 0;

/** A partner with every role, sandbox and production tokens, and a published sandbox test (120 min, 15000 USD). */
export async function bookingPartner(t: TestApp, test: Parameters<typeof insertTest>[2] = {}): Promise<BookingPartner> {
  sequence += 1;
  const partner = await insertPartner(t, { roles: 'all', subscribe: 'all' });
  const account = await findAccountByCode(t.ctx.db, partner.accountCode);
  if (!account) throw new Error('no account');
  const created = await insertTest(t, partner, { testCode: `BKT${sequence}`, policies: DEFAULT_POLICIES, ...test });
  return {
    partner,
    accountId: account.id,
    sandbox: await applicationToken(t, partner.sandbox),
    production: await applicationToken(t, partner.production),
    testCode: created.testCode,
    testId: created.id,
  };
}

/** A New York centre open Monday–Friday 08:00–17:00 local time. */
export async function insertBookingCenter(t: TestApp, overrides: { code?: string; seats?: number; timezone?: string; hours?: unknown } = {}) {
  sequence += 1;
  const weekday = [{ opens: '08:00', closes: '17:00' }];
  return createCenter(
    t.ctx,
    {
      location_code: overrides.code ?? `US-BKG-${sequence}`,
      name: `Booking Centre ${sequence}`,
      address_line1: '1 Test Plaza',
      city: 'New York',
      region: 'NY',
      postal_code: '10001',
      country: 'US',
      latitude: 40.7128,
      longitude: -74.006,
      timezone: overrides.timezone ?? 'America/New_York',
      seats: overrides.seats ?? 10,
      opening_hours: overrides.hours ?? { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday },
    },
    'coordinator:test',
  );
}

/** An open eligibility inserted straight into the tables (fast enough for hundreds in the concurrency tests). */
export async function insertOpenEligibility(t: TestApp, p: BookingPartner, overrides: { environment?: Environment; attempts?: number } = {}) {
  sequence += 1;
  const now = t.clock.now().toISOString();
  const environment = overrides.environment ?? 'sandbox';
  const candidateRef = await insertCandidate(t, {
    accountId: p.accountId,
    environment,
    candidateId: `CAND-${sequence}`,
    firstName: 'Ada',
    lastName: `Lovelace${sequence}`,
    country: 'US',
  });
  const code = `ELG${sequence}X${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  await t.ctx.db
    .insertInto('eligibility')
    .values({
      id: t.ctx.ids.id('eligibility'),
      code,
      account_id: p.accountId,
      environment,
      candidate_ref: candidateRef,
      test_id: p.testId,
      test_code: p.testCode,
      test_version: 1,
      client_eligibility_id: `CLIENT-${sequence}`,
      state: 'open',
      previous_state: null,
      state_reason: null,
      schedule_start_date: '2026-01-01',
      eligibility_end_date: '2026-12-31',
      attempts_allowed: overrides.attempts ?? 3,
      attempts_used: 0,
      retake_waiting_days: 30,
      last_attempt_on: null,
      accommodations: '[]',
      portion_codes: '[]',
      registration_mode: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { code, candidateId: `CAND-${sequence}` };
}

export function post(t: TestApp, token: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

export function get(t: TestApp, token: string, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}

/** Sandbox test cards (payment module's SANDBOX_TEST_CARDS) in the shape the confirm body takes. */
export const TEST_CARDS = { visa: '4242424242424242', declined: '4000000000000002', mastercard: '5555555555554444' };

export function cardPayment(number: string = TEST_CARDS.visa) {
  return { method: 'card' as const, card: { number, exp_month: 12, exp_year: 2030, cvc: '123', holder_name: 'Ada Lovelace' } };
}

/** The one slot of a centre starting exactly at `startsAt` (UTC ISO), found through the search API. */
export async function slotAt(
  t: TestApp,
  p: BookingPartner,
  locationCode: string,
  startsAt: string,
): Promise<{ slot_id: string; seats_available: number } | undefined> {
  const to = new Date(Date.parse(startsAt) + 60_000).toISOString();
  const response = await get(t, p.sandbox, `${B2}/slots?test_code=${p.testCode}&location_code=${locationCode}&from=${startsAt}&to=${to}`);
  if (response.statusCode !== 200) throw new Error(`slot search failed: ${response.body}`);
  return response.json().data[0];
}

/** Holds the slot at `startsAt` for a new open eligibility; answers the hold id and the eligibility code. */
export async function holdAt(t: TestApp, p: BookingPartner, locationCode: string, startsAt: string) {
  const slot = await slotAt(t, p, locationCode, startsAt);
  if (!slot) throw new Error(`no slot at ${startsAt}`);
  const eligibility = await insertOpenEligibility(t, p);
  const hold = await post(t, p.sandbox, `${B2}/holds`, { eligibility_code: eligibility.code, slot_id: slot.slot_id });
  if (hold.statusCode !== 201) throw new Error(`hold failed: ${hold.body}`);
  return { holdId: hold.json().hold_id as string, eligibilityCode: eligibility.code, slotId: slot.slot_id };
}
