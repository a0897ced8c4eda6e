import type { OnlineBookingLookup } from '../eligibility/online-booking-lookup.ts';
import { findLiveOnlineBooking } from './booking.repository.ts';

/** Booking's side of the E7 seam: the eligibility's live ATLAS_REMOTE_PROCTORED booking. */
export const onlineBookingLookup: OnlineBookingLookup = {
  async findOnlineBooking(db, scope, eligibilityId) {
    const row = await findLiveOnlineBooking(db, scope, eligibilityId);
    return row ? { bookingCode: row.booking_code, startsAt: row.starts_at } : undefined;
  },
};
