/**
 * How proctoring and results move a booking (domain.md: "the session drives the booking"; "a result for a booking
 * completes the booking"). Every step is idempotent: a booking already at or past the step is left alone, so a
 * session end and a result arriving later do not complete a booking twice.
 *
 * TODO(issue 4): delegate to the booking service's attendance function once it is on main (it also writes the
 * booking notification and consumes the eligibility's attempt). Until then this applies the guarded state change
 * and the booking's history row only.
 */
import type { Executor } from '../../db/executor.ts';
import type { BookingState } from '../../db/tables/booking.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';

export type BookingStep = 'checked_in' | 'in_progress' | 'completed';

const FROM: Record<BookingStep, BookingState[]> = {
  checked_in: ['confirmed'],
  in_progress: ['confirmed', 'checked_in'],
  completed: ['confirmed', 'checked_in', 'in_progress'],
};

export async function advanceBooking(trx: Executor, ctx: ServiceContext, scope: PartnerScope, bookingId: string, step: BookingStep): Promise<boolean> {
  const now = ctx.clock.now().toISOString();
  const changed = await trx
    .updateTable('booking')
    .set((eb) => ({
      previous_state: eb.ref('state'),
      state: step,
      state_reason: `proctoring/results: ${step}`,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', bookingId)
    .where('account_id', '=', scope.accountId)
    .where('state', 'in', FROM[step])
    .returning(['version', 'previous_state', 'state', 'starts_at', 'previous_starts_at'])
    .executeTakeFirst();
  if (!changed) return false;
  await trx
    .insertInto('booking_transition')
    .values({
      booking_id: bookingId,
      version: changed.version,
      previous_state: changed.previous_state,
      state: changed.state,
      reason: step === 'completed' ? 'EXAM_COMPLETED' : step.toUpperCase(),
      actor: scope.actor,
      starts_at: changed.starts_at,
      previous_starts_at: changed.previous_starts_at,
      details: '{}',
      at: now,
    })
    .execute();
  return true;
}
