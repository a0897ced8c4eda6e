import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ChargeRequest, type PaymentProcessor, SandboxCardProcessor, usePaymentProcessor } from '../../../src/modules/payment/payment-processor.ts';
import {
  B2,
  type BookingPartner,
  bookingPartner,
  cardPayment,
  holdAt,
  insertBookingCenter,
  insertOpenEligibility,
  post,
  slotAt,
} from '../../factories/booking.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

/** The sandbox processor, counting charges and answering a little later (as a real one does), so requests overlap. */
class CountingProcessor implements PaymentProcessor {
  readonly name = 'sandbox';
  readonly charges: ChargeRequest[] = [];
  private readonly inner = new SandboxCardProcessor();
  async charge(request: ChargeRequest) {
    this.charges.push(request);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return this.inner.charge(request);
  }
  refund = this.inner.refund.bind(this.inner);
  lookup = this.inner.lookup.bind(this.inner);
}

describe.each(DIALECTS)('Booking Idempotency-Key (R4) on %s', (dialect) => {
  let t: TestApp;
  let p: BookingPartner;
  let centre: string;
  let processor: CountingProcessor;
  let restore: () => void = () => undefined;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await bookingPartner(t);
    centre = (await insertBookingCenter(t, { seats: 5 })).location_code;
  });
  afterAll(() => t.close());
  afterEach(() => restore());

  it('50 concurrent confirmations with one key charge the card once, make one booking and answer the same', async () => {
    processor = new CountingProcessor();
    restore = usePaymentProcessor('sandbox', processor);
    const { holdId } = await holdAt(t, p, centre, '2026-01-20T13:00:00.000Z');
    const body = { hold_id: holdId, payment: cardPayment() };
    const headers = { 'idempotency-key': `r4-booking-${holdId}` };
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(t, p.sandbox, `${B2}/bookings`, body, headers)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
    expect(processor.charges).toHaveLength(1);
    const payments = await t.ctx.db.selectFrom('payment').select(['state', 'booking_id', 'refunded_amount']).where('hold_id', '=', holdId).execute();
    const bookings = await t.ctx.db.selectFrom('booking').select(['id', 'booking_code']).where('hold_id', '=', holdId).execute();
    expect(bookings).toHaveLength(1);
    // Charged once, linked to the booking, never refunded by a losing request.
    expect(payments).toEqual([{ state: 'succeeded', booking_id: bookings[0]?.id, refunded_amount: 0 }]);
    expect(await t.ctx.db.selectFrom('refund').select('id').execute()).toEqual([]);
    expect(responses[0]?.json().booking_code).toBe(bookings[0]?.booking_code);
    // A later retry replays the same answer without touching the processor.
    const late = await post(t, p.sandbox, `${B2}/bookings`, body, headers);
    expect(late.body).toBe(responses[0]?.body);
    expect(processor.charges).toHaveLength(1);
  });

  it('a hold replays under its key: one hold, one seat; the same key with another body is refused (422)', async () => {
    const slot = await slotAt(t, p, centre, '2026-01-21T13:00:00.000Z');
    const eligibility = await insertOpenEligibility(t, p);
    const body = { eligibility_code: eligibility.code, slot_id: slot?.slot_id };
    const headers = { 'idempotency-key': `hold-${eligibility.code}` };
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(t, p.sandbox, `${B2}/holds`, body, headers)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.json().hold_id)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const holds = await t.ctx.db
      .selectFrom('hold')
      .select(['id', 'state'])
      .where('slot_id', '=', slot?.slot_id ?? '')
      .execute();
    expect(holds).toEqual([{ id: responses[0]?.json().hold_id, state: 'active' }]);
    expect((await slotAt(t, p, centre, '2026-01-21T13:00:00.000Z'))?.seats_available).toBe(4);

    const other = await slotAt(t, p, centre, '2026-01-21T16:00:00.000Z');
    const reused = await post(t, p.sandbox, `${B2}/holds`, { ...body, slot_id: other?.slot_id }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await slotAt(t, p, centre, '2026-01-21T16:00:00.000Z'))?.seats_available).toBe(5);
    // Without a key, a second hold for the same eligibility replaces the first (its seat goes back).
    const fresh = await post(t, p.sandbox, `${B2}/holds`, { ...body, slot_id: other?.slot_id });
    expect(fresh.statusCode).toBe(201);
    expect(await t.ctx.db.selectFrom('hold').select('state').where('id', '=', responses[0]?.json().hold_id).executeTakeFirstOrThrow()).toEqual({
      state: 'released',
    });
    expect((await slotAt(t, p, centre, '2026-01-21T13:00:00.000Z'))?.seats_available).toBe(5);
  });
});
