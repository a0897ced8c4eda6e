/** Cancel and reschedule under the booking's captured policy (fee tiers in the centre's time zone). */
import type { Executor } from '../../db/executor.ts';
import type { CancelledBy } from '../../db/tables/booking.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { runIdempotent } from '../../platform/idempotency/idempotency.ts';
import { reopenEligibility } from '../eligibility/eligibility-links.ts';
import { chargeBookingFee, type PaymentInstruction, refundBookingPayments, settlePendingRefunds } from '../payment/payment-links.ts';
import { restoreBookingVoucher } from '../vouchers/voucher-links.ts';
import { BookingErrors } from './booking.errors.ts';
import { type CancellationFacts, recordBookingChange } from './booking.events.ts';
import { BOOKING_TRANSITIONS, canChange, localized } from './booking.policy.ts';
import { type BookingRow, changeBooking, loadBookingFacts } from './booking.repository.ts';
import { requireBooking } from './booking.service.ts';
import { bookingView } from './booking.views.ts';
import { type BookingQuote, paidFor, quoteOf } from './booking-quote.ts';
import { claimOf, releaseSeat, takeSeat } from './seats.service.ts';
import { resolveSlot } from './slot-resolution.ts';

async function zoneOf(db: Executor, booking: BookingRow): Promise<string | null> {
  return (await loadBookingFacts(db, booking)).center?.timezone ?? null;
}

function refusedAnswer(booking: BookingRow, quote: BookingQuote, zone: string | null): AppError {
  return new AppError(
    BookingErrors.BOOKING_CHANGE_REFUSED,
    `booking ${booking.booking_code} can no longer be changed: the deadline was ${quote.refusedFrom} (${localized(quote.refusedFrom, zone)} centre time)`,
  );
}

function requireState(booking: BookingRow, change: 'cancel' | 'reschedule'): void {
  if (!canChange(booking.state, change)) throw new AppError(BookingErrors.BOOKING_NOT_CHANGEABLE, `booking ${booking.booking_code} is ${booking.state}`);
}

/**
 * Cancels in one transaction: the seat back, the refund (paid − fee) recorded, the voucher restored in a free tier or
 * for the provider, the eligibility open again, the event written. The processor refunds after commit.
 */
export async function cancelBooking(
  ctx: ServiceContext,
  scope: PartnerScope,
  code: string,
  input: { reason?: string; cancelled_by?: Exclude<CancelledBy, 'provider'> },
  key: string | undefined,
) {
  const result = await runIdempotent(ctx, { ...scope, operation: 'cancelBooking', key, request: { code, ...input } }, async (trx) => {
    const booking = await requireBooking(trx, scope, code);
    requireState(booking, 'cancel');
    const zone = await zoneOf(trx, booking);
    const quote = quoteOf(booking, zone ?? 'UTC', ctx.clock.now().getTime(), await paidFor(trx, scope, booking));
    if (!quote.allowed) throw refusedAnswer(booking, quote, zone);
    const cancelled = await cancelInTransaction(trx, ctx, scope, booking, {
      by: input.cancelled_by ?? 'partner',
      reason: input.reason ?? 'cancelled by the partner',
      fee: quote.cancelFee,
      refund: quote.refund,
      restoreVoucher: quote.freeTier,
    });
    return { status: 200, body: await bookingView(trx, ctx, cancelled) };
  });
  if (!result.replayed && result.body.cancellation && result.body.cancellation.refund.amount > 0) await settleQuietly(ctx);
  return result;
}

/** Refunds are retried by the worker; a processor hiccup after commit must not fail the cancellation. */
export async function settleQuietly(ctx: ServiceContext): Promise<void> {
  try {
    await settlePendingRefunds(ctx);
  } catch {
    // the worker's refund job settles it later
  }
}

/** The shared cancellation step (partner, candidate or provider), inside the caller's transaction. */
export async function cancelInTransaction(
  trx: Executor,
  ctx: ServiceContext,
  scope: PartnerScope,
  booking: BookingRow,
  c: { by: CancelledBy; reason: string; fee: number; refund: number; restoreVoucher: boolean },
): Promise<BookingRow> {
  const now = ctx.clock.now().toISOString();
  const cancelled = await changeBooking(
    trx,
    booking.id,
    { from: BOOKING_TRANSITIONS.cancel.from, version: Number(booking.version) },
    {
      state: 'cancelled',
      previous_state: booking.state,
      state_reason: 'BOOKING_CANCELLED',
      cancelled_by: c.by,
      cancel_reason: c.reason,
      cancel_fee_amount: c.fee,
      refund_amount: c.refund,
      updated_at: now,
    },
  );
  if (!cancelled) throw new AppError(BookingErrors.BOOKING_NOT_CHANGEABLE, `booking ${booking.booking_code} changed meanwhile: read it again`);
  await releaseSeat(trx, claimOf(booking));
  if (c.refund > 0) await refundBookingPayments(trx, ctx, scope, { bookingId: booking.id, amount: c.by === 'provider' ? 'all' : c.refund, reason: c.reason });
  const facts = await loadBookingFacts(trx, booking);
  if (c.restoreVoucher && facts.voucherCode) await restoreBookingVoucher(trx, ctx, scope, facts.voucherCode);
  await reopenEligibility(trx, ctx, scope, booking.eligibility_id, `booking ${booking.booking_code} cancelled`);
  const money = (amount: number) => ({ amount, currency: booking.price_currency });
  const cancellation: CancellationFacts = { by: c.by, reason: c.reason, fee: money(c.fee), refund: money(c.refund) };
  await recordBookingChange(trx, ctx, cancelled, {
    kind: 'cancel',
    previousStatus: booking.state,
    actor: scope.actor,
    reason: c.reason,
    cancellation,
    details: { fee: c.fee, refund: c.refund },
  });
  return cancelled;
}

