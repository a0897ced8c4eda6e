/** Use cases of the Payment API on payments: create (hold, booking or fee), get, list. */
import type { Executor } from '../../db/executor.ts';
import type { FeeKind, PaymentState } from '../../db/tables/payment.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError, PlatformErrors, type ValidationIssue } from '../../platform/errors.ts';
import type { IdempotentResult } from '../../platform/idempotency/idempotency.ts';
import { decodeCursor, pageOf } from '../../platform/paging.ts';
import { PaymentErrors } from './payment.errors.ts';
import { bookingCodes, findBookingByCode, findHold, findPayment, listPayments } from './payment.repository.ts';
import { type PaymentView, paymentView } from './payment.views.ts';
import { type CardDetailsInput, makePayment, type PaymentTarget, requestIdentity } from './payment-charge.service.ts';

type Scope = Pick<PartnerScope, 'accountId' | 'environment'>;

export interface CreatePaymentInput {
  hold_id?: string;
  booking_code?: string;
  fee_kind?: FeeKind;
  method: 'card' | 'invoice';
  card?: CardDetailsInput;
  amount?: { amount: number; currency: string };
}

function invalid(issues: ValidationIssue[]): AppError {
  return new AppError(PlatformErrors.VALIDATION_FAILED, issues.map((i) => `${i.pointer} ${i.message}`).join('; '), { errors: issues });
}

/** Field combinations the schema cannot say: exactly one of hold_id/booking_code, a card exactly for card payments… */
function shapeProblems(input: CreatePaymentInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if ((input.hold_id === undefined) === (input.booking_code === undefined)) {
    issues.push({ pointer: '/body/hold_id', message: 'give exactly one of hold_id and booking_code' });
  }
  if (input.method === 'card' && input.card === undefined) issues.push({ pointer: '/body/card', message: 'is required for method card' });
  if (input.method === 'invoice' && input.card !== undefined) issues.push({ pointer: '/body/card', message: 'must be absent for method invoice' });
  if (input.booking_code !== undefined && input.amount === undefined) issues.push({ pointer: '/body/amount', message: 'is required for a booking payment' });
  if (input.fee_kind !== undefined && input.booking_code === undefined) issues.push({ pointer: '/body/fee_kind', message: 'applies to booking payments only' });
  return issues;
}

/**
 * A payment for an active hold (at most its price, in its currency; the booking checks that it covers what is due
 * after any voucher) or for a booking (an amount, optionally as a fee). Idempotent by Idempotency-Key.
 */
export async function createPayment(
  ctx: ServiceContext,
  scope: PartnerScope,
  input: CreatePaymentInput,
  key: string | undefined,
): Promise<IdempotentResult<PaymentView>> {
  const issues = shapeProblems(input);
  if (issues.length > 0) throw invalid(issues);
  const method = input.method === 'card' ? { method: 'card' as const, card: input.card as CardDetailsInput } : { method: 'invoice' as const };
  const { card: _card, ...rest } = input;
  return makePayment(ctx, scope, {
    operation: 'createPayment',
    key,
    request: { ...rest, ...(requestIdentity(method) as object) },
    method,
    cardPointer: '/body/card',
    resolve: (trx) => (input.hold_id !== undefined ? holdTarget(trx, ctx, scope, input.hold_id, input.amount) : bookingTarget(trx, scope, input)),
  });
}

