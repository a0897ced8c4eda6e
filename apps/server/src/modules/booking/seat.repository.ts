/**
 * The seat inventory (`seat_cell`): Kysely only. Taking seats is ONE guarded UPDATE whose affected-row count the
 * caller compares with the number of cells; the CHECK (taken between 0 and capacity) backs it up in the database.
 */
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';

export interface PoolScope {
  environment: Environment;
  pool: string;
}

/** Creates missing cells with `capacity` (race-free: concurrent creators both succeed, one row results). */
export async function ensureCells(db: Executor, scope: PoolScope, cellStarts: string[], capacity: number): Promise<void> {
  if (cellStarts.length === 0) return;
  await db
    .insertInto('seat_cell')
    .values(cellStarts.map((cell_start) => ({ environment: scope.environment, pool: scope.pool, cell_start, capacity, taken: 0 })))
    .onConflict((oc) => oc.columns(['environment', 'pool', 'cell_start']).doNothing())
    .execute();
}

/** Takes one seat in every cell, only where one is free; returns how many cells were taken. */
export async function takeCells(db: Executor, scope: PoolScope, cellStarts: string[]): Promise<number> {
  const result = await db
    .updateTable('seat_cell')
    .set((eb) => ({ taken: eb('taken', '+', 1) }))
    .where('environment', '=', scope.environment)
    .where('pool', '=', scope.pool)
    .where('cell_start', 'in', cellStarts)
    .where((eb) => eb('taken', '<', eb.ref('capacity')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Gives one seat back in every cell. */
export async function releaseCells(db: Executor, scope: PoolScope, cellStarts: string[]): Promise<number> {
  const result = await db
    .updateTable('seat_cell')
    .set((eb) => ({ taken: eb('taken', '-', 1) }))
    .where('environment', '=', scope.environment)
    .where('pool', '=', scope.pool)
    .where('cell_start', 'in', cellStarts)
    .where('taken', '>', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Every existing cell of the pools in [from, to): one query for a whole slot search. */
export async function cellsInRange(db: Executor, environment: Environment, pools: string[], from: string, to: string) {
  if (pools.length === 0) return [];
  return db
    .selectFrom('seat_cell')
    .select(['pool', 'cell_start', 'capacity', 'taken'])
    .where('environment', '=', environment)
    .where('pool', 'in', pools)
    .where('cell_start', '>=', from)
    .where('cell_start', '<', to)
    .execute();
}

/** Cells of a pool from `from` on whose bookings exceed `capacity` (a seat reduction must cancel some first). */
export async function overbookedCells(db: Executor, pool: string, from: string, capacity: number) {
  return db
    .selectFrom('seat_cell')
    .selectAll()
    .where('pool', '=', pool)
    .where('cell_start', '>=', from)
    .where('taken', '>', capacity)
    .orderBy('cell_start')
    .execute();
}

/** Sets the capacity of a pool's cells from `from` on (both environments); the CHECK refuses it below `taken`. */
export async function setPoolCapacity(db: Executor, pool: string, from: string, capacity: number): Promise<void> {
  await db.updateTable('seat_cell').set({ capacity }).where('pool', '=', pool).where('cell_start', '>=', from).execute();
}
