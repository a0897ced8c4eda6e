import type { Environment } from '../schema.ts';
import type { DeliveryMode } from './test-publication.ts';

/** Booking tables (issue 4): the seat inventory, holds, bookings and their transitions. */

export type HoldState = 'active' | 'confirmed' | 'expired' | 'released';
/** domain.md: held → confirmed → checked_in → in_progress → completed; side exits cancelled, no_show, excused_absence. */
export type BookingState = 'confirmed' | 'checked_in' | 'in_progress' | 'completed' | 'cancelled' | 'no_show' | 'excused_absence';
export type CancelledBy = 'partner' | 'candidate' | 'provider';
export type BookingPaymentMethod = 'card' | 'invoice' | 'voucher' | 'none';

/**
 * Seats of one capacity pool (a test centre's id, or `ONLINE`) for one 30-minute cell starting at `cell_start` (UTC),
 * per environment. `CHECK (taken >= 0 AND taken <= capacity)`: the database refuses to sell a seat twice.
 */
export interface SeatCellTable {
  environment: Environment;
  pool: string;
  cell_start: string;
  capacity: number;
  taken: number;
}

/** A seat kept for a candidate for a few minutes while the partner confirms (public id `hld_…`). */
export interface HoldTable {
  id: string;
  account_id: string;
  environment: Environment;
  eligibility_id: string;
  test_id: string;
  test_code: string;
  test_version: number;
  delivery_mode: DeliveryMode;
  /** null for ATLAS_REMOTE_PROCTORED. */
  test_center_id: string | null;
  /** The seat pool the hold counts in: the centre's id or `ONLINE`. */
  pool: string;
  slot_id: string;
  starts_at: string;
  ends_at: string;
  price_amount: number;
  price_currency: string;
  expires_at: string;
  state: HoldState;
  created_at: string;
  updated_at: string;
}

/** A confirmed appointment. `id` is the internal key; partners see `booking_code`. */
export interface BookingTable {
  id: string;
  booking_code: string;
  account_id: string;
  environment: Environment;
  hold_id: string;
  eligibility_id: string;
  candidate_ref: string;
  test_id: string;
  test_code: string;
  test_version: number;
  delivery_mode: DeliveryMode;
  test_center_id: string | null;
  pool: string;
  starts_at: string;
  ends_at: string;
  /** The start before the last reschedule. */
  previous_starts_at: string | null;
  state: BookingState;
  previous_state: BookingState | null;
  state_reason: string | null;
  cancelled_by: CancelledBy | null;
  cancel_reason: string | null;
  cancel_fee_amount: number | null;
  refund_amount: number | null;
  price_amount: number;
  price_currency: string;
  discount_amount: number;
  amount_due: number;
  voucher_id: string | null;
  payment_method: BookingPaymentMethod | null;
  /** JSON: the test version's policy document captured when the booking was made. */
  policies: string;
  reschedule_count: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One row per booking state change (and the creation, previous state `held`). */
export interface BookingTransitionTable {
  booking_id: string;
  version: number;
  previous_state: BookingState | 'held' | null;
  state: BookingState;
  reason: string;
  actor: string;
  starts_at: string;
  previous_starts_at: string | null;
  /** JSON: fee, refund, voucher and payment facts of the change. */
  details: string;
  at: string;
}

export interface BookingTables {
  seat_cell: SeatCellTable;
  hold: HoldTable;
  booking: BookingTable;
  booking_transition: BookingTransitionTable;
}
