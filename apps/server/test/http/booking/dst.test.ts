import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/platform/clock.ts';
import { B2, type BookingPartner, bookingPartner, cardPayment, get, holdAt, insertBookingCenter, post } from '../../factories/booking.ts';
import { applicationToken } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

/**
 * Policy tiers across the spring-forward change in New York (Sunday 2026-03-08, 02:00 EST → 03:00 EDT), over HTTP.
 * A test on Monday 2026-03-09 09:00 EDT (13:00Z). DEFAULT_POLICIES: free until 7 days before, then fees until 48 h
 * before. "7 days before" is 09:00 local on Monday 2026-03-02, still EST: 14:00Z, not the 13:00Z a UTC count gives;
 * "48 h before" is 09:00 local on Saturday 2026-03-07 (EST): 14:00Z.
 */
describe.each(DIALECTS)('Booking change tiers across a DST change on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let centre: string;
  const start = '2026-03-09T13:00:00.000Z';

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new ManualClock('2026-03-02T13:30:00.000Z') });
    p = await bookingPartner(t);
    centre = (await insertBookingCenter(t, { seats: 5, timezone: 'America/New_York' })).location_code;
  });
  afterAll(() => t.close());

  async function book() {
    const { holdId } = await holdAt(t, p, centre, start);
    const response = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: holdId, payment: cardPayment() });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  async function advanceTo(iso: string) {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
    p.sandbox = await applicationToken(t, p.partner.sandbox);
  }

  it('the slot reads 09:00 EDT, and at 13:30Z a week before it is still in the free tier (centre calendar, not UTC hours)', async () => {
    const booking = await book();
    expect(booking).toMatchObject({ starts_at: start, starts_at_local: '2026-03-09T09:00:00-04:00', location_timezone: 'America/New_York' });
    expect(booking.cancellation_quote).toMatchObject({
      allowed: true,
      fee: { amount: 0 },
      refund: { amount: 15000 },
      fee_changes_at: '2026-03-02T14:00:00.000Z',
      deadline: '2026-03-07T14:00:00.000Z',
      deadline_local: '2026-03-07T09:00:00-05:00',
    });
    const cancelled = await post(t, p.sandbox, `${B2}/bookings/${booking.booking_code}/cancel`, {});
    expect(cancelled.json().cancellation).toMatchObject({ fee: { amount: 0 }, refund: { amount: 15000 } });
  });

  it('from 14:00Z (09:00 EST) the fee tier applies: a hold + cancel keeps 5000 and refunds 10000', async () => {
    const kept = await book();
    await advanceTo('2026-03-02T14:00:00.000Z');
    const quote = (await get(t, p.sandbox, `${B2}/bookings/${kept.booking_code}`)).json().cancellation_quote;
    expect(quote).toMatchObject({ allowed: true, fee: { amount: 5000 }, refund: { amount: 10000 }, reschedule_fee: { amount: 2500 }, fee_changes_at: null });
    const cancelled = await post(t, p.sandbox, `${B2}/bookings/${kept.booking_code}/cancel`, { reason: 'candidate ill' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().cancellation).toMatchObject({ fee: { amount: 5000 }, refund: { amount: 10000 } });
  });

  it('changes are refused from 09:00 local two days before, with the deadline in the answer', async () => {
    await advanceTo('2026-03-07T13:59:00.000Z');
    const late = await book();
    expect(late.cancellation_quote).toMatchObject({ allowed: true, fee: { amount: 5000 } });
    await advanceTo('2026-03-07T14:00:00.000Z');
    const read = (await get(t, p.sandbox, `${B2}/bookings/${late.booking_code}`)).json();
    expect(read.cancellation_quote).toMatchObject({ allowed: false, deadline: '2026-03-07T14:00:00.000Z', reschedule_fee: null });
    const refused = await post(t, p.sandbox, `${B2}/bookings/${late.booking_code}/cancel`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'BOOKING_CHANGE_REFUSED' });
    expect(refused.json().detail).toContain('2026-03-07T09:00:00-05:00');
    expect((await get(t, p.sandbox, `${B2}/bookings/${late.booking_code}`)).json().status).toBe('confirmed');
  });
});
