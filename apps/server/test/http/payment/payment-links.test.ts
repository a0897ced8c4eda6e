import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachPaymentToBooking,
  chargeBookingFee,
  paidForBooking,
  payForHold,
  refundBookingPayments,
  refundUnattachedHoldPayments,
  settlePendingRefunds,
} from '../../../src/modules/payment/payment-links.ts';
import type { PartnerScope } from '../../../src/platform/context.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { bookingFor, CARDS, card, holdFor, type PaymentPartner, paymentPartner } from './payment-support.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe.each(DIALECTS)('Payment links for the booking module on %s', (dialect) => {
  let t: TestApp;
  let p: PaymentPartner;
  let scope: PartnerScope;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await paymentPartner(t);
    scope = { accountId: p.accountId, environment: 'sandbox', actor: 'partner-app:test' };
  });
  afterAll(() => t.close());

  it('pays a hold by card once per idempotency key, attaches it, refunds part of it on cancellation and reports the net paid', async () => {
    const booking = await bookingFor(t, p);
    // The booking row's hold is confirmed; pay a fresh active hold and attach its payment to this booking.
    const holdId = await holdFor(t, p);
    const input = { holdId, amountDue: usd(12000), instruction: { method: 'card' as const, card: card() }, idempotencyKey: 'confirm-1' };
    const paid = await payForHold(t.ctx, scope, input);
    expect(paid).toMatchObject({ method: 'card', amount: usd(12000) });
    expect(await payForHold(t.ctx, scope, input)).toEqual(paid);
    await t.ctx.db
      .transaction()
      .execute((trx) => attachPaymentToBooking(trx, t.ctx, scope, { paymentId: paid.paymentId, holdId, bookingId: booking.bookingId }));
    await expect(
      t.ctx.db.transaction().execute((trx) => attachPaymentToBooking(trx, t.ctx, scope, { paymentId: paid.paymentId, holdId, bookingId: booking.bookingId })),
    ).rejects.toMatchObject({ code: 'PAYMENT_ALREADY_ATTACHED' });
    expect(await paidForBooking(t.ctx.db, scope, booking.bookingId)).toEqual(usd(12000));

    const refunded = await t.ctx.db
      .transaction()
      .execute((trx) => refundBookingPayments(trx, t.ctx, scope, { bookingId: booking.bookingId, amount: 7000, reason: 'Cancelled, fee 5000' }));
    expect(refunded).toMatchObject({ total: usd(7000), refunds: [{ payment_id: paid.paymentId, amount: 7000 }] });
    expect(await paidForBooking(t.ctx.db, scope, booking.bookingId)).toEqual(usd(5000));
    expect(await settlePendingRefunds(t.ctx)).toBe(1);
    const refund = await t.ctx.db.selectFrom('refund').selectAll().where('payment_id', '=', paid.paymentId).executeTakeFirstOrThrow();
    expect(refund.state).toBe('succeeded');
    await expect(
      t.ctx.db.transaction().execute((trx) => refundBookingPayments(trx, t.ctx, scope, { bookingId: booking.bookingId, amount: 5001, reason: 'too much' })),
    ).rejects.toMatchObject({ code: 'PAYMENT_REFUND_EXCEEDS_PAID' });
    const rest = await t.ctx.db
      .transaction()
      .execute((trx) => refundBookingPayments(trx, t.ctx, scope, { bookingId: booking.bookingId, amount: 'all', reason: 'Provider' }));
    expect(rest.total).toEqual(usd(5000));
  });

  it('checks an existing payment covers exactly the amount due, and refuses a declined card with 402', async () => {
    const holdId = await holdFor(t, p);
    const paid = await payForHold(t.ctx, scope, { holdId, amountDue: usd(15000), instruction: { method: 'invoice' } });
    await expect(payForHold(t.ctx, scope, { holdId, amountDue: usd(10000), instruction: { payment_id: paid.paymentId } })).rejects.toMatchObject({
      code: 'PAYMENT_AMOUNT_MISMATCH',
    });
    expect(await payForHold(t.ctx, scope, { holdId, amountDue: usd(15000), instruction: { payment_id: paid.paymentId } })).toEqual(paid);
    const other = await holdFor(t, p);
    await expect(payForHold(t.ctx, scope, { holdId: other, amountDue: usd(15000), instruction: { payment_id: paid.paymentId } })).rejects.toMatchObject({
      code: 'PAYMENT_ALREADY_ATTACHED',
    });
    await expect(
      payForHold(t.ctx, scope, { holdId: other, amountDue: usd(15000), instruction: { method: 'card', card: card(CARDS.declined) } }),
    ).rejects.toMatchObject({
      code: 'PAYMENT_DECLINED',
      status: 402,
    });
  });

  it('refunds the payment of a hold that never became a booking', async () => {
    const holdId = await holdFor(t, p);
    const paid = await payForHold(t.ctx, scope, { holdId, amountDue: usd(15000), instruction: { method: 'card', card: card() } });
    expect(await refundUnattachedHoldPayments(t.ctx, holdId)).toBe(1);
    expect(await refundUnattachedHoldPayments(t.ctx, holdId)).toBe(0);
    const payment = await t.ctx.db.selectFrom('payment').selectAll().where('id', '=', paid.paymentId).executeTakeFirstOrThrow();
    expect(payment.refunded_amount).toBe(15000);
    expect((await t.ctx.db.selectFrom('refund').select(['state']).where('payment_id', '=', paid.paymentId).execute()).map((r) => r.state)).toEqual([
      'succeeded',
    ]);
  });

  it('charges a fee on a booking, not counted in what the booking price paid', async () => {
    const booking = await bookingFor(t, p);
    const fee = await chargeBookingFee(t.ctx, scope, {
      bookingId: booking.bookingId,
      kind: 'reschedule_fee',
      amount: usd(2500),
      instruction: { method: 'card', card: card() },
      idempotencyKey: 'fee-1',
    });
    expect(fee.amount).toEqual(usd(2500));
    expect(await paidForBooking(t.ctx.db, scope, booking.bookingId)).toBeNull();
  });
});
