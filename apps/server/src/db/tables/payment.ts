import type { Environment } from '../schema.ts';

/** Payment tables (issue 4): payments and refunds. */

export type PaymentState = 'pending' | 'succeeded' | 'failed';
export type RefundState = 'pending' | 'succeeded' | 'failed';
export type PaymentMethod = 'card' | 'invoice';
/** What a payment pays: a hold's price (then linked to the booking it confirms), a booking, or a fee on a booking. */
export type PaymentPurpose = 'hold' | 'booking' | 'fee';
export type FeeKind = 'reschedule_fee' | 'cancellation_fee' | 'no_show_fee';

/** One payment (public id `pay_…`). The full card number and CVC are never stored: brand, last four and expiry only. */
export interface PaymentTable {
  id: string;
  account_id: string;
  environment: Environment;
  purpose: PaymentPurpose;
  hold_id: string | null;
  /** Set for booking and fee payments, and for a hold payment once its booking is confirmed. */
  booking_id: string | null;
  fee_kind: FeeKind | null;
  method: PaymentMethod;
  state: PaymentState;
  amount: number;
  currency: string;
  /** Sum of this payment's pending and succeeded refunds; CHECK 0 <= refunded_amount <= amount. */
  refunded_amount: number;
  description: string;
  card_brand: string | null;
  card_last4: string | null;
  card_exp_month: number | null;
  card_exp_year: number | null;
  card_holder_name: string | null;
  /** Name of the processor that handled a card payment (`sandbox`, …), and its charge id. */
  processor: string | null;
  processor_reference: string | null;
  /** PAYMENT_* error code and message of a failed payment. */
  failure_code: string | null;
  failure_message: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
  /** When the payment reached succeeded or failed; null while pending. */
  settled_at: string | null;
}

/** One refund (public id `ref_…`) of part or all of a payment. */
export interface RefundTable {
  id: string;
  payment_id: string;
  account_id: string;
  environment: Environment;
  amount: number;
  currency: string;
  state: RefundState;
  reason: string;
  processor_reference: string | null;
  failure_message: string | null;
  /** Processor calls made so far (settlement retries on the worker). */
  attempts: number;
  created_at: string;
  updated_at: string;
  settled_at: string | null;
}

export interface PaymentTables {
  payment: PaymentTable;
  refund: RefundTable;
}
