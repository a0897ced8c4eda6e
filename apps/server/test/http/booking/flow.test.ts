import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B2, type BookingPartner, bookingPartner, get, insertBookingCenter, insertOpenEligibility, post } from '../../factories/booking.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('Booking v2 flow on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let centre: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await bookingPartner(t, { price: { amount: 0, currency: 'USD' } });
    centre = (await insertBookingCenter(t, { seats: 2 })).location_code;
  });
  afterAll(() => t.close());

  it('finds slots near a point, holds, confirms, reads, reschedules and cancels a free booking', async () => {
    // Monday 2026-01-05 09:00Z; search the week after next (free tier: more than 7 days ahead).
    const search = await get(
      t,
      p.sandbox,
      `${B2}/slots?test_code=${p.testCode}&near=40.75,-73.99&radius_km=50&from=2026-01-19T00:00:00Z&to=2026-01-20T00:00:00Z`,
    );
    expect(search.statusCode).toBe(200);
    const slots = search.json().data;
    // 08:00–17:00 New York (EST, UTC-5) with a 120-minute test: starts 13:00Z … 20:00Z every 30 minutes = 15 slots.
    expect(slots).toHaveLength(15);
    expect(slots[0]).toMatchObject({
      starts_at: '2026-01-19T13:00:00.000Z',
      starts_at_local: '2026-01-19T08:00:00-05:00',
      location_timezone: 'America/New_York',
      location_code: centre,
      seats_available: 2,
      delivery_mode: 'SITE_PROCTORED',
    });
    const eligibility = await insertOpenEligibility(t, p);
    const hold = await post(t, p.sandbox, `${B2}/holds`, { eligibility_code: eligibility.code, slot_id: slots[0].slot_id });
    expect(hold.statusCode).toBe(201);
    expect(hold.json()).toMatchObject({
      hold_id: expect.stringMatching(/^hld_/),
      expires_at: '2026-01-05T09:10:00.000Z',
      price: { amount: 0, currency: 'USD' },
    });
    const after = (
      await get(t, p.sandbox, `${B2}/slots?test_code=${p.testCode}&location_code=${centre}&from=2026-01-19T13:00:00Z&to=2026-01-19T13:30:00Z`)
    ).json().data;
    expect(after[0].seats_available).toBe(1);

    const confirmed = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: hold.json().hold_id });
    expect(confirmed.statusCode).toBe(201);
    const booking = confirmed.json();
    expect(booking).toMatchObject({
      booking_code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{10}$/),
      status: 'confirmed',
      version: 1,
      eligibility_code: eligibility.code,
    });
    expect(booking.cancellation_quote).toMatchObject({ allowed: true, fee: { amount: 0 }, refund: { amount: 0 } });

    const read = await get(t, p.sandbox, `${B2}/bookings/${booking.booking_code}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().starts_at).toBe('2026-01-19T13:00:00.000Z');
    const eligibilityRow = await t.ctx.db.selectFrom('eligibility').select(['state', 'version']).where('code', '=', eligibility.code).executeTakeFirstOrThrow();
    expect(eligibilityRow.state).toBe('scheduled');

    const moved = await post(t, p.sandbox, `${B2}/bookings/${booking.booking_code}/reschedule`, { slot_id: slots[2].slot_id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      booking_code: booking.booking_code,
      version: 2,
      starts_at: '2026-01-19T14:00:00.000Z',
      previous_starts_at: '2026-01-19T13:00:00.000Z',
    });

    const cancelled = await post(t, p.sandbox, `${B2}/bookings/${booking.booking_code}/cancel`, { reason: 'candidate moved' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', version: 3, cancellation: { by: 'partner', fee: { amount: 0 }, refund: { amount: 0 } } });
    const cells = await t.ctx.db.selectFrom('seat_cell').select(['taken']).where('environment', '=', 'sandbox').execute();
    expect(cells.every((c) => Number(c.taken) === 0)).toBe(true);
    const events = await t.ctx.db
      .selectFrom('outbox_event')
      .select(['type', 'entity_version', 'payload'])
      .where('entity_id', '=', booking.booking_code)
      .orderBy('entity_version')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['booking.created', 'booking.rescheduled', 'booking.cancelled']);
    expect(JSON.parse(events[0]?.payload ?? '{}')).toMatchObject({
      booking_code: booking.booking_code,
      status: 'confirmed',
      previous_status: 'held',
      change_reason: 'BOOKING_CREATED',
      location: { location_code: centre, timezone: 'America/New_York' },
      cancellation: null,
    });
    expect((await t.ctx.db.selectFrom('eligibility').select('state').where('code', '=', eligibility.code).executeTakeFirstOrThrow()).state).toBe('open');
  });
});
