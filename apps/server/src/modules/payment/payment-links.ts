/**
 * Internal API of the Payment service for the booking module (issue 4 contract, docs in
 * /work/briefs/booking-payment-contract.md). Functions that call the card processor run OUTSIDE any transaction
 * (a transaction never spans a third-party call); the others run inside the caller's transaction so the payment's
 * link to a booking, or a booking's refunds, commit together with the booking change.
 */
import type { Executor } from '../../db/executor.ts';
import type { PaymentTable } from '../../db/tables/payment.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { PaymentErrors } from './payment.errors.ts';
import { allocateRefund } from './payment.policy.ts';
import { attachToBooking, bookingPricePayments, findBookingById, findPayment, unattachedHoldPayments } from './payment.repository.ts';
import { FEE_LABELS, holdTarget } from './payment.service.ts';
import { makePayment, type PaymentTarget, requestIdentity } from './payment-charge.service.ts';
import { pendingRefunds } from './refund.repository.ts';
import { recordRefund, settleRefundNow } from './refund.service.ts';

/** Minor units + ISO 4217. */
export interface Money {
  amount: number;
  currency: string;
}

/** A card as the partner sends it. The full number and the CVC are never stored or logged (brand + last4 only). */
export interface CardDetails {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
  holder_name?: string;
}

export type PaymentInstruction =
  /** A succeeded payment already made for this hold via POST /payment/v2/payments. */
  | { payment_id: string }
  /** Charged now by the (sandbox) card processor. */
  | { method: 'card'; card: CardDetails }
  /** Recorded on the account's monthly statement. */
  | { method: 'invoice' };

export type BookingFeeKind = 'reschedule_fee' | 'cancellation_fee' | 'no_show_fee';

/** Checks that an existing payment is a succeeded, unused payment for exactly this purpose and amount. */
async function usableExistingPayment(
  ctx: ServiceContext,
  scope: PartnerScope,
  paymentId: string,
  matches: (p: PaymentTable) => boolean,
  amount: Money,
): Promise<PaymentTable> {
  const payment = await findPayment(ctx.db, scope, paymentId);
  if (!payment) throw new AppError(PaymentErrors.PAYMENT_NOT_FOUND, `no payment ${paymentId}`);
  if (!matches(payment)) throw new AppError(PaymentErrors.PAYMENT_ALREADY_ATTACHED, `payment ${paymentId} was made for something else or is already used`);
  if (payment.state !== 'succeeded') throw new AppError(PaymentErrors.PAYMENT_NOT_SUCCEEDED, `payment ${paymentId} is ${payment.state}`);
  if (payment.refunded_amount > 0) throw new AppError(PaymentErrors.PAYMENT_ALREADY_ATTACHED, `payment ${paymentId} has been refunded`);
  if (payment.amount !== amount.amount || payment.currency !== amount.currency) {
    throw new AppError(
      PaymentErrors.PAYMENT_AMOUNT_MISMATCH,
      `payment ${paymentId} is ${payment.amount} ${payment.currency}; ${amount.amount} ${amount.currency} is due`,
    );
  }
  return payment;
}

/** Card or invoice instruction → the charge's method (a card is checked, and its problems point into `payment`). */
function methodOf(instruction: Exclude<PaymentInstruction, { payment_id: string }>) {
  return instruction.method === 'card' ? { method: 'card' as const, card: instruction.card } : { method: 'invoice' as const };
}

/**
 * OUTSIDE any transaction. Makes (or, for `{ payment_id }`, checks) a succeeded payment for the hold of exactly
 * amountDue. Idempotent: the same (scope, holdId, idempotencyKey) returns the same payment and never charges twice
 * (and without a key, the one-live-payment-per-hold index refuses a second charge). Throws AppError
 * PAYMENT_DECLINED / PAYMENT_INSUFFICIENT_FUNDS (402), PAYMENT_PROCESSOR_ERROR (502), PAYMENT_NOT_FOUND (404),
 * PAYMENT_AMOUNT_MISMATCH (422), PAYMENT_HOLD_ALREADY_PAID (409), PAYMENT_CARD_INVALID (400).
 */
export async function payForHold(
  ctx: ServiceContext,
  scope: PartnerScope,
  input: { holdId: string; amountDue: Money; instruction: PaymentInstruction; idempotencyKey?: string },
): Promise<{ paymentId: string; method: 'card' | 'invoice'; amount: Money }> {
  const { instruction, amountDue, holdId } = input;
  if ('payment_id' in instruction) {
    const payment = await usableExistingPayment(
      ctx,
      scope,
      instruction.payment_id,
      (p) => p.purpose === 'hold' && p.hold_id === holdId && p.booking_id === null,
      amountDue,
    );
    return { paymentId: payment.id, method: payment.method, amount: amountDue };
  }
  const method = methodOf(instruction);
  const result = await makePayment(ctx, scope, {
    operation: `payForHold:${holdId}`,
    key: input.idempotencyKey,
    request: { amountDue, ...(requestIdentity(method) as object) },
    method,
    cardPointer: '/body/payment/card',
    resolve: (trx) => holdTarget(trx, ctx, scope, holdId, amountDue),
  });
  return { paymentId: result.body.payment_id, method: result.body.method, amount: result.body.amount };
}

/**
 * In the CALLER's transaction: links the succeeded, unrefunded payment of this hold to the booking (guarded UPDATE:
 * same account/env, hold_id matches, state succeeded, booking_id null). Throws PAYMENT_ALREADY_ATTACHED otherwise.
 */
