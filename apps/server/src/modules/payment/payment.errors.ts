import { defineErrors } from '../../platform/errors.ts';

/**
 * The payment service's error codes. Card outcomes have their own codes so a checkout can tell the candidate what
 * happened without parsing text; v1 answers them in the PSI model (`payment_required` for 402).
 */
export const PaymentErrors = defineErrors({
  PAYMENT_NOT_FOUND: {
    status: 404,
    title: 'Payment not found',
    fix: 'Check the payment id (pay_…) and that your token is for the environment the payment was made in.',
  },
  PAYMENT_HOLD_NOT_FOUND: {
    status: 404,
    title: 'Hold not found',
    fix: 'Check hold_id (hld_…) and the environment of your token; create a hold with POST /booking/v2/holds.',
  },
  PAYMENT_BOOKING_NOT_FOUND: { status: 404, title: 'Booking not found', fix: 'Check booking_code and the environment of your token.' },
  PAYMENT_HOLD_NOT_ACTIVE: {
    status: 409,
    title: 'The hold cannot be paid',
    fix: 'Only an active, unexpired hold can be paid: create a new hold for the slot.',
  },
  PAYMENT_HOLD_ALREADY_PAID: {
    status: 409,
    title: 'The hold is already paid',
    fix: 'Confirm the booking with `payment: { payment_id }` of the existing payment, or refund it first.',
  },
  PAYMENT_AMOUNT_MISMATCH: {
    status: 422,
    title: 'The amount does not match what is due',
    fix: 'Pay at most the price of the hold, in its currency; a payment used to confirm a booking must cover the amount due.',
  },
  PAYMENT_DECLINED: {
    status: 402,
    title: 'The card was declined',
    fix: 'Ask the card holder for another card, or pay by invoice. Nothing was charged.',
  },
  PAYMENT_INSUFFICIENT_FUNDS: {
    status: 402,
    title: 'The card has insufficient funds',
    fix: 'Ask the card holder for another card, or pay by invoice. Nothing was charged.',
  },
  PAYMENT_CARD_INVALID: {
    status: 400,
    title: 'The card details are invalid',
    fix: 'Correct every field listed in `errors`: the number must pass the Luhn check, the card must not be expired, the CVC has 3 digits (4 for American Express).',
  },
  PAYMENT_PROCESSOR_ERROR: {
    status: 502,
    title: 'The card processor failed; the card was not charged',
    fix: 'Retry with a new Idempotency-Key after a short wait, or pay by invoice. GET the payment to see its final state.',
  },
  PAYMENT_IN_PROGRESS: {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
    fix: 'Retry the same request with the same Idempotency-Key in a few seconds to get its answer.',
  },
  PAYMENT_NOT_SUCCEEDED: {
    status: 409,
    title: 'The payment has not succeeded',
    fix: 'Only a succeeded payment can be refunded, used for a booking or given a receipt: check its `state`.',
  },
  PAYMENT_REFUND_EXCEEDS_PAID: {
    status: 409,
    title: 'The refund exceeds what is left to refund',
    fix: 'Refund at most `refundable` (the amount paid minus refunds already made or pending).',
  },
  PAYMENT_ALREADY_ATTACHED: {
    status: 409,
    title: 'The payment belongs to another booking or hold',
    fix: 'Use a succeeded payment made for this hold that is not yet used by a booking.',
  },
  PAYMENT_STATEMENT_MONTH_INVALID: { status: 400, title: 'Invalid statement month', fix: 'Give the month as YYYY-MM, e.g. 2026-03.' },
});
