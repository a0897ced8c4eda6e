/** What a change would cost now, under the booking's captured policy, measured in the centre's time zone. */
import type { Executor } from '../../db/executor.ts';
import type { PartnerScope } from '../../platform/context.ts';
import { paidForBooking } from '../payment/payment-links.ts';
import type { PoliciesDocument } from '../test-publication/test-publication.schemas.ts';
import { changeQuoteAt } from './booking.policy.ts';
import type { BookingRow } from './booking.repository.ts';

export interface BookingQuote {
  allowed: boolean;
  /** Kept on cancellation (never more than was paid). */
  cancelFee: number;
  refund: number;
  rescheduleFee: number;
  /** Whether this is a fee-free tier (a voucher is restored on cancellation only then). */
  freeTier: boolean;
  paid: number;
  feeChangesAt: string | null;
  refusedFrom: string;
}

/** Net amount paid for the booking; bookings paid by voucher or free never touched the payment service. */
export async function paidFor(db: Executor, scope: Pick<PartnerScope, 'accountId' | 'environment'>, booking: BookingRow): Promise<number> {
  if (Number(booking.amount_due) === 0 || booking.payment_method === 'voucher' || booking.payment_method === 'none') return 0;
  return (await paidForBooking(db, scope, booking.id))?.amount ?? 0;
}

export function quoteOf(booking: BookingRow, zone: string, nowMs: number, paid: number): BookingQuote {
  const quote = changeQuoteAt(JSON.parse(booking.policies) as PoliciesDocument, Date.parse(booking.starts_at), zone, nowMs);
  if (!quote.allowed)
    return { allowed: false, cancelFee: 0, refund: 0, rescheduleFee: 0, freeTier: false, paid, feeChangesAt: null, refusedFrom: quote.refusedFrom };
  const cancelFee = Math.min(quote.cancelFee, paid);
  return {
    allowed: true,
    cancelFee,
    refund: paid - cancelFee,
    rescheduleFee: quote.rescheduleFee,
    freeTier: quote.cancelFee === 0,
    paid,
    feeChangesAt: quote.feeChangesAt,
    refusedFrom: quote.refusedFrom,
  };
}
