/** Refund rows and the guarded arithmetic on payment.refunded_amount. Kysely only. */
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { RefundTable } from '../../db/tables/payment.ts';
import type { Scope } from './payment.repository.ts';

/**
 * Takes `amount` out of what is left to refund, in one guarded UPDATE: under any concurrency two refunds can never
 * together exceed the payment (the CHECK refunded_amount <= amount backs this up). False when it would.
 */
export async function reserveRefundAmount(db: Executor, paymentId: string, amount: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('payment')
    .set({ refunded_amount: sql`refunded_amount + ${amount}`, updated_at: now })
    .where('id', '=', paymentId)
    .where('state', '=', 'succeeded')
    .where(sql<boolean>`refunded_amount + ${amount} <= amount`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a failed refund's amount back to what is refundable. */
export async function releaseRefundAmount(db: Executor, paymentId: string, amount: number, now: string): Promise<void> {
  await db
    .updateTable('payment')
    .set({ refunded_amount: sql`refunded_amount - ${amount}`, updated_at: now })
    .where('id', '=', paymentId)
    .execute();
}

export async function insertRefund(db: Executor, row: RefundTable): Promise<void> {
  await db.insertInto('refund').values(row).execute();
}

export async function findRefund(db: Executor, refundId: string): Promise<RefundTable | undefined> {
  return db.selectFrom('refund').selectAll().where('id', '=', refundId).executeTakeFirst();
}

export async function listRefunds(db: Executor, scope: Scope, paymentId: string): Promise<RefundTable[]> {
  return db
    .selectFrom('refund')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .orderBy('id')
    .execute();
}

/** Counts one more processor attempt on a pending refund (so a refund that keeps failing to reach the processor is visible). */
export async function countRefundAttempt(db: Executor, refundId: string, now: string): Promise<void> {
  await db.updateTable('refund').set({ attempts: sql`attempts + 1`, updated_at: now }).where('id', '=', refundId).execute();
}

/** Moves a pending refund to its outcome; false when another settler got there first. */
export async function settleRefund(
  db: Executor,
  refundId: string,
  outcome: Pick<RefundTable, 'state' | 'processor_reference' | 'failure_message' | 'settled_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('refund')
    .set({ ...outcome, updated_at: outcome.settled_at ?? undefined })
    .where('id', '=', refundId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function pendingRefunds(db: Executor, limit: number): Promise<RefundTable[]> {
  return db.selectFrom('refund').selectAll().where('state', '=', 'pending').orderBy('created_at').limit(limit).execute();
}

/** Succeeded refunds of invoice payments settled in [from, to): the statement's credits. */
export async function invoiceCredits(db: Executor, scope: Scope, from: string, to: string) {
  return db
    .selectFrom('refund')
    .innerJoin('payment', 'payment.id', 'refund.payment_id')
    .selectAll('refund')
    .select(['payment.description as payment_description'])
    .where('refund.account_id', '=', scope.accountId)
    .where('refund.environment', '=', scope.environment)
    .where('payment.method', '=', 'invoice')
    .where('refund.state', '=', 'succeeded')
    .where('refund.settled_at', '>=', from)
    .where('refund.settled_at', '<', to)
    .orderBy('refund.settled_at')
    .orderBy('refund.id')
    .execute();
}
