/**
 * Holds and bookings for payment tests, inserted straight into the booking tables (the payment suites test payments,
 * not the booking flow; the booking suites cover holds and confirmations end to end).
 */
import type { Environment } from '../../src/db/schema.ts';
import type { TestApp } from '../harness.ts';
import { insertCandidate } from './candidate.ts';

let sequence = 0;

export interface HoldOptions {
  accountId: string;
  testId: string;
  testCode: string;
  environment?: Environment;
  price?: { amount: number; currency: string };
  /** Seconds until the hold expires (default 600); negative for an expired hold. */
  expiresInSeconds?: number;
  state?: 'active' | 'confirmed' | 'expired' | 'released';
}

/** A candidate, an eligibility and an active hold for it; answers the hold id. */
export async function insertHold(t: TestApp, options: HoldOptions): Promise<string> {
  sequence += 1;
  const environment = options.environment ?? 'sandbox';
  const now = t.clock.now();
  const at = now.toISOString();
  const candidateRef = await insertCandidate(t, {
    accountId: options.accountId,
    environment,
    candidateId: `PAYCAND${sequence}`,
    firstName: 'Grace',
    lastName: 'Hopper',
  });
  const eligibilityId = t.ctx.ids.id('eligibility');
  await t.ctx.db
    .insertInto('eligibility')
    .values({
      id: eligibilityId,
      code: `PAYELG${sequence}X${Math.floor(Math.random() * 1e9)}`,
      account_id: options.accountId,
      environment,
      candidate_ref: candidateRef,
      test_id: options.testId,
      test_code: options.testCode,
      test_version: 1,
      client_eligibility_id: null,
      state: 'open',
      previous_state: 'pending',
      state_reason: null,
      schedule_start_date: '2026-01-01',
      eligibility_end_date: '2026-12-31',
      attempts_allowed: 3,
      attempts_used: 0,
      retake_waiting_days: 0,
      last_attempt_on: null,
      accommodations: '[]',
      portion_codes: '[]',
      registration_mode: null,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const holdId = t.ctx.ids.id('hold');
  const startsAt = new Date(now.getTime() + 14 * 86_400_000);
  await t.ctx.db
    .insertInto('hold')
    .values({
      id: holdId,
      account_id: options.accountId,
      environment,
      eligibility_id: eligibilityId,
      test_id: options.testId,
      test_code: options.testCode,
      test_version: 1,
      delivery_mode: 'ATLAS_REMOTE_PROCTORED',
      test_center_id: null,
      pool: 'ONLINE',
      slot_id: `slot-${sequence}`,
      starts_at: startsAt.toISOString(),
      ends_at: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      price_amount: options.price?.amount ?? 15000,
      price_currency: options.price?.currency ?? 'USD',
      expires_at: new Date(now.getTime() + (options.expiresInSeconds ?? 600) * 1000).toISOString(),
      state: options.state ?? 'active',
      created_at: at,
      updated_at: at,
    })
    .execute();
  return holdId;
}

/** A hold and a confirmed booking made from it; answers the booking's internal id and public code. */
export async function insertBooking(t: TestApp, options: HoldOptions): Promise<{ holdId: string; bookingId: string; bookingCode: string }> {
  const holdId = await insertHold(t, { ...options, state: 'confirmed' });
  const hold = await t.ctx.db.selectFrom('hold').selectAll().where('id', '=', holdId).executeTakeFirstOrThrow();
  const eligibility = await t.ctx.db.selectFrom('eligibility').select(['candidate_ref']).where('id', '=', hold.eligibility_id).executeTakeFirstOrThrow();
  const bookingId = t.ctx.ids.id('booking');
  const bookingCode = `PB${String(sequence).padStart(4, '0')}${Math.floor(Math.random() * 1e4)}`.slice(0, 10);
  const at = t.clock.now().toISOString();
  await t.ctx.db
    .insertInto('booking')
    .values({
      id: bookingId,
      booking_code: bookingCode,
      account_id: options.accountId,
      environment: hold.environment,
      hold_id: holdId,
      eligibility_id: hold.eligibility_id,
      candidate_ref: eligibility.candidate_ref,
      test_id: hold.test_id,
      test_code: hold.test_code,
      test_version: 1,
      delivery_mode: hold.delivery_mode,
      test_center_id: null,
      pool: hold.pool,
      starts_at: hold.starts_at,
      ends_at: hold.ends_at,
      previous_starts_at: null,
      state: 'confirmed',
      previous_state: null,
      state_reason: null,
      cancelled_by: null,
      cancel_reason: null,
      cancel_fee_amount: null,
      refund_amount: null,
      price_amount: hold.price_amount,
      price_currency: hold.price_currency,
      discount_amount: 0,
      amount_due: hold.price_amount,
      voucher_id: null,
      payment_method: 'card',
      policies: '{}',
      reschedule_count: 0,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { holdId, bookingId, bookingCode };
}
