/** Outbound booking events (booking-payment-contract.md): the payload shape and the one writer every change uses. */
import type { Executor } from '../../db/executor.ts';
import type { BookingState, CancelledBy } from '../../db/tables/booking.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { recordEvent } from '../notifications/outbox.ts';
import { type BookingChange, EVENT_OF } from './booking.policy.ts';
import { type BookingFacts, type BookingRow, insertBookingTransition, loadBookingFacts } from './booking.repository.ts';

export interface Money {
  amount: number;
  currency: string;
}

export interface CancellationFacts {
  by: CancelledBy;
  reason: string;
  fee: Money;
  refund: Money;
}

export interface BookingEventPayload {
  booking_code: string;
  status: BookingState;
  previous_status: BookingState | 'held' | null;
  version: number;
  change_reason: string | null;
  effective_at: string;
  starts_at: string;
  ends_at: string;
  previous_starts_at: string | null;
  delivery_mode: string;
  test: { test_code: string; test_version: number; title: string; portions: { portion_code: string; portion_name: string }[] };
  candidate: { candidate_id: string; first_name: string; last_name: string; middle_name: string | null };
  eligibility_code: string;
  client_eligibility_id: string | null;
  location: { location_code: string; name: string; address: string; timezone: string } | null;
  cancellation: CancellationFacts | null;
}

/** A centre's address on one line, as PSI's `location_address` carries it. */
export function oneLineAddress(center: NonNullable<BookingFacts['center']>): string {
  return [center.address_line1, center.address_line2, center.city, [center.region, center.postal_code].filter(Boolean).join(' '), center.country]
    .filter((part) => part && String(part).trim().length > 0)
    .join(', ');
}

export function portionsOf(json: string): { portion_code: string; portion_name: string }[] {
  return (JSON.parse(json) as { portion_code: string; portion_name: string }[]).map((p) => ({ portion_code: p.portion_code, portion_name: p.portion_name }));
}

export function eventPayload(
  booking: BookingRow,
  facts: BookingFacts,
  change: { previousStatus: BookingState | 'held' | null; changeReason: string | null; effectiveAt: string; cancellation: CancellationFacts | null },
): BookingEventPayload {
  return {
    booking_code: booking.booking_code,
    status: booking.state,
    previous_status: change.previousStatus,
    version: Number(booking.version),
    change_reason: change.changeReason,
    effective_at: change.effectiveAt,
    starts_at: booking.starts_at,
    ends_at: booking.ends_at,
    previous_starts_at: booking.previous_starts_at,
    delivery_mode: booking.delivery_mode,
    test: {
      test_code: booking.test_code,
      test_version: Number(booking.test_version),
      title: facts.version.title,
      portions: portionsOf(facts.version.portions),
    },
    candidate: {
      candidate_id: facts.candidate.candidate_id,
      first_name: facts.candidate.first_name,
      last_name: facts.candidate.last_name,
      middle_name: facts.candidate.middle_name,
    },
    eligibility_code: facts.eligibility.code,
    client_eligibility_id: facts.eligibility.client_eligibility_id,
    location: facts.center
      ? { location_code: facts.center.location_code, name: facts.center.name, address: oneLineAddress(facts.center), timezone: facts.center.timezone }
      : null,
    cancellation: change.cancellation,
  };
}

/**
 * Writes the transition row and the outbound event of a booking change, in the caller's transaction (so the event
 * exists if and only if the change commits).
 */
export async function recordBookingChange(
  trx: Executor,
  ctx: ServiceContext,
  booking: BookingRow,
  change: {
    kind: BookingChange | 'create';
    previousStatus: BookingState | 'held';
    actor: string;
    reason: string;
    cancellation?: CancellationFacts | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await insertBookingTransition(trx, {
    booking_id: booking.id,
    version: Number(booking.version),
    previous_state: change.previousStatus,
    state: booking.state,
    reason: change.reason,
    actor: change.actor,
    starts_at: booking.starts_at,
    previous_starts_at: booking.previous_starts_at,
    details: JSON.stringify(change.details ?? {}),
    at,
  });
  const facts = await loadBookingFacts(trx, booking);
  const event = EVENT_OF[change.kind];
  await recordEvent(trx, ctx, {
    accountId: booking.account_id,
    environment: booking.environment,
    service: 'booking-notification',
    type: event.type,
    entityType: 'booking',
    entityId: booking.booking_code,
    entityVersion: Number(booking.version),
    previousState: change.previousStatus,
    occurredAt: at,
    payload: eventPayload(booking, facts, {
      previousStatus: change.previousStatus,
      changeReason: event.changeReason,
      effectiveAt: at,
      cancellation: change.cancellation ?? null,
    }),
  });
}
