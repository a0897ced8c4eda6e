/**
 * Internal API of the Proctoring service for the other modules. Booking calls `createSessionForBooking` in its
 * confirm transaction; sessions are also created lazily (first read by booking code, first list) so that bookings
 * confirmed before this module existed, or by a path that does not call it, still get theirs. Results asks
 * `reviewStatusForBooking` whether a score must wait for the proctoring review.
 */
import type { Executor } from '../../db/executor.ts';
import type { BookingTable } from '../../db/tables/booking.ts';
import type { ProctoringSessionTable } from '../../db/tables/proctoring.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { reviewStatusOf } from './proctoring.policy.ts';
import { findSessionByBookingId, insertSessionIfAbsent } from './proctoring.repository.ts';

type SessionBooking = Pick<
  BookingTable,
  | 'id'
  | 'booking_code'
  | 'account_id'
  | 'environment'
  | 'eligibility_id'
  | 'candidate_ref'
  | 'test_code'
  | 'test_version'
  | 'delivery_mode'
  | 'starts_at'
  | 'ends_at'
>;

/**
 * In the CALLER's transaction: the booking's session (created `scheduled` if it has none). Undefined for a
 * test-centre booking, which has no session. Safe under concurrency (ON CONFLICT on the booking).
 */
export async function createSessionForBooking(
  trx: Executor,
  ctx: ServiceContext,
  _scope: Pick<PartnerScope, 'accountId' | 'environment'>,
  booking: SessionBooking,
): Promise<ProctoringSessionTable | undefined> {
  if (booking.delivery_mode !== 'ATLAS_REMOTE_PROCTORED') return undefined;
  const existing = await findSessionByBookingId(trx, booking.id);
  if (existing) return existing;
  const now = ctx.clock.now().toISOString();
  await insertSessionIfAbsent(trx, {
    id: ctx.ids.id('proctoringSession'),
    account_id: booking.account_id,
    environment: booking.environment,
    booking_id: booking.id,
    booking_code: booking.booking_code,
    eligibility_id: booking.eligibility_id,
    candidate_ref: booking.candidate_ref,
    test_code: booking.test_code,
    test_version: booking.test_version,
    scheduled_start: booking.starts_at,
    scheduled_end: booking.ends_at,
    state: 'scheduled',
    previous_state: null,
    state_reason: 'booking confirmed',
    system_check: 'pending',
    id_verified: 0,
    extra_time_minutes: 0,
    incident_count: 0,
    max_severity: null,
    ended_as: null,
    review_decision: null,
    review_notes: null,
    reviewed_by: null,
    launched_at: null,
    started_at: null,
    ended_at: null,
    reviewed_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  return findSessionByBookingId(trx, booking.id);
}

/** `none` for a booking without a session (test centre); otherwise pending until the review decision. */
export async function reviewStatusForBooking(db: Executor, bookingId: string): Promise<'none' | 'pending' | 'verified' | 'rejected'> {
  const session = await findSessionByBookingId(db, bookingId);
  return session ? reviewStatusOf(session.state) : 'none';
}
