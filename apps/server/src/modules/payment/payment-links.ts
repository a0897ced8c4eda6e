/**
 * Internal API of the Payment service for the booking module (issue 4 contract, docs in
 * /work/briefs/booking-payment-contract.md). Functions that call the card processor run OUTSIDE any transaction
 * (a transaction never spans a third-party call); the others run inside the caller's transaction so the payment's
 * link to a booking, or a booking's refunds, commit together with the booking change.
 */
import type { Executor } from '../../db/executor.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError, PlatformErrors } from '../../platform/errors.ts';

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

function notYet(): never {
  throw new AppError(PlatformErrors.INTERNAL_ERROR, 'payment link not implemented yet');
}

/**
 * OUTSIDE any transaction. Makes (or, for `{ payment_id }`, checks) a succeeded payment for the hold covering
 * amountDue. Idempotent: the same (scope, holdId, idempotencyKey) returns the same payment and never charges twice.
 * Throws AppError PAYMENT_DECLINED / PAYMENT_INSUFFICIENT_FUNDS (402), PAYMENT_PROCESSOR_ERROR (502),
 * PAYMENT_NOT_FOUND (404), PAYMENT_AMOUNT_MISMATCH (422).
 */
export async function payForHold(
  _ctx: ServiceContext,
  _scope: PartnerScope,
  _input: { holdId: string; amountDue: Money; instruction: PaymentInstruction; idempotencyKey?: string },
): Promise<{ paymentId: string; method: 'card' | 'invoice'; amount: Money }> {
  return notYet();
}

/**
 * In the CALLER's transaction: links the succeeded payment of this hold to the booking (guarded UPDATE: same
 * account/env, hold_id matches, state succeeded, booking_id null). Throws AppError if the guard fails.
 */
export async function attachPaymentToBooking(
  _trx: Executor,
  _ctx: ServiceContext,
  _scope: PartnerScope,
  _input: { paymentId: string; holdId: string; bookingId: string },
): Promise<void> {
  return notYet();
}

/**
 * In the CALLER's transaction: records pending refunds over the booking's succeeded payments totalling `amount`
 * ('all' = everything still refundable); never more than paid (a DB CHECK enforces refunded <= amount). The
 * processor is called after commit by settlePendingRefunds.
 */
export async function refundBookingPayments(
  _trx: Executor,
  _ctx: ServiceContext,
  _scope: PartnerScope,
  _input: { bookingId: string; amount: number | 'all'; reason: string },
): Promise<{ refunds: { refund_id: string; payment_id: string; amount: number }[]; total: Money | null }> {
  return notYet();
}

/** Net amount paid for a booking (payments − refunds), for quotes; null when nothing was paid. */
export async function paidForBooking(_db: Executor, _scope: Pick<PartnerScope, 'accountId' | 'environment'>, _bookingId: string): Promise<Money | null> {
  return notYet();
}

/** OUTSIDE any transaction: charges a fee on a booking (reschedule / cancellation / no-show fee). */
export async function chargeBookingFee(
  _ctx: ServiceContext,
  _scope: PartnerScope,
  _input: { bookingId: string; kind: BookingFeeKind; amount: Money; instruction: PaymentInstruction; idempotencyKey?: string },
): Promise<{ paymentId: string; amount: Money }> {
  return notYet();
}

/** OUTSIDE any transaction: refunds succeeded payments of a hold that never became a booking (failed confirm, expired hold). */
export async function refundUnattachedHoldPayments(_ctx: ServiceContext, _holdId: string): Promise<number> {
  return notYet();
}

/** Carries out pending refunds with the processor; returns how many settled. Also a worker job. */
export async function settlePendingRefunds(_ctx: ServiceContext, _limit?: number): Promise<number> {
  return notYet();
}
