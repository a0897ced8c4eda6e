/** Confirming a hold into a booking, and reading bookings (with the "if cancelled now" quote). */
import { isUniqueViolation } from '../../db/executor.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { runIdempotent } from '../../platform/idempotency/idempotency.ts';
import { decodeCursor, pageOf } from '../../platform/paging.ts';
import { eligibilityForBooking, markEligibilityScheduled } from '../eligibility/eligibility-links.ts';
import { attachPaymentToBooking, type PaymentInstruction, payForHold, refundUnattachedHoldPayments } from '../payment/payment-links.ts';
import { createSessionForBooking } from '../proctoring/proctoring-links.ts';
import type { PoliciesDocument } from '../test-publication/test-publication.schemas.ts';
import { quoteBookingVoucher, redeemVoucherForBooking } from '../vouchers/voucher-links.ts';
import { BookingErrors } from './booking.errors.ts';
import { recordBookingChange } from './booking.events.ts';
import { newBookingCode } from './booking.policy.ts';
import { type BookingRow, type BookingScope, findBookingByCode, findHold, finishHold, insertBooking, listBookings } from './booking.repository.ts';
import { bookingView } from './booking.views.ts';
import { eligibilityCodeOf, policiesOfVersion } from './booking-queries.repository.ts';

export interface ConfirmInput {
  hold_id: string;
  payment?: PaymentInstruction;
  voucher_code?: string;
}

/**
 * POST /bookings: price from the hold, minus the voucher; a payment for what is left is made OUTSIDE the transaction
 * (a processor call never runs inside one), then ONE transaction confirms the hold, creates the booking (the hold's
 * seat carries over), attaches the payment, redeems the voucher, schedules the eligibility and writes the event.
 * If that transaction fails after a charge, the hold's payment is refunded.
 */
