/** Booking tables (issue 4): holds, bookings, their transitions. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the booking migration
export type BookingTables = {};
