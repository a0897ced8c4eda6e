import type { Environment } from '../schema.ts';

export type DiscountKind = 'percent' | 'amount' | 'full';
export type VoucherBatchStatus = 'active' | 'void';
export type VoucherState = 'issued' | 'reserved' | 'redeemed' | 'restored' | 'forfeited' | 'expired' | 'void';
/** What a reservation holds a code for: an eligibility (PSI E6) now, a booking once the booking service exists. */
export type VoucherReservationType = 'eligibility' | 'booking';

/** A batch of voucher codes issued together for a set of tests, with one discount, expiry and use limit. */
export interface VoucherBatchTable {
  id: string;
  account_id: string;
  environment: Environment;
  name: string;
  /** JSON array of test codes the codes apply to (non-empty; each existed for the account and environment at creation). */
  test_codes: string;
  discount_kind: DiscountKind;
  /** 1–100 for `percent`, else null. */
  discount_percent: number | null;
  /** Minor units for `amount`, else null. */
  discount_amount: number | null;
  /** ISO 4217 for `amount`, else null. */
  discount_currency: string | null;
  /** Optional readable prefix of every code of the batch. */
  code_prefix: string | null;
  expires_at: string;
  max_uses: number;
  code_count: number;
  status: VoucherBatchStatus;
  created_at: string;
  updated_at: string;
}

/**
 * One code. `max_uses` and `expires_at` are copied from the batch so that every transition is a single guarded
 * UPDATE on this row (`where state in (…) and uses < max_uses and expires_at > now`): concurrency cannot
 * double-redeem, on SQLite or PostgreSQL, and the CHECK `uses <= max_uses` backs it up.
 */
export interface VoucherTable {
  id: string;
  batch_id: string;
  account_id: string;
  environment: Environment;
  /** Stored as issued (not hashed): partners export their codes to hand them out. Unique across Atlas. */
  code: string;
  state: VoucherState;
  /** State before the last transition (set by the same UPDATE, so the audit names it exactly). */
  previous_state: VoucherState | null;
  uses: number;
  max_uses: number;
  expires_at: string;
  reserved_for_type: VoucherReservationType | null;
  reserved_for_id: string | null;
  reserved_at: string | null;
  redeemed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface VoucherTables {
  voucher_batch: VoucherBatchTable;
  voucher: VoucherTable;
}
