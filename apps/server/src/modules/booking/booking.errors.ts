import { defineErrors } from '../../platform/errors.ts';

/** The booking service's error codes. State refusals are 409: the request was fine, the seat or booking state is not. */
export const BookingErrors = defineErrors({
  BOOKING_NOT_FOUND: {
    status: 404,
    title: 'Booking not found',
    fix: 'Check the booking_code and that your token is for the environment (sandbox or production) the booking was made in.',
  },
  BOOKING_HOLD_NOT_FOUND: { status: 404, title: 'Hold not found', fix: 'Check the hold_id (hld_…) and the environment of your token.' },
  BOOKING_ELIGIBILITY_NOT_FOUND: {
    status: 404,
    title: 'Eligibility not found',
    fix: 'Check the eligibility_code (see the Eligibility API) and the environment of your token.',
  },
  BOOKING_TEST_NOT_FOUND: { status: 404, title: 'Test not found', fix: 'Use the test_code of one of your published tests in this environment.' },
  BOOKING_SLOT_INVALID: { status: 400, title: 'Unknown slot id', fix: 'Use a slot_id exactly as GET /booking/v2/slots returned it.' },
  BOOKING_SLOT_UNAVAILABLE: {
    status: 409,
    title: 'Slot not offered',
    fix: 'The slot is in the past, outside opening hours, inside a closure, or not offered for this test: search slots again.',
  },
  BOOKING_SLOT_FULL: { status: 409, title: 'No seat left in this slot', fix: 'Every seat of the slot is held or booked: search slots again and pick another.' },
  BOOKING_TEST_MISMATCH: {
    status: 422,
    title: "The slot is for another test than the eligibility's",
    fix: "Search slots with the eligibility's test_code and delivery mode, and hold one of those.",
  },
  BOOKING_NOT_ELIGIBLE: {
    status: 409,
    title: 'The candidate cannot schedule now',
    fix: 'See `detail` (and the eligibility_status_message of the eligibility): window, attempts, retake waiting period, or an existing booking.',
  },
  BOOKING_HOLD_LIMIT_REACHED: {
    status: 409,
    title: 'Too many live holds',
    fix: 'Confirm or let some of your holds expire first: each account may keep a limited number of seats on hold at once.',
  },
  BOOKING_HOLD_NOT_ACTIVE: {
    status: 409,
    title: 'Hold expired or already used',
    fix: 'A hold keeps its seat for a few minutes and confirms once: make a new hold and confirm it before expires_at.',
  },
  BOOKING_PAYMENT_REQUIRED: {
    status: 402,
    title: 'Payment required',
    fix: 'The amount due (price minus any voucher) is above 0: send `payment` (card, invoice, or the payment_id of a payment made for this hold).',
  },
  BOOKING_CHANGE_REFUSED: {
    status: 409,
    title: 'Too late to change this booking',
    fix: 'Its policy refuses changes this close to the start; `detail` gives the deadline (UTC and centre time).',
  },
  BOOKING_NOT_CHANGEABLE: {
    status: 409,
    title: 'The booking is not in a state that allows this change',
    fix: 'Read the booking: only a confirmed booking can be rescheduled or cancelled; attendance events follow the state machine.',
  },
  BOOKING_SAME_SLOT: { status: 409, title: 'Already booked in that slot', fix: 'Pick a different slot to reschedule to.' },
  BOOKING_INVALID_QUERY: { status: 400, title: 'Invalid slot search', fix: 'Correct the fields listed in `errors` and search again.' },
});
