/**
 * Refunds. Recording a refund takes its amount out of what is refundable in one guarded UPDATE (the DB CHECK
 * refunded_amount <= amount backs it); the processor is called afterwards, outside any transaction. A refund the
 * processor refuses ends `failed` and its amount becomes refundable again. Invoice refunds need no processor: they
 * are credits on the statement, settled at once.
 */
import type { Executor } from '../../db/executor.ts';
import type { PaymentTable, RefundTable } from '../../db/tables/payment.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { IdempotentResult } from '../../platform/idempotency/idempotency.ts';
import { recordAudit } from '../identity/audit.ts';
import { PaymentErrors } from './payment.errors.ts';
import { refundAmount } from './payment.policy.ts';
import { findPayment } from './payment.repository.ts';
import { type RefundView, refundView } from './payment.views.ts';
import { beginIdempotent, storeAnswer } from './payment-idempotency.ts';
import { paymentProcessor, type RefundOutcome } from './payment-processor.ts';
import { countRefundAttempt, findRefund, insertRefund, listRefunds, releaseRefundAmount, reserveRefundAmount, settleRefund } from './refund.repository.ts';

type Scope = Pick<PartnerScope, 'accountId' | 'environment'>;

export interface CreateRefundInput {
  amount?: { amount: number; currency: string };
  reason: string;
}

function exceeds(payment: PaymentTable, refundable: number): AppError {
  return new AppError(
    PaymentErrors.PAYMENT_REFUND_EXCEEDS_PAID,
    `payment ${payment.id} has ${refundable} ${payment.currency} left to refund (paid ${payment.amount}, refunded or pending ${payment.amount - refundable})`,
  );
}

/**
 * Records a refund of `amount` on a succeeded payment inside the caller's transaction; invoice refunds are settled
 * at once, card refunds stay pending for the processor. Throws PAYMENT_REFUND_EXCEEDS_PAID when too little is left.
 */
export async function recordRefund(
  trx: Executor,
  ctx: ServiceContext,
  actor: string,
  payment: PaymentTable,
  amount: number,
  reason: string,
): Promise<RefundTable> {
  const now = ctx.clock.now().toISOString();
  if (!(await reserveRefundAmount(trx, payment.id, amount, now))) {
    const current = await trx.selectFrom('payment').select(['amount', 'refunded_amount']).where('id', '=', payment.id).executeTakeFirstOrThrow();
    throw exceeds(payment, current.amount - current.refunded_amount);
  }
  const invoice = payment.method === 'invoice';
  const refund: RefundTable = {
    id: ctx.ids.id('refund'),
    payment_id: payment.id,
    account_id: payment.account_id,
    environment: payment.environment,
    amount,
    currency: payment.currency,
    state: invoice ? 'succeeded' : 'pending',
    reason,
    processor_reference: null,
    failure_message: null,
    attempts: 0,
    created_at: now,
    updated_at: now,
    settled_at: invoice ? now : null,
  };
  await insertRefund(trx, refund);
  await recordAudit(trx, ctx, {
    actor,
    accountId: payment.account_id,
    action: invoice ? 'refund.succeeded' : 'refund.created',
    targetType: 'refund',
    targetId: refund.id,
    details: { environment: payment.environment, payment_id: payment.id, amount, currency: payment.currency, reason },
  });
  return refund;
}

