/** Payment rows: Kysely only, every method takes an executor (the database or the caller's transaction). */
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { PaymentState, PaymentTable } from '../../db/tables/payment.ts';

export interface Scope {
  accountId: string;
  environment: Environment;
}

export async function insertPayment(db: Executor, row: PaymentTable): Promise<void> {
  await db.insertInto('payment').values(row).execute();
}

export async function findPayment(db: Executor, scope: Scope, paymentId: string): Promise<PaymentTable | undefined> {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
}

/** Moves a pending payment to its outcome; false when it was no longer pending (settled by another path). */
export async function settlePayment(
  db: Executor,
  paymentId: string,
  outcome: Pick<PaymentTable, 'state' | 'processor_reference' | 'failure_code' | 'failure_message' | 'settled_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('payment')
    .set({ ...outcome, updated_at: outcome.settled_at ?? undefined })
    .where('id', '=', paymentId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface PaymentFilter {
  holdId?: string | undefined;
  bookingId?: string | undefined;
  state?: PaymentState | undefined;
  /** Paging: ids below this one (newest first). */
  before?: string | undefined;
  limit: number;
}

export async function listPayments(db: Executor, scope: Scope, filter: PaymentFilter): Promise<PaymentTable[]> {
  let query = db.selectFrom('payment').selectAll().where('account_id', '=', scope.accountId).where('environment', '=', scope.environment);
  if (filter.holdId !== undefined) query = query.where('hold_id', '=', filter.holdId);
  if (filter.bookingId !== undefined) query = query.where('booking_id', '=', filter.bookingId);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function findHold(db: Executor, scope: Scope, holdId: string) {
  return db
    .selectFrom('hold')
    .select(['id', 'state', 'expires_at', 'price_amount', 'price_currency', 'test_code'])
    .where('id', '=', holdId)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
}

export async function findBookingByCode(db: Executor, scope: Scope, bookingCode: string) {
  return db
    .selectFrom('booking')
    .select(['id', 'booking_code', 'price_currency', 'test_code'])
    .where('booking_code', '=', bookingCode)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
}

export async function findBookingById(db: Executor, scope: Scope, bookingId: string) {
  return db
    .selectFrom('booking')
    .select(['id', 'booking_code', 'price_currency', 'test_code'])
    .where('id', '=', bookingId)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
}

/** booking_code of each booking id, for views (partners never see the internal booking id). */
export async function bookingCodes(db: Executor, bookingIds: string[]): Promise<Map<string, string>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await db.selectFrom('booking').select(['id', 'booking_code']).where('id', 'in', bookingIds).execute();
  return new Map(rows.map((r) => [r.id, r.booking_code]));
}

/** Links a hold's succeeded payment to the booking it confirmed; false when the guard fails. */
export async function attachToBooking(db: Executor, scope: Scope, input: { paymentId: string; holdId: string; bookingId: string; now: string }) {
  const result = await db
    .updateTable('payment')
    .set({ booking_id: input.bookingId, updated_at: input.now })
    .where('id', '=', input.paymentId)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .where('purpose', '=', 'hold')
    .where('hold_id', '=', input.holdId)
    .where('state', '=', 'succeeded')
    .where('booking_id', 'is', null)
    // A refunded payment (e.g. of a failed earlier confirmation) can no longer pay for a booking.
    .where('refunded_amount', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A booking's succeeded price payments (not fees), newest first: what booking refunds draw on. */
export async function bookingPricePayments(db: Executor, scope: Scope, bookingId: string): Promise<PaymentTable[]> {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .where('purpose', 'in', ['hold', 'booking'])
    .where('state', '=', 'succeeded')
    .orderBy('id', 'desc')
    .execute();
}

/** Succeeded payments of a hold that no booking uses (a failed confirmation, an expired hold). */
export async function unattachedHoldPayments(db: Executor, holdId: string): Promise<PaymentTable[]> {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('hold_id', '=', holdId)
    .where('purpose', '=', 'hold')
    .where('state', '=', 'succeeded')
    .where('booking_id', 'is', null)
    .where(sql<boolean>`refunded_amount < amount`)
    .execute();
}

/** Card payments still pending after `before`: their processor call never finished (crash, timeout). */
export async function stalePendingPayments(db: Executor, before: string, limit: number): Promise<PaymentTable[]> {
  return db.selectFrom('payment').selectAll().where('state', '=', 'pending').where('created_at', '<', before).orderBy('created_at').limit(limit).execute();
}

/** A succeeded payment's invoice charges of a month [from, to) for the statement. */
export async function invoiceCharges(db: Executor, scope: Scope, from: string, to: string): Promise<PaymentTable[]> {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .where('method', '=', 'invoice')
    .where('state', '=', 'succeeded')
    .where('settled_at', '>=', from)
    .where('settled_at', '<', to)
    .orderBy('settled_at')
    .orderBy('id')
    .execute();
}

export async function findAccountSummary(db: Executor, accountId: string) {
  return db.selectFrom('account').select(['account_code', 'name']).where('id', '=', accountId).executeTakeFirstOrThrow();
}
