/**
 * Demo seed (`npm start` sandbox): one confirmed booking for a demo candidate, made through the real services
 * (slot search → hold → confirm paid by the sandbox test card), so a new partner sees a booking, its quote, its
 * payment and its `booking.created` notification at once.
 */
import type { ServiceContext } from '../../platform/context.ts';
import { listEligibilities } from '../eligibility/eligibility.repository.ts';
import { confirmBooking } from './booking.service.ts';
import { createHold, type HoldSettings } from './holds.service.ts';
import { searchSlots } from './slots.service.ts';

const ACTOR = 'system:demo-seed';
const DAY_MS = 86_400_000;
/** The hold is confirmed at once; online capacity only matters if the first slot found is an online one. */
const DEMO_SETTINGS: HoldSettings = { holdTtlSeconds: 600, maxActiveHoldsPerAccount: 100, onlineSeatsPerHalfHour: 40 };
/** The sandbox processor's always-succeeding Visa (GET /payment/v2/test-cards). */
const DEMO_CARD = { number: '4242424242424242', exp_month: 12, exp_year: 2035, cvc: '123', holder_name: 'Demo Candidate' };

/**
 * Books the first open sandbox eligibility (the demo candidates are seeded in order, Ada Lovelace first) three weeks
 * ahead, in the free-change tier, preferring a test-centre slot. Answers the booking code, or undefined when there
 * is nothing to book (no open eligibility or no slot).
 */
export async function seedDemoBookings(ctx: ServiceContext, demo: { accountId: string }): Promise<string | undefined> {
  const scope = { accountId: demo.accountId, environment: 'sandbox' as const, actor: ACTOR };
  const open = await listEligibilities(ctx.db, scope, { states: ['open'], limit: 10 });
  const from = new Date(ctx.clock.now().getTime() + 21 * DAY_MS).toISOString();
  const to = new Date(ctx.clock.now().getTime() + 35 * DAY_MS).toISOString();
  for (const eligibility of open) {
    const found = await searchSlots(ctx, scope, { test_code: eligibility.test_code, from, to, page_size: 200 }, DEMO_SETTINGS);
    const slot = found.data.find((s) => s.delivery_mode === 'SITE_PROCTORED') ?? found.data[0];
    if (!slot) continue;
    const hold = await createHold(ctx, scope, { eligibility_code: eligibility.code, slot_id: slot.slot_id }, undefined, DEMO_SETTINGS);
    const booking = await confirmBooking(ctx, scope, { hold_id: hold.body.hold_id, payment: { method: 'card', card: DEMO_CARD } }, undefined);
    return booking.body.booking_code;
  }
  return undefined;
}