/**
 * Moves the booking to another slot of the same test (same booking_code, version + 1): the new seat is taken and the
 * old one freed in one transaction, so a full slot leaves the booking where it was. A reschedule fee is charged first.
 */
export async function rescheduleBooking(
  ctx: ServiceContext,
  scope: PartnerScope,
  code: string,
  input: { slot_id: string; payment?: PaymentInstruction },
  key: string | undefined,
  settings: { onlineSeatsPerHalfHour: number },
) {
  const current = await requireBooking(ctx.db, scope, code);
  requireState(current, 'reschedule');
  const zone = await zoneOf(ctx.db, current);
  const quote = quoteOf(current, zone ?? 'UTC', ctx.clock.now().getTime(), await paidFor(ctx.db, scope, current));
  if (!quote.allowed) throw refusedAnswer(current, quote, zone);
  if (quote.rescheduleFee > 0) {
    if (!input.payment)
      throw new AppError(BookingErrors.BOOKING_PAYMENT_REQUIRED, `a reschedule fee of ${quote.rescheduleFee} ${current.price_currency} is due: send payment`);
    await chargeBookingFee(ctx, scope, {
      bookingId: current.id,
      kind: 'reschedule_fee',
      amount: { amount: quote.rescheduleFee, currency: current.price_currency },
      instruction: input.payment,
      idempotencyKey: key,
    });
  }
  return runIdempotent(ctx, { ...scope, operation: 'rescheduleBooking', key, request: { code, slot_id: input.slot_id } }, async (trx) => {
    const booking = await requireBooking(trx, scope, code);
    requireState(booking, 'reschedule');
    const slot = await resolveSlot({ ...ctx, db: trx }, scope, input.slot_id, settings);
    if (slot.test.id !== booking.test_id)
      throw new AppError(BookingErrors.BOOKING_TEST_MISMATCH, `the slot is for ${slot.test.test_code}; the booking is for ${booking.test_code}`);
    if (slot.pool === booking.pool && slot.startsAt === booking.starts_at)
      throw new AppError(BookingErrors.BOOKING_SAME_SLOT, `booking ${booking.booking_code} is already in that slot`);
    await releaseSeat(trx, claimOf(booking));
    // The booking keeps its test version (and policy); only the duration of that version sizes the new seat.
    const durationMs = Date.parse(booking.ends_at) - Date.parse(booking.starts_at);
    const endsAt = new Date(Date.parse(slot.startsAt) + durationMs).toISOString();
    await takeSeat(trx, { environment: booking.environment, pool: slot.pool, startsAt: slot.startsAt, endsAt }, slot.capacity);
    const now = ctx.clock.now().toISOString();
    const moved = await changeBooking(
      trx,
      booking.id,
      { from: BOOKING_TRANSITIONS.reschedule.from, version: Number(booking.version) },
      {
        starts_at: slot.startsAt,
        ends_at: endsAt,
        previous_starts_at: booking.starts_at,
        test_center_id: slot.center?.id ?? null,
        pool: slot.pool,
        delivery_mode: slot.deliveryMode,
        previous_state: booking.state,
        state_reason: 'BOOKING_RESCHEDULED',
        reschedule_count: Number(booking.reschedule_count) + 1,
        updated_at: now,
      },
    );
    if (!moved) throw new AppError(BookingErrors.BOOKING_NOT_CHANGEABLE, `booking ${booking.booking_code} changed meanwhile: read it again`);
    await recordBookingChange(trx, ctx, moved, {
      kind: 'reschedule',
      previousStatus: booking.state,
      actor: scope.actor,
      reason: 'BOOKING_RESCHEDULED',
      details: { fee: quote.rescheduleFee, from: booking.starts_at },
    });
    return { status: 200, body: await bookingView(trx, ctx, moved) };
  });
}
