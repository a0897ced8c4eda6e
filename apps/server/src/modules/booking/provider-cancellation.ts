/**
 * Provider cancellations (issue 4): a centre closure, a status change to closed, or a seat reduction cancels the
 * confirmed bookings it hits as `cancelled` by the provider — full refund, voucher restored, eligibility open again,
 * Booking Notification per booking — and queues a Test Center Notification for every psiTestCenter account in both
 * environments with that partner's affected bookings. Runs inside the coordinator's transaction.
 */
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { recordEvent } from '../notifications/outbox.ts';
import type { BookingRow } from './booking.repository.ts';
import { findActiveHoldsInPool, findLiveBookingsInPool } from './booking.repository.ts';
import { cancelInTransaction } from './booking-changes.service.ts';
import { accountsWithRole } from './booking-queries.repository.ts';
import { releaseHold } from './holds.service.ts';
import { overbookedCells, setPoolCapacity } from './seat.repository.ts';

export interface AffectedBooking {
  booking_code: string;
  starts_at: string;
}

interface Cancelled extends AffectedBooking {
  accountId: string;
  environment: Environment;
}

const PROVIDER = 'system:test-center';

async function cancelAsProvider(trx: Executor, ctx: ServiceContext, booking: BookingRow, reason: string): Promise<Cancelled> {
  const scope = { accountId: booking.account_id, environment: booking.environment, actor: PROVIDER };
  const refund = Number(booking.amount_due) > 0 && booking.payment_method !== 'voucher' ? Number(booking.amount_due) : 0;
  await cancelInTransaction(trx, ctx, scope, booking, { by: 'provider', reason, fee: 0, refund, restoreVoucher: true });
  return { booking_code: booking.booking_code, starts_at: booking.starts_at, accountId: booking.account_id, environment: booking.environment };
}

/** Cancels every live booking and releases every hold of the centre overlapping [from, to). */
export async function cancelForClosure(trx: Executor, ctx: ServiceContext, centerId: string, from: string, to: string, reason: string): Promise<Cancelled[]> {
  const now = ctx.clock.now().toISOString();
  for (const hold of await findActiveHoldsInPool(trx, centerId, from, to)) await releaseHold(trx, hold, 'released', now);
  const cancelled: Cancelled[] = [];
  for (const booking of await findLiveBookingsInPool(trx, centerId, from, to)) cancelled.push(await cancelAsProvider(trx, ctx, booking, reason));
  return cancelled;
}

/**
 * A seat count going down: in every future cell with more seats taken than the new count, the latest-made bookings
 * (then holds) are cancelled until it fits; then the cells' capacity is lowered (the CHECK would refuse it earlier).
 */
export async function cancelBeyondSeats(trx: Executor, ctx: ServiceContext, centerId: string, seats: number, reason: string): Promise<Cancelled[]> {
  const now = ctx.clock.now().toISOString();
  const cancelled: Cancelled[] = [];
  // One cell at a time, re-read after each round: a cancelled booking frees every cell it covered.
  for (;;) {
    const cell = (await overbookedCells(trx, centerId, now, seats))[0];
    if (!cell) break;
    const cellEnd = new Date(Date.parse(cell.cell_start) + 30 * 60_000).toISOString();
    const holds = (await findActiveHoldsInPool(trx, centerId, cell.cell_start, cellEnd)).filter((h) => h.environment === cell.environment);
    const hold = holds[0];
    if (hold) {
      await releaseHold(trx, hold, 'released', now);
      continue;
    }
    const booking = (await findLiveBookingsInPool(trx, centerId, cell.cell_start, cellEnd)).find((b) => b.environment === cell.environment);
    // Nothing left to cancel: the capacity update below then fails on the CHECK rather than oversell.
    if (!booking) break;
    cancelled.push(await cancelAsProvider(trx, ctx, booking, reason));
  }
  await setPoolCapacity(trx, centerId, now, seats);
  return cancelled;
}

/** The seat count of a centre's future cells follows the centre (raises included). */
export async function followSeatCount(trx: Executor, ctx: ServiceContext, centerId: string, seats: number): Promise<void> {
  await setPoolCapacity(trx, centerId, ctx.clock.now().toISOString(), seats);
}

/** One Test Center Notification per psiTestCenter account and environment, with that partner's affected bookings. */
export async function notifyCenterChange(
  trx: Executor,
  ctx: ServiceContext,
  change: { type: string; entityType: string; entityId: string; version: number; payload: Record<string, unknown>; affected: Cancelled[] },
): Promise<void> {
  for (const accountId of await accountsWithRole(trx, 'psiTestCenter')) {
    for (const environment of ['production', 'sandbox'] as const) {
      const mine = change.affected
        .filter((a) => a.accountId === accountId && a.environment === environment)
        .map(({ booking_code, starts_at }) => ({ booking_code, starts_at }));
      await recordEvent(trx, ctx, {
        accountId,
        environment,
        service: 'test-center-notification',
        type: change.type,
        entityType: change.entityType,
        entityId: change.entityId,
        entityVersion: change.version,
        payload: { ...change.payload, affected_bookings: mine },
      });
    }
  }
}

export function publicAffected(list: Cancelled[]): AffectedBooking[] {
  return list.map(({ booking_code, starts_at }) => ({ booking_code, starts_at }));
}