/** Checks a hold can be paid `amount` (default: its price) and says what the payment pays. */
export async function holdTarget(
  trx: Executor,
  ctx: ServiceContext,
  scope: Scope,
  holdId: string,
  amount: { amount: number; currency: string } | undefined,
): Promise<PaymentTarget> {
  const hold = await findHold(trx, scope, holdId);
  if (!hold) throw new AppError(PaymentErrors.PAYMENT_HOLD_NOT_FOUND, `no hold ${holdId}`);
  if (hold.state !== 'active' || hold.expires_at <= ctx.clock.now().toISOString()) {
    throw new AppError(PaymentErrors.PAYMENT_HOLD_NOT_ACTIVE, `hold ${holdId} is ${hold.state === 'active' ? 'expired' : hold.state}`);
  }
  const due = amount ?? { amount: hold.price_amount, currency: hold.price_currency };
  if (due.currency !== hold.price_currency || due.amount > hold.price_amount || due.amount <= 0) {
    throw new AppError(
      PaymentErrors.PAYMENT_AMOUNT_MISMATCH,
      `hold ${holdId} is priced ${hold.price_amount} ${hold.price_currency}: pay more than 0 and at most that, in ${hold.price_currency}`,
    );
  }
  return {
    purpose: 'hold',
    holdId,
    bookingId: null,
    feeKind: null,
    amount: due.amount,
    currency: due.currency,
    description: `Exam ${hold.test_code}, seat hold ${holdId}`,
  };
}

async function bookingTarget(trx: Executor, scope: Scope, input: CreatePaymentInput): Promise<PaymentTarget> {
  const code = input.booking_code as string;
  const booking = await findBookingByCode(trx, scope, code);
  if (!booking) throw new AppError(PaymentErrors.PAYMENT_BOOKING_NOT_FOUND, `no booking ${code}`);
  const amount = input.amount as { amount: number; currency: string };
  if (amount.currency !== booking.price_currency || amount.amount <= 0) {
    throw new AppError(PaymentErrors.PAYMENT_AMOUNT_MISMATCH, `booking ${code} is paid in ${booking.price_currency}; the amount must be more than 0`);
  }
  const fee = input.fee_kind ?? null;
  return {
    purpose: fee ? 'fee' : 'booking',
    holdId: null,
    bookingId: booking.id,
    feeKind: fee,
    amount: amount.amount,
    currency: amount.currency,
    description: fee ? `${FEE_LABELS[fee]}, booking ${code}` : `Exam ${booking.test_code}, booking ${code}`,
  };
}

export const FEE_LABELS: Record<FeeKind, string> = {
  reschedule_fee: 'Reschedule fee',
  cancellation_fee: 'Cancellation fee',
  no_show_fee: 'No-show fee',
};

export async function getPayment(ctx: ServiceContext, scope: Scope, paymentId: string): Promise<PaymentView> {
  const payment = await findPayment(ctx.db, scope, paymentId);
  if (!payment) throw new AppError(PaymentErrors.PAYMENT_NOT_FOUND, `no payment ${paymentId}`);
  const codes = await bookingCodes(ctx.db, payment.booking_id ? [payment.booking_id] : []);
  return paymentView(payment, payment.booking_id ? (codes.get(payment.booking_id) ?? null) : null);
}

export interface ListPaymentsQuery {
  booking_code?: string;
  hold_id?: string;
  state?: PaymentState;
  page_size?: number;
  cursor?: string;
}

/** Payments newest first, filtered; an unknown booking_code lists nothing (as another account's does). */
export async function listPaymentsPage(ctx: ServiceContext, scope: Scope, query: ListPaymentsQuery) {
  const pageSize = query.page_size ?? 50;
  const [before] = (decodeCursor(query.cursor, 1) ?? []) as string[];
  let bookingId: string | undefined;
  if (query.booking_code !== undefined) {
    const booking = await findBookingByCode(ctx.db, scope, query.booking_code);
    if (!booking) return { data: [], next_cursor: null };
    bookingId = booking.id;
  }
  const rows = await listPayments(ctx.db, scope, { holdId: query.hold_id, bookingId, state: query.state, before, limit: pageSize + 1 });
  const codes = await bookingCodes(ctx.db, [...new Set(rows.flatMap((r) => (r.booking_id ? [r.booking_id] : [])))]);
  return pageOf(
    rows,
    pageSize,
    (r) => [r.id],
    (r) => paymentView(r, r.booking_id ? (codes.get(r.booking_id) ?? null) : null),
  );
}
