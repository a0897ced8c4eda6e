import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B2, type BookingPartner, bookingPartner, cardPayment, get, holdAt, insertBookingCenter, post, slotAt, TEST_CARDS } from '../../factories/booking.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

/**
 * The fixed v2 flow paid by sandbox card (price 15000 USD; DEFAULT_POLICIES: free ≥ 7 days before, then reschedule
 * fee 2500 / cancellation fee 5000 until 48 h before, refused after). The clock stands at Monday 2026-01-05 09:00Z.
 */
describe.each(DIALECTS)('Booking paid by card on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let centre: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await bookingPartner(t);
    centre = (await insertBookingCenter(t, { seats: 3 })).location_code;
  });
  afterAll(() => t.close());

  const paymentsOf = (column: 'hold_id' | 'booking_id', id: string) =>
    t.ctx.db.selectFrom('payment').selectAll().where(column, '=', id).orderBy('created_at').orderBy('id').execute();
  const refundsOf = (paymentId: string) => t.ctx.db.selectFrom('refund').selectAll().where('payment_id', '=', paymentId).execute();
  const bookingRow = (code: string) => t.ctx.db.selectFrom('booking').selectAll().where('booking_code', '=', code).executeTakeFirstOrThrow();

  it('inside a fee tier: confirm by card, reschedule with the fee charged, cancel keeping the fee and refunding the rest', async () => {
    // Friday 2026-01-09 08:00 New York: ~4 days ahead, inside the 48 h–7 day tier.
    const { holdId } = await holdAt(t, p, centre, '2026-01-09T13:00:00.000Z');
    const confirmed = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: holdId, payment: cardPayment() });
    expect(confirmed.statusCode).toBe(201);
    const booking = confirmed.json();
    expect(booking).toMatchObject({ status: 'confirmed', payment_method: 'card', amount_due: { amount: 15000, currency: 'USD' } });
    expect(booking.cancellation_quote).toMatchObject({
      allowed: true,
      fee: { amount: 5000, currency: 'USD' },
      refund: { amount: 10000, currency: 'USD' },
      reschedule_fee: { amount: 2500, currency: 'USD' },
      fee_changes_at: null,
      deadline: '2026-01-07T13:00:00.000Z',
      deadline_local: '2026-01-07T08:00:00-05:00',
    });
    const row = await bookingRow(booking.booking_code);
    const [price] = await paymentsOf('hold_id', holdId);
    expect(price).toMatchObject({ purpose: 'hold', state: 'succeeded', amount: 15000, booking_id: row.id, card_last4: '4242', refunded_amount: 0 });

    // A fee is due: without payment nothing moves.
    const later = await slotAt(t, p, centre, '2026-01-09T15:00:00.000Z');
    const unpaid = await post(t, p.sandbox, `${B2}/bookings/${booking.booking_code}/reschedule`, { slot_id: later?.slot_id });
    expect(unpaid.statusCode).toBe(402);
    expect(unpaid.json()).toMatchObject({ code: 'BOOKING_PAYMENT_REQUIRED' });
    const declined = await post(t, p.sandbox, `${B2}/bookings/${booking.booking_code}/reschedule`, {
      slot_id: later?.slot_id,
      payment: cardPayment(TEST_CARDS.declined),
    });
    expect(declined.statusCode).toBe(402);
    expect(declined.json()).toMatchObject({ code: 'PAYMENT_DECLINED' });
    expect(await bookingRow(booking.booking_code)).toMatchObject({ version: 1, starts_at: '2026-01-09T13:00:00.000Z' });

    const moved = await post(t, p.sandbox, `${B2}/bookings/${booking.booking_code}/reschedule`, { slot_id: later?.slot_id, payment: cardPayment() });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ version: 2, starts_at: '2026-01-09T15:00:00.000Z', previous_starts_at: '2026-01-09T13:00:00.000Z' });
    const fees = (await paymentsOf('booking_id', row.id)).filter((x) => x.purpose === 'fee');
    expect(fees.map((f) => [f.fee_kind, f.state, f.amount]).sort()).toEqual([
      ['reschedule_fee', 'failed', 2500],
      ['reschedule_fee', 'succeeded', 2500],
    ]);
    // The seat moved: the old slot is whole again, the new one lost a seat.
    expect((await slotAt(t, p, centre, '2026-01-09T13:00:00.000Z'))?.seats_available).toBe(3);
    expect((await slotAt(t, p, centre, '2026-01-09T15:00:00.000Z'))?.seats_available).toBe(2);

    // Read the quote, then cancel: the tier's fee is kept, the rest of the price refunded; the reschedule fee is not refunded.
    const read = await get(t, p.sandbox, `${B2}/bookings/${booking.booking_code}`);
    expect(read.json().cancellation_quote).toMatchObject({ allowed: true, fee: { amount: 5000 }, refund: { amount: 10000 } });
    const cancelled = await post(t, p.sandbox, `${B2}/bookings/${booking.booking_code}/cancel`, { reason: 'exam moved', cancelled_by: 'candidate' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      version: 3,
      cancellation: { by: 'candidate', fee: { amount: 5000, currency: 'USD' }, refund: { amount: 10000, currency: 'USD' } },
      cancellation_quote: null,
    });
    const refunds = await refundsOf(price?.id ?? '');
    expect(refunds.map((r) => [r.amount, r.state])).toEqual([[10000, 'succeeded']]);
    expect((await paymentsOf('hold_id', holdId))[0]?.refunded_amount).toBe(10000);
    for (const fee of fees) expect(await refundsOf(fee.id)).toEqual([]);
    // The payment API tells the same story.
    const listed = (await get(t, p.sandbox, `/payment/v2/payments/${price?.id}/refunds`)).json().data;
    expect(listed).toMatchObject([{ amount: { amount: 10000, currency: 'USD' }, state: 'succeeded' }]);
    const event = await t.ctx.db
      .selectFrom('outbox_event')
      .select('payload')
      .where('entity_id', '=', booking.booking_code)
      .where('type', '=', 'booking.cancelled')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload).cancellation).toMatchObject({ by: 'candidate', fee: { amount: 5000 }, refund: { amount: 10000 } });
  });

  it('in the free tier: cancelling refunds the whole price', async () => {
    // Tuesday 2026-01-20: more than 7 days ahead.
    const { holdId } = await holdAt(t, p, centre, '2026-01-20T13:00:00.000Z');
    const booking = (await post(t, p.sandbox, `${B2}/bookings`, { hold_id: holdId, payment: cardPayment(TEST_CARDS.mastercard) })).json();
    expect(booking.cancellation_quote).toMatchObject({ allowed: true, fee: { amount: 0 }, refund: { amount: 15000 }, reschedule_fee: { amount: 0 } });
    const cancelled = await post(t, p.sandbox, `${B2}/bookings/${booking.booking_code}/cancel`, {});
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancellation: { by: 'partner', fee: { amount: 0 }, refund: { amount: 15000 } } });
    const [price] = await paymentsOf('hold_id', holdId);
    expect(price).toMatchObject({ state: 'succeeded', amount: 15000, refunded_amount: 15000, card_last4: '4444' });
    expect((await refundsOf(price?.id ?? '')).map((r) => [r.amount, r.state])).toEqual([[15000, 'succeeded']]);
  });

  it('a declined card answers 402 and leaves the hold active with its seat, nothing half-written; a good card then confirms', async () => {
    const { holdId, eligibilityCode } = await holdAt(t, p, centre, '2026-01-21T13:00:00.000Z');
    const declined = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: holdId, payment: cardPayment(TEST_CARDS.declined) });
    expect(declined.statusCode).toBe(402);
    expect(declined.headers['content-type']).toContain('application/problem+json');
    expect(declined.json()).toMatchObject({ status: 402, code: 'PAYMENT_DECLINED' });
    expect(await t.ctx.db.selectFrom('hold').select('state').where('id', '=', holdId).executeTakeFirstOrThrow()).toEqual({ state: 'active' });
    expect(await t.ctx.db.selectFrom('booking').select('id').where('hold_id', '=', holdId).execute()).toEqual([]);
    expect((await slotAt(t, p, centre, '2026-01-21T13:00:00.000Z'))?.seats_available).toBe(2);
    const eligibility = await t.ctx.db.selectFrom('eligibility').select(['state', 'version']).where('code', '=', eligibilityCode).executeTakeFirstOrThrow();
    expect(eligibility).toEqual({ state: 'open', version: 1 });
    expect((await paymentsOf('hold_id', holdId)).map((x) => [x.state, x.failure_code])).toEqual([['failed', 'PAYMENT_DECLINED']]);
    const events = await t.ctx.db.selectFrom('outbox_event').select('id').where('type', 'like', 'booking.%').execute();
    const before = events.length;

    const retried = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: holdId, payment: cardPayment() });
    expect(retried.statusCode).toBe(201);
    expect((await paymentsOf('hold_id', holdId)).map((x) => x.state).sort()).toEqual(['failed', 'succeeded']);
    expect((await t.ctx.db.selectFrom('outbox_event').select('id').where('type', 'like', 'booking.%').execute()).length).toBe(before + 1);
  });

  it('pay first: POST /payment/v2/payments for the hold, then confirm with its payment_id', async () => {
    const { holdId } = await holdAt(t, p, centre, '2026-01-22T13:00:00.000Z');
    const paid = await post(t, p.sandbox, '/payment/v2/payments', { hold_id: holdId, ...cardPayment() });
    expect(paid.statusCode).toBe(201);
    const paymentId = paid.json().payment_id as string;
    expect(paid.json()).toMatchObject({ state: 'succeeded', purpose: 'hold', amount: { amount: 15000, currency: 'USD' }, booking_code: null });
    const confirmed = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: holdId, payment: { payment_id: paymentId } });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', payment_method: 'card' });
    const code = confirmed.json().booking_code as string;
    expect((await get(t, p.sandbox, `/payment/v2/payments/${paymentId}`)).json()).toMatchObject({ booking_code: code, state: 'succeeded' });
    expect(await paymentsOf('hold_id', holdId)).toHaveLength(1);

    // The same payment cannot pay for another hold.
    const other = await holdAt(t, p, centre, '2026-01-22T13:00:00.000Z');
    const reused = await post(t, p.sandbox, `${B2}/bookings`, { hold_id: other.holdId, payment: { payment_id: paymentId } });
    expect(reused.statusCode).toBeGreaterThanOrEqual(400);
    expect(reused.statusCode).toBeLessThan(500);
    expect(await t.ctx.db.selectFrom('booking').select('id').where('hold_id', '=', other.holdId).execute()).toEqual([]);
  });
});
