import type { AtlasApp, ModuleDeps } from '../../platform/app-types.ts';
import { cancelBookingRoute } from './routes/cancel-booking.ts';
import { createBookingRoute } from './routes/create-booking.ts';
import { createHoldRoute } from './routes/create-hold.ts';
import { getBookingRoute } from './routes/get-booking.ts';
import { listBookingsRoute } from './routes/list-bookings.ts';
import { rescheduleBookingRoute } from './routes/reschedule-booking.ts';
import { searchSlotsRoute } from './routes/search-slots.ts';
import { simulateBookingRoute } from './routes/simulate-booking.ts';

/** Registers the booking routes (v2 and their v1 mirrors). */
export function bookingModule(app: AtlasApp, deps: ModuleDeps): void {
  searchSlotsRoute(app, deps);
  createHoldRoute(app, deps);
  createBookingRoute(app, deps);
  listBookingsRoute(app, deps);
  getBookingRoute(app, deps);
  cancelBookingRoute(app, deps);
  rescheduleBookingRoute(app, deps);
  simulateBookingRoute(app, deps);
}
