/**
 * How proctoring and results move a booking (domain.md: "the session drives the booking"; "a result for a booking
 * completes the booking"), through the booking service's attendance function — which also writes the booking
 * notification and consumes the eligibility's attempt (and sets its retake date). Every step is idempotent: a
 * booking already at or past it is left alone, so a session end and a result arriving later complete it once.
 */
import type { Executor } from '../../db/executor.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { applyAttendance } from '../booking/attendance.service.ts';
import type { AttendanceEvent } from '../booking/booking.policy.ts';
import { findBookingById } from '../booking/booking.repository.ts';

export type BookingStep = 'checked_in' | 'in_progress' | 'completed';

/**
 * The booking's attendance event for each session step. The booking service has no transition into `in_progress`
 * (its state exists, no event leads there), so a session's start leaves the booking checked in until it completes.
 */
const ATTENDANCE: Record<BookingStep, AttendanceEvent | undefined> = {
  checked_in: 'CHECKED_IN',
  in_progress: undefined,
  completed: 'EXAM_COMPLETED',
};

export async function advanceBooking(trx: Executor, ctx: ServiceContext, scope: PartnerScope, bookingId: string, step: BookingStep): Promise<boolean> {
  const event = ATTENDANCE[step];
  if (!event) return false;
  const booking = await findBookingById(trx, bookingId);
  if (!booking || booking.account_id !== scope.accountId) return false;
  return (await applyAttendance(trx, ctx, scope, booking, event)) !== undefined;
}
