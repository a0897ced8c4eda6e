/**
 * Attendance from the test-centre / proctoring side (and the sandbox simulator): check-in, completion, absence and
 * excused absence. Completion and absence consume the eligibility's attempt; absence also forfeits the voucher.
 */
import type { Executor } from '../../db/executor.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { consumeEligibilityAttempt, restoreEligibilityAttempt } from '../eligibility/eligibility-links.ts';
import { forfeitBookingVoucher } from '../vouchers/voucher-links.ts';
import { BookingErrors } from './booking.errors.ts';
import { recordBookingChange } from './booking.events.ts';
import { type AttendanceEvent, BOOKING_TRANSITIONS, NO_SHOW_GRACE_MS } from './booking.policy.ts';
import { type BookingRow, changeBooking, findNoShowCandidates, loadBookingFacts } from './booking.repository.ts';
import { requireBooking } from './booking.service.ts';
import { bookingView } from './booking.views.ts';
import { claimOf, releaseSeat } from './seats.service.ts';

const REASON: Record<AttendanceEvent, string> = {
  CHECKED_IN: 'CHECKED_IN',
  EXAM_COMPLETED: 'EXAM_COMPLETED',
  ABSENT: 'ABSENT',
  EXCUSED_ABSENT: 'EXCUSED_ABSENT',
};

/** Applies one attendance event inside the caller's transaction; undefined when the booking's state does not allow it. */
export async function applyAttendance(
  trx: Executor,
  ctx: ServiceContext,
  scope: PartnerScope,
  booking: BookingRow,
  event: AttendanceEvent,
): Promise<BookingRow | undefined> {
  const rule = BOOKING_TRANSITIONS[event];
  const now = ctx.clock.now().toISOString();
  const changed = await changeBooking(
    trx,
    booking.id,
    { from: rule.from, version: Number(booking.version) },
    {
      state: rule.to,
      previous_state: booking.state,
      state_reason: REASON[event],
      updated_at: now,
    },
  );
  if (!changed) return undefined;
  const reason = `booking ${booking.booking_code}: ${REASON[event]}`;
  if (event === 'EXAM_COMPLETED') await consumeEligibilityAttempt(trx, ctx, scope, booking.eligibility_id, 'completed', reason);
  if (event === 'ABSENT') {
    await consumeEligibilityAttempt(trx, ctx, scope, booking.eligibility_id, 'absent', reason);
    const facts = await loadBookingFacts(trx, booking);
    if (facts.voucherCode) await forfeitBookingVoucher(trx, ctx, scope, facts.voucherCode);
  }
  if (event === 'EXCUSED_ABSENT') await restoreEligibilityAttempt(trx, ctx, scope, booking.eligibility_id, reason);
  // A seat is given back once the booking can no longer use it (an absence is only known after the start).
  if (event === 'ABSENT') await releaseSeat(trx, claimOf(booking));
  await recordBookingChange(trx, ctx, changed, { kind: event, previousStatus: booking.state, actor: scope.actor, reason: REASON[event] });
  return changed;
}

/** One attendance event on a booking, by code (the sandbox simulator and the centre/proctoring side). */
export async function recordAttendance(ctx: ServiceContext, scope: PartnerScope, code: string, event: AttendanceEvent) {
  return ctx.db.transaction().execute(async (trx) => {
    const booking = await requireBooking(trx, scope, code);
    const changed = await applyAttendance(trx, ctx, scope, booking, event);
    if (!changed) throw new AppError(BookingErrors.BOOKING_NOT_CHANGEABLE, `booking ${booking.booking_code} is ${booking.state}: ${event} cannot apply`);
    return bookingView(trx, ctx, changed);
  });
}

export const NO_SHOW_ACTOR = 'system:booking-worker';

/** Worker job: confirmed bookings nobody checked in to by start + grace become no-shows. */
export async function markNoShows(ctx: ServiceContext, limit = 200): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - NO_SHOW_GRACE_MS).toISOString();
  let marked = 0;
  for (const booking of await findNoShowCandidates(ctx.db, cutoff, limit)) {
    const scope = { accountId: booking.account_id, environment: booking.environment, actor: NO_SHOW_ACTOR };
    const done = await ctx.db.transaction().execute((trx) => applyAttendance(trx, ctx, scope, booking, 'ABSENT'));
    if (done) marked += 1;
  }
  return marked;
}