export async function confirmBooking(ctx: ServiceContext, scope: PartnerScope, input: ConfirmInput, key: string | undefined) {
  const hold = await findHold(ctx.db, scope, input.hold_id);
  if (!hold) throw new AppError(BookingErrors.BOOKING_HOLD_NOT_FOUND, `no hold ${input.hold_id}`);
  // A hold past its time (the worker may not have swept it yet) is refused before any card is charged for it.
  if (hold.state === 'active' && hold.expires_at <= ctx.clock.now().toISOString()) {
    throw new AppError(BookingErrors.BOOKING_HOLD_NOT_ACTIVE, `hold ${hold.id} expired at ${hold.expires_at}`);
  }
  const eligibility = { code: await eligibilityCodeOf(ctx.db, hold.eligibility_id) };
  const price = { amount: Number(hold.price_amount), currency: hold.price_currency };
  const voucher = input.voucher_code
    ? await quoteBookingVoucher(ctx.db, ctx, scope, { code: input.voucher_code, testCode: hold.test_code, eligibilityCode: eligibility.code, price })
    : undefined;
  const amountDue = voucher ? voucher.amountDue : price.amount;
  let payment: { paymentId: string; method: 'card' | 'invoice' } | undefined;
  // A confirmed hold skips payment: a retry with the same Idempotency-Key replays the stored answer below.
  if (amountDue > 0 && hold.state === 'active') {
    if (!input.payment) throw new AppError(BookingErrors.BOOKING_PAYMENT_REQUIRED, `${amountDue} ${price.currency} is due: send payment`);
    payment = await payForHold(ctx, scope, {
      holdId: hold.id,
      amountDue: { amount: amountDue, currency: price.currency },
      instruction: input.payment,
      idempotencyKey: key,
    });
  }
  try {
    return await runIdempotent(ctx, { ...scope, operation: 'createBooking', key, request: input }, async (trx) => {
      const now = ctx.clock.now().toISOString();
      const confirmed = await finishHold(trx, hold.id, 'confirmed', now, now);
      if (!confirmed) throw new AppError(BookingErrors.BOOKING_HOLD_NOT_ACTIVE, `hold ${hold.id} is ${hold.state === 'active' ? 'expired' : hold.state}`);
      const found = await eligibilityForBooking(trx, ctx, scope, eligibility.code);
      if (!found?.eligible) throw new AppError(BookingErrors.BOOKING_NOT_ELIGIBLE, found?.message ?? 'the eligibility is gone');
      const policies = await policiesOfVersion(trx, hold.test_id, Number(hold.test_version));
      const booking: BookingRow = {
        id: ctx.ids.id('booking'),
        booking_code: newBookingCode(),
        account_id: scope.accountId,
        environment: scope.environment,
        hold_id: hold.id,
        eligibility_id: hold.eligibility_id,
        candidate_ref: found.record.candidate_ref,
        test_id: hold.test_id,
        test_code: hold.test_code,
        test_version: Number(hold.test_version),
        delivery_mode: hold.delivery_mode,
        test_center_id: hold.test_center_id,
        pool: hold.pool,
        starts_at: hold.starts_at,
        ends_at: hold.ends_at,
        previous_starts_at: null,
        state: 'confirmed',
        previous_state: null,
        state_reason: 'BOOKING_CREATED',
        cancelled_by: null,
        cancel_reason: null,
        cancel_fee_amount: null,
        refund_amount: null,
        price_amount: price.amount,
        price_currency: price.currency,
        discount_amount: voucher?.discount ?? 0,
        amount_due: amountDue,
        voucher_id: voucher?.voucherId ?? null,
        payment_method: payment?.method ?? (voucher ? 'voucher' : 'none'),
        policies,
        reschedule_count: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await insertBooking(trx, booking);
      // An online booking gets its proctoring session in the same transaction (issue 6).
      await createSessionForBooking(trx, ctx, scope, booking);
      if (payment) await attachPaymentToBooking(trx, ctx, scope, { paymentId: payment.paymentId, holdId: hold.id, bookingId: booking.id });
      if (voucher) await redeemVoucherForBooking(trx, ctx, scope, { code: voucher.code, testCode: hold.test_code, eligibilityCode: eligibility.code });
      if (!(await markEligibilityScheduled(trx, ctx, scope, hold.eligibility_id, booking.booking_code))) {
        throw new AppError(BookingErrors.BOOKING_NOT_ELIGIBLE, `eligibility ${eligibility.code} is no longer open`);
      }
      await recordBookingChange(trx, ctx, booking, {
        kind: 'create',
        previousStatus: 'held',
        actor: scope.actor,
        reason: 'BOOKING_CREATED',
        details: { hold_id: hold.id, amount_due: amountDue, voucher: voucher !== undefined },
      });
      return { status: 201, body: await bookingView(trx, ctx, booking) };
    });
  } catch (error) {
    if (payment) await refundUnattachedHoldPayments(ctx, hold.id);
    if (isUniqueViolation(error)) throw new AppError(BookingErrors.BOOKING_NOT_ELIGIBLE, 'the eligibility already has a live booking');
    throw error;
  }
}

export async function requireBooking(db: ServiceContext['db'], scope: BookingScope, code: string): Promise<BookingRow> {
  const booking = await findBookingByCode(db, scope, code.toUpperCase());
  if (!booking) throw new AppError(BookingErrors.BOOKING_NOT_FOUND, `no booking ${code}`);
  return booking;
}

export async function getBooking(ctx: ServiceContext, scope: BookingScope, code: string) {
  return bookingView(ctx.db, ctx, await requireBooking(ctx.db, scope, code));
}

export interface ListBookingsQuery {
  candidate_id?: string;
  eligibility_code?: string;
  status?: BookingRow['state'];
  from?: string;
  to?: string;
  page_size?: number;
  cursor?: string;
}

export async function listBookingsPage(ctx: ServiceContext, scope: BookingScope, query: ListBookingsQuery) {
  const pageSize = query.page_size ?? 50;
  const position = decodeCursor(query.cursor, 2);
  let eligibilityId: string | undefined;
  if (query.eligibility_code !== undefined) {
    const found = await eligibilityForBooking(ctx.db, ctx, scope, query.eligibility_code);
    if (!found) return { data: [], next_cursor: null };
    eligibilityId = found.record.id;
  }
  const rows = await listBookings(ctx.db, scope, {
    candidateId: query.candidate_id,
    eligibilityId,
    states: query.status ? [query.status] : undefined,
    // Stored instants are toISOString() text; a bound sent as "…T15:00:00Z" must compare as "…T15:00:00.000Z".
    from: query.from === undefined ? undefined : new Date(query.from).toISOString(),
    to: query.to === undefined ? undefined : new Date(query.to).toISOString(),
    after: position ? [String(position[0]), String(position[1])] : undefined,
    limit: pageSize + 1,
  });
  const page = pageOf(
    rows,
    pageSize,
    (row) => [row.starts_at, row.booking_code],
    (row) => row,
  );
  return { data: await Promise.all(page.data.map((row) => bookingView(ctx.db, ctx, row))), next_cursor: page.next_cursor };
}

export function policiesOf(booking: BookingRow): PoliciesDocument {
  return JSON.parse(booking.policies) as PoliciesDocument;
}
