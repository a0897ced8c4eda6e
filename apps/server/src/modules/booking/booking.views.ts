/** The wire view of a booking (v2 and v1 alike). */
import type { Executor } from '../../db/executor.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { formatLocalIso } from '../test-centers/test-centers.policy.ts';
import { oneLineAddress } from './booking.events.ts';
import { localized } from './booking.policy.ts';
import { type BookingRow, loadBookingFacts } from './booking.repository.ts';
import { paidFor, quoteOf } from './booking-quote.ts';

export async function bookingView(db: Executor, ctx: ServiceContext, booking: BookingRow) {
  const facts = await loadBookingFacts(db, booking);
  const zone = facts.center?.timezone ?? 'UTC';
  const currency = booking.price_currency;
  const money = (amount: number) => ({ amount, currency });
  let quote = null;
  if (booking.state === 'confirmed') {
    const q = quoteOf(booking, zone, ctx.clock.now().getTime(), await paidFor(db, scopeOf(booking), booking));
    quote = {
      allowed: q.allowed,
      fee: money(q.cancelFee),
      refund: money(q.refund),
      reschedule_fee: q.allowed ? money(q.rescheduleFee) : null,
      fee_changes_at: q.feeChangesAt,
      deadline: q.refusedFrom,
      deadline_local: localized(q.refusedFrom, facts.center?.timezone ?? null),
      summary: q.allowed
        ? `If cancelled now: fee ${q.cancelFee}, refund ${q.refund} ${currency}${q.feeChangesAt ? `; the fee changes at ${localized(q.feeChangesAt, facts.center?.timezone ?? null)}` : ''}; changes are refused from ${localized(q.refusedFrom, facts.center?.timezone ?? null)}.`
        : `Changes were refused from ${localized(q.refusedFrom, facts.center?.timezone ?? null)}.`,
    };
  }
  return {
    booking_code: booking.booking_code,
    status: booking.state,
    version: Number(booking.version),
    eligibility_code: facts.eligibility.code,
    candidate_id: facts.candidate.candidate_id,
    test_code: booking.test_code,
    test_version: Number(booking.test_version),
    delivery_mode: booking.delivery_mode,
    starts_at: booking.starts_at,
    ends_at: booking.ends_at,
    starts_at_local: facts.center ? formatLocalIso(Date.parse(booking.starts_at), facts.center.timezone) : booking.starts_at,
    location_timezone: facts.center?.timezone ?? null,
    previous_starts_at: booking.previous_starts_at,
    location: facts.center
      ? { location_code: facts.center.location_code, name: facts.center.name, address: oneLineAddress(facts.center), timezone: facts.center.timezone }
      : null,
    price: money(Number(booking.price_amount)),
    discount: money(Number(booking.discount_amount)),
    amount_due: money(Number(booking.amount_due)),
    voucher_code: facts.voucherCode,
    payment_method: booking.payment_method,
    reschedule_count: Number(booking.reschedule_count),
    cancellation:
      booking.state === 'cancelled' && booking.cancelled_by
        ? {
            by: booking.cancelled_by,
            reason: booking.cancel_reason ?? '',
            fee: money(Number(booking.cancel_fee_amount ?? 0)),
            refund: money(Number(booking.refund_amount ?? 0)),
          }
        : null,
    cancellation_quote: quote,
    created_at: booking.created_at,
    updated_at: booking.updated_at,
  };
}
export type BookingView = Awaited<ReturnType<typeof bookingView>>;

function scopeOf(booking: BookingRow) {
  return { accountId: booking.account_id, environment: booking.environment };
}
