/**
 * Taking and giving back seats, inside the caller's transaction. A hold or booking takes every 30-minute cell its
 * appointment touches with one guarded UPDATE; fewer rows than cells means a cell was full, and the caller's
 * transaction is rolled back by the thrown BOOKING_SLOT_FULL (docs/adr/0005-seat-inventory.md).
 */
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { BookingErrors } from './booking.errors.ts';
import { cellsCovering } from './booking.policy.ts';
import { ensureCells, releaseCells, takeCells } from './seat.repository.ts';

export interface SeatClaim {
  environment: Environment;
  pool: string;
  startsAt: string;
  endsAt: string;
}

function cellsOf(claim: SeatClaim): string[] {
  return cellsCovering(Date.parse(claim.startsAt), Date.parse(claim.endsAt)).map((ms) => new Date(ms).toISOString());
}

/** Takes a seat for the whole appointment or throws BOOKING_SLOT_FULL. `capacity` sizes cells created now. */
export async function takeSeat(trx: Executor, claim: SeatClaim, capacity: number): Promise<void> {
  const cells = cellsOf(claim);
  const scope = { environment: claim.environment, pool: claim.pool };
  await ensureCells(trx, scope, cells, capacity);
  const taken = await takeCells(trx, scope, cells);
  if (taken !== cells.length) throw new AppError(BookingErrors.BOOKING_SLOT_FULL, `no seat left at ${claim.startsAt}: every seat is held or booked`);
}

/** Gives the appointment's seat back. */
export async function releaseSeat(trx: Executor, claim: SeatClaim): Promise<void> {
  await releaseCells(trx, { environment: claim.environment, pool: claim.pool }, cellsOf(claim));
}

export function claimOf(row: { environment: Environment; pool: string; starts_at: string; ends_at: string }): SeatClaim {
  return { environment: row.environment, pool: row.pool, startsAt: row.starts_at, endsAt: row.ends_at };
}