/** POST /payments/{id}/refunds: full (no amount) or partial; idempotent; answers the refund after the processor's outcome. */
export async function createRefund(
  ctx: ServiceContext,
  scope: PartnerScope,
  paymentId: string,
  input: CreateRefundInput,
  key: string | undefined,
): Promise<IdempotentResult<RefundView>> {
  const idempotency = { accountId: scope.accountId, environment: scope.environment, operation: 'createRefund', key, request: { paymentId, ...input } };
  const begun = await beginIdempotent<{ refund: RefundTable; answer?: { status: number; body: RefundView } }, RefundView>(ctx, idempotency, async (trx) => {
    const payment = await findPayment(trx, scope, paymentId);
    if (!payment) throw new AppError(PaymentErrors.PAYMENT_NOT_FOUND, `no payment ${paymentId}`);
    if (payment.state !== 'succeeded') throw new AppError(PaymentErrors.PAYMENT_NOT_SUCCEEDED, `payment ${paymentId} is ${payment.state}`);
    if (input.amount && input.amount.currency !== payment.currency) {
      throw new AppError(PaymentErrors.PAYMENT_AMOUNT_MISMATCH, `payment ${paymentId} was made in ${payment.currency}`);
    }
    const decision = refundAmount(payment, input.amount?.amount);
    if ('refused' in decision) throw exceeds(payment, decision.refundable);
    const refund = await recordRefund(trx, ctx, scope.actor, payment, decision.amount, input.reason);
    if (refund.state === 'pending') return { refund };
    const answer = { status: 201, body: refundView(refund) };
    await storeAnswer(trx, idempotency, answer);
    return { refund, answer };
  });
  if (begun.kind === 'replay') return begun.result;
  if (begun.prepared.answer) return { ...begun.prepared.answer, replayed: false };
  const settled = (await settleRefundNow(ctx, begun.prepared.refund.id)) ?? begun.prepared.refund;
  const answer = { status: 201, body: refundView(settled) };
  await ctx.db.transaction().execute((trx) => storeAnswer(trx, idempotency, answer));
  return { ...answer, replayed: false };
}

/**
 * Calls the processor for one pending refund (outside any transaction) and records its outcome. Answers the
 * refund as settled, or undefined when it stays pending (the processor did not answer; the worker retries).
 */
export async function settleRefundNow(ctx: ServiceContext, refundId: string): Promise<RefundTable | undefined> {
  const refund = await findRefund(ctx.db, refundId);
  if (refund?.state !== 'pending') return refund;
  const payment = await findPayment(ctx.db, { accountId: refund.account_id, environment: refund.environment }, refund.payment_id);
  if (!payment?.processor_reference) return undefined;
  await countRefundAttempt(ctx.db, refund.id, ctx.clock.now().toISOString());
  let outcome: RefundOutcome;
  try {
    outcome = await paymentProcessor(refund.environment).refund({
      reference: refund.id,
      chargeReference: payment.processor_reference,
      amount: { amount: refund.amount, currency: refund.currency },
    });
  } catch {
    return undefined;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    const settled: RefundTable =
      outcome.status === 'succeeded'
        ? { ...refund, state: 'succeeded', processor_reference: outcome.processorReference, settled_at: now, updated_at: now }
        : { ...refund, state: 'failed', failure_message: outcome.message, settled_at: now, updated_at: now };
    const { state, processor_reference, failure_message, settled_at } = settled;
    if (!(await settleRefund(trx, refund.id, { state, processor_reference, failure_message, settled_at }))) return findRefund(trx, refund.id);
    // A refused refund gives its amount back: it can be refunded again (by another means, or later).
    if (settled.state === 'failed') await releaseRefundAmount(trx, refund.payment_id, refund.amount, now);
    await recordAudit(trx, ctx, {
      actor: 'system',
      accountId: refund.account_id,
      action: `refund.${settled.state}`,
      targetType: 'refund',
      targetId: refund.id,
      details: { environment: refund.environment, payment_id: refund.payment_id, amount: refund.amount, failure_message: settled.failure_message },
    });
    return settled;
  });
}

export async function listPaymentRefunds(ctx: ServiceContext, scope: Scope, paymentId: string): Promise<{ data: RefundView[] }> {
  const payment = await findPayment(ctx.db, scope, paymentId);
  if (!payment) throw new AppError(PaymentErrors.PAYMENT_NOT_FOUND, `no payment ${paymentId}`);
  return { data: (await listRefunds(ctx.db, scope, paymentId)).map(refundView) };
}
