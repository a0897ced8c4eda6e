/** Payments and refunds as the API shows them (snake_case; internal keys never leave). */
import type { PaymentTable, RefundTable } from '../../db/tables/payment.ts';

export function paymentView(p: PaymentTable, bookingCode: string | null) {
  return {
    payment_id: p.id,
    state: p.state,
    method: p.method,
    purpose: p.purpose,
    fee_kind: p.fee_kind,
    hold_id: p.hold_id,
    booking_code: bookingCode,
    amount: { amount: p.amount, currency: p.currency },
    refunded: { amount: p.refunded_amount, currency: p.currency },
    refundable: { amount: p.state === 'succeeded' ? p.amount - p.refunded_amount : 0, currency: p.currency },
    description: p.description,
    card:
      p.method === 'card'
        ? {
            brand: p.card_brand ?? 'unknown',
            last4: p.card_last4 ?? '',
            exp_month: p.card_exp_month ?? 0,
            exp_year: p.card_exp_year ?? 0,
            holder_name: p.card_holder_name,
          }
        : null,
    processor: p.processor,
    failure: p.state === 'failed' ? { code: p.failure_code ?? 'PAYMENT_PROCESSOR_ERROR', message: p.failure_message ?? '' } : null,
    created_at: p.created_at,
    settled_at: p.settled_at,
  };
}

export type PaymentView = ReturnType<typeof paymentView>;

export function refundView(r: RefundTable) {
  return {
    refund_id: r.id,
    payment_id: r.payment_id,
    state: r.state,
    amount: { amount: r.amount, currency: r.currency },
    reason: r.reason,
    failure_message: r.failure_message,
    created_at: r.created_at,
    settled_at: r.settled_at,
  };
}

export type RefundView = ReturnType<typeof refundView>;
