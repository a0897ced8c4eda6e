import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCenter, updateCenter } from '../../../src/modules/test-centers/center-admin.service.ts';
import { B2, type BookingPartner, bookingPartner, get, insertBookingCenter, insertOpenEligibility, post } from '../../factories/booking.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('Provider cancellations on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await bookingPartner(t, { price: { amount: 15000, currency: 'USD' } });
  });
  afterAll(() => t.close());

  async function bookWithVoucher(centre: string, from: string) {
    const batch = await post(t, p.sandbox, '/vouchers/v2/batches', {
      name: 'Full',
      test_codes: [p.testCode],
      discount: { kind: 'full' },
      expires_at: '2026-12-31T23:59:59Z',
      count: 1,
    });
    const codes = await get(t, p.sandbox, `/vouchers/v2/batches/${batch.json().batch_id}/codes`);
    const voucher = codes.json().data[0].code as string;
    const slots = (await get(t, p.sandbox, `${B2}/slots?test_code=${p.testCode}&location_code=${centre}&from=${from}`)).json().data;
    const eligibility = await insertOpenEligibility(t, p);
    const hold = await post(t, p.sandbox, `${B2}/holds`, { eligibility_code: eligibility.code, slot_id: slots[0].slot_id });
    const booking = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: hold.json().hold_id, voucher_code: voucher });
    expect(booking.statusCode).toBe(201);
    expect(booking.json()).toMatchObject({ amount_due: { amount: 0 }, discount: { amount: 15000 }, payment_method: 'voucher', voucher_code: voucher });
    return { booking: booking.json(), voucher, eligibility };
  }

  it('a closure cancels the bookings it hits, restores their vouchers and queues booking and test-centre notifications', async () => {
    const centre = (await insertBookingCenter(t, { seats: 3 })).location_code;
    const { booking, voucher, eligibility } = await bookWithVoucher(centre, '2026-01-20T13:00:00Z');
    const closed = await closeCenter(t.ctx, centre, { from: '2026-01-20T00:00:00Z', to: '2026-01-21T00:00:00Z', reason: 'flooding' }, 'coordinator:test');
    expect(closed.affected_bookings).toEqual([{ booking_code: booking.booking_code, starts_at: booking.starts_at }]);
    const read = (await get(t, p.sandbox, `${B2}/bookings/${booking.booking_code}`)).json();
    expect(read).toMatchObject({ status: 'cancelled', cancellation: { by: 'provider', reason: 'flooding', fee: { amount: 0 } } });
    expect((await get(t, p.sandbox, `/vouchers/v2/vouchers/${voucher}`)).json().state).toBe('restored');
    expect((await t.ctx.db.selectFrom('eligibility').select('state').where('code', '=', eligibility.code).executeTakeFirstOrThrow()).state).toBe('open');
    const events = await t.ctx.db.selectFrom('outbox_event').selectAll().where('account_id', '=', p.accountId).where('environment', '=', 'sandbox').execute();
    const cancelled = events.find((e) => e.type === 'booking.cancelled' && e.entity_id === booking.booking_code);
    expect(JSON.parse(cancelled?.payload ?? '{}')).toMatchObject({
      status: 'cancelled',
      previous_status: 'confirmed',
      change_reason: 'BOOKING_CANCELLED',
      cancellation: { by: 'provider' },
    });
    const centreEvent = events.find((e) => e.service === 'test-center-notification' && e.type === 'test_center.closed');
    expect(JSON.parse(centreEvent?.payload ?? '{}')).toMatchObject({ location_code: centre, affected_bookings: [{ booking_code: booking.booking_code }] });
    const cells = await t.ctx.db.selectFrom('seat_cell').selectAll().where('environment', '=', 'sandbox').execute();
    expect(cells.every((c) => Number(c.taken) >= 0)).toBe(true);
  });

  it('a seat cut cancels the latest bookings beyond the new count and lowers the capacity', async () => {
    const centre = (await insertBookingCenter(t, { seats: 2 })).location_code;
    const first = await bookWithVoucher(centre, '2026-01-21T13:00:00Z');
    t.clock.advance(1000);
    const second = await bookWithVoucher(centre, '2026-01-21T13:00:00Z');
    const updated = await updateCenter(t.ctx, centre, { seats: 1, reason: 'workstation broken' }, 'coordinator:test');
    expect(updated.affected_bookings.map((a: { booking_code: string }) => a.booking_code)).toEqual([second.booking.booking_code]);
    expect((await get(t, p.sandbox, `${B2}/bookings/${first.booking.booking_code}`)).json().status).toBe('confirmed');
    const cells = await t.ctx.db
      .selectFrom('seat_cell')
      .selectAll()
      .where('environment', '=', 'sandbox')
      .where('cell_start', '=', '2026-01-21T13:00:00.000Z')
      .execute();
    expect(cells.map((c) => [Number(c.capacity), Number(c.taken)])).toContainEqual([1, 1]);
  });
});