export async function attachPaymentToBooking(
  trx: Executor,
  ctx: ServiceContext,
  scope: PartnerScope,
  input: { paymentId: string; holdId: string; bookingId: string },
): Promise<void> {
  if (!(await attachToBooking(trx, scope, { ...input, now: ctx.clock.now().toISOString() }))) {
    throw new AppError(PaymentErrors.PAYMENT_ALREADY_ATTACHED, `payment ${input.paymentId} is not a succeeded, unused payment of hold ${input.holdId}`);
  }
}

/**
 * In the CALLER's transaction: records refunds over the booking's succeeded price payments (not fees) totalling
 * `amount` ('all' = everything still refundable), newest payment first; never more than paid (guarded UPDATE +
 * DB CHECK). Card refunds stay pending until settlePendingRefunds calls the processor after the commit; invoice
 * refunds are statement credits at once. `total` is null when the booking has no payment.
 */
export async function refundBookingPayments(
  trx: Executor,
  ctx: ServiceContext,
  scope: PartnerScope,
  input: { bookingId: string; amount: number | 'all'; reason: string },
): Promise<{ refunds: { refund_id: string; payment_id: string; amount: number }[]; total: Money | null }> {
  const payments = await bookingPricePayments(trx, scope, input.bookingId);
  const first = payments[0];
  if (!first) {
    if (input.amount === 'all' || input.amount === 0) return { refunds: [], total: null };
    throw new AppError(PaymentErrors.PAYMENT_REFUND_EXCEEDS_PAID, `nothing was paid for the booking; cannot refund ${input.amount}`);
  }
  const parts = allocateRefund(payments, input.amount);
  if (!parts)
    throw new AppError(PaymentErrors.PAYMENT_REFUND_EXCEEDS_PAID, `the booking's payments cannot cover a refund of ${input.amount} ${first.currency}`);
  const refunds = [];
  for (const part of parts) {
    const refund = await recordRefund(trx, ctx, scope.actor, part.payment, part.amount, input.reason);
    refunds.push({ refund_id: refund.id, payment_id: part.payment.id, amount: part.amount });
  }
  return { refunds, total: { amount: refunds.reduce((sum, r) => sum + r.amount, 0), currency: first.currency } };
}

/** Net amount paid for a booking's price (payments − refunds, pending refunds included), for quotes; null when nothing was paid. */
export async function paidForBooking(db: Executor, scope: Pick<PartnerScope, 'accountId' | 'environment'>, bookingId: string): Promise<Money | null> {
  const payments = await bookingPricePayments(db, scope, bookingId);
  const first = payments[0];
  if (!first) return null;
  return { amount: payments.reduce((sum, p) => sum + p.amount - p.refunded_amount, 0), currency: first.currency };
}

/** OUTSIDE any transaction: charges a fee on a booking (reschedule / cancellation / no-show fee). Idempotent per (booking, kind, key). */
export async function chargeBookingFee(
  ctx: ServiceContext,
  scope: PartnerScope,
  input: { bookingId: string; kind: BookingFeeKind; amount: Money; instruction: PaymentInstruction; idempotencyKey?: string },
): Promise<{ paymentId: string; amount: Money }> {
  const { instruction, bookingId, kind, amount } = input;
  if ('payment_id' in instruction) {
    const payment = await usableExistingPayment(
      ctx,
      scope,
      instruction.payment_id,
      (p) => p.purpose === 'fee' && p.booking_id === bookingId && p.fee_kind === kind,
      amount,
    );
    return { paymentId: payment.id, amount };
  }
  const method = methodOf(instruction);
  const result = await makePayment(ctx, scope, {
    operation: `chargeBookingFee:${bookingId}:${kind}`,
    key: input.idempotencyKey,
    request: { amount, ...(requestIdentity(method) as object) },
    method,
    cardPointer: '/body/payment/card',
    resolve: async (trx): Promise<PaymentTarget> => {
      const booking = await findBookingById(trx, scope, bookingId);
      if (!booking) throw new AppError(PaymentErrors.PAYMENT_BOOKING_NOT_FOUND, 'no such booking');
      if (amount.amount <= 0 || amount.currency !== booking.price_currency) {
        throw new AppError(PaymentErrors.PAYMENT_AMOUNT_MISMATCH, `a fee on booking ${booking.booking_code} is more than 0 ${booking.price_currency}`);
      }
      return { purpose: 'fee', holdId: null, bookingId, feeKind: kind, ...amount, description: `${FEE_LABELS[kind]}, booking ${booking.booking_code}` };
    },
  });
  return { paymentId: result.body.payment_id, amount: result.body.amount };
}

/**
 * OUTSIDE any transaction: refunds in full the succeeded payments of a hold that never became a booking (a failed
 * confirmation, an expired or released hold), then settles them. Answers how many refunds were recorded.
 */
export async function refundUnattachedHoldPayments(ctx: ServiceContext, holdId: string): Promise<number> {
  const recorded = await ctx.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const payment of await unattachedHoldPayments(trx, holdId)) {
      const refund = await recordRefund(trx, ctx, 'system', payment, payment.amount - payment.refunded_amount, `hold ${holdId} was not confirmed`);
      ids.push(refund.id);
    }
    return ids;
  });
  for (const id of recorded) await settleRefundNow(ctx, id);
  return recorded.length;
}

/** Carries out pending refunds with the processor; returns how many settled. Also a worker job. */
export async function settlePendingRefunds(ctx: ServiceContext, limit = 100): Promise<number> {
  let settled = 0;
  for (const refund of await pendingRefunds(ctx.db, limit)) {
    const result = await settleRefundNow(ctx, refund.id);
    if (result && result.state !== 'pending') settled += 1;
  }
  return settled;
}
