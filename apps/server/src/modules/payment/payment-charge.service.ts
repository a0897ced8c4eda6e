/**
 * Making a payment: check what it pays, record it pending (claiming the Idempotency-Key), call the processor
 * OUTSIDE any transaction, then record the outcome and the answer. Invoice payments need no processor: they are
 * recorded succeeded in one transaction. Used by POST /payments and by the booking links.
 */

import type { Executor } from '../../db/executor.ts';
import { isUniqueViolation } from '../../db/executor.ts';
import type { FeeKind, PaymentPurpose, PaymentTable } from '../../db/tables/payment.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { IdempotentResult } from '../../platform/idempotency/idempotency.ts';
import { recordAudit } from '../identity/audit.ts';
import { PaymentErrors } from './payment.errors.ts';
import { type CardInput, cardProblems, summarizeCard } from './payment.policy.ts';
import { bookingCodes, insertPayment, settlePayment } from './payment.repository.ts';
import { type PaymentView, paymentView } from './payment.views.ts';
import { beginIdempotent, paymentRefusal, storeAnswer } from './payment-idempotency.ts';
import { type ChargeOutcome, paymentProcessor } from './payment-processor.ts';

export type CardDetailsInput = CardInput & { holder_name?: string | undefined };
export type MethodInput = { method: 'card'; card: CardDetailsInput } | { method: 'invoice' };

/** What a payment pays, resolved (and checked) inside the first transaction. */
export interface PaymentTarget {
  purpose: PaymentPurpose;
  holdId: string | null;
  bookingId: string | null;
  feeKind: FeeKind | null;
  amount: number;
  currency: string;
  description: string;
}

export interface ChargeRequest {
  /** operationId-like name of the key's namespace (`createPayment`, `payForHold:hld_…`). */
  operation: string;
  key: string | undefined;
  /** The request as the key compares it (the card already reduced to its summary). */
  request: unknown;
  method: MethodInput;
  /** Where card problems point (`/body/card`, `/body/payment/card`). */
  cardPointer: string;
  resolve: (trx: Executor) => Promise<PaymentTarget>;
}

/** The request as an Idempotency-Key compares it: never the card number or CVC (not even hashed). */
export function requestIdentity(method: MethodInput): unknown {
  if (method.method === 'invoice') return { method: 'invoice' };
  return { method: 'card', card: { ...summarizeCard(method.card), holder_name: method.card.holder_name } };
}

const FAILURES: Record<Exclude<ChargeOutcome['status'], 'succeeded'>, string> = {
  declined: PaymentErrors.PAYMENT_DECLINED,
  insufficient_funds: PaymentErrors.PAYMENT_INSUFFICIENT_FUNDS,
  processor_error: PaymentErrors.PAYMENT_PROCESSOR_ERROR,
};

async function viewOf(db: Executor, payment: PaymentTable): Promise<PaymentView> {
  const codes = await bookingCodes(db, payment.booking_id ? [payment.booking_id] : []);
  return paymentView(payment, payment.booking_id ? (codes.get(payment.booking_id) ?? null) : null);
}

export async function makePayment(ctx: ServiceContext, scope: PartnerScope, request: ChargeRequest): Promise<IdempotentResult<PaymentView>> {
  const { method } = request;
  if (method.method === 'card') {
    const issues = cardProblems(method.card, ctx.clock.now(), request.cardPointer);
    if (issues.length > 0)
      throw new AppError(PaymentErrors.PAYMENT_CARD_INVALID, issues.map((i) => `${i.pointer} ${i.message}`).join('; '), { errors: issues });
  }
  const idempotency = { accountId: scope.accountId, environment: scope.environment, operation: request.operation, key: request.key, request: request.request };
  const processor = paymentProcessor(scope.environment);
  const begun = await beginIdempotent<{ payment: PaymentTable; answer?: { status: number; body: PaymentView } }, PaymentView>(ctx, idempotency, async (trx) => {
    const target = await request.resolve(trx);
    const now = ctx.clock.now().toISOString();
    const card = method.method === 'card' ? summarizeCard(method.card) : null;
    const payment: PaymentTable = {
      id: ctx.ids.id('payment'),
      account_id: scope.accountId,
      environment: scope.environment,
      purpose: target.purpose,
      hold_id: target.holdId,
      booking_id: target.bookingId,
      fee_kind: target.feeKind,
      method: method.method,
      // Invoice payments are settled at once: the charge goes on the account's monthly statement.
      state: method.method === 'invoice' ? 'succeeded' : 'pending',
      amount: target.amount,
      currency: target.currency,
      refunded_amount: 0,
      description: target.description,
      card_brand: card?.brand ?? null,
      card_last4: card?.last4 ?? null,
      card_exp_month: card?.exp_month ?? null,
      card_exp_year: card?.exp_year ?? null,
      card_holder_name: method.method === 'card' ? (method.card.holder_name ?? null) : null,
      processor: method.method === 'card' ? processor.name : null,
      processor_reference: null,
      failure_code: null,
      failure_message: null,
      idempotency_key: request.key ?? null,
      created_at: now,
      updated_at: now,
      settled_at: method.method === 'invoice' ? now : null,
    };
    try {
      await insertPayment(trx, payment);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(PaymentErrors.PAYMENT_HOLD_ALREADY_PAID, `hold ${target.holdId} already has a pending or succeeded payment`);
      throw error;
    }
    await audit(trx, ctx, scope, payment, 'payment.created');
    if (method.method === 'card') return { payment };
    const answer = { status: 201, body: await viewOf(trx, payment) };
    await storeAnswer(trx, idempotency, answer);
    return { payment, answer };
  });
  if (begun.kind === 'replay') return begun.result;
  const { payment, answer } = begun.prepared;
  if (answer) return { ...answer, replayed: false };
  if (method.method !== 'card') throw new Error('unreachable: invoice payments answer in their first transaction');

  let outcome: ChargeOutcome;
  try {
    outcome = await processor.charge({
      reference: payment.id,
      amount: { amount: payment.amount, currency: payment.currency },
      card: method.card,
      description: payment.description,
    });
  } catch (error) {
    // Outcome unknown: the payment stays pending until reconcilePendingPayments asks the processor (lookup).
    const refusal = new AppError(PaymentErrors.PAYMENT_PROCESSOR_ERROR, `payment ${payment.id}: the processor did not answer`, { cause: error });
    await ctx.db.transaction().execute((trx) => storeAnswer(trx, idempotency, refusal));
    throw refusal;
  }
  // The failure is committed with its stored answer before it is thrown: a declined payment stays recorded as failed.
  const settledAnswer = await ctx.db.transaction().execute(async (trx) => {
    const settled = await recordOutcome(trx, ctx, scope, payment, outcome);
    if (settled.state === 'failed') {
      const refusal = paymentRefusal(settled.failure_code ?? PaymentErrors.PAYMENT_PROCESSOR_ERROR, `payment ${payment.id}: ${settled.failure_message}`);
      await storeAnswer(trx, idempotency, refusal);
      return refusal;
    }
    const result = { status: 201, body: await viewOf(trx, settled) };
    await storeAnswer(trx, idempotency, result);
    return result;
  });
  if (settledAnswer instanceof AppError) throw settledAnswer;
  return { ...settledAnswer, replayed: false };
}

/** Writes a processor outcome on a pending payment (guarded: only a pending payment moves). */
export async function recordOutcome(trx: Executor, ctx: ServiceContext, scope: Pick<PartnerScope, 'actor'>, payment: PaymentTable, outcome: ChargeOutcome) {
  const now = ctx.clock.now().toISOString();
  const settled: PaymentTable =
    outcome.status === 'succeeded'
      ? { ...payment, state: 'succeeded', processor_reference: outcome.processorReference, settled_at: now, updated_at: now }
      : { ...payment, state: 'failed', failure_code: FAILURES[outcome.status], failure_message: outcome.message, settled_at: now, updated_at: now };
  const { state, processor_reference, failure_code, failure_message, settled_at } = settled;
  if (await settlePayment(trx, payment.id, { state, processor_reference, failure_code, failure_message, settled_at })) {
    await audit(trx, ctx, scope, settled, `payment.${settled.state}`);
  }
  return settled;
}

function audit(trx: Executor, ctx: ServiceContext, scope: Pick<PartnerScope, 'actor'>, p: PaymentTable, action: string) {
  return recordAudit(trx, ctx, {
    actor: scope.actor,
    accountId: p.account_id,
    action,
    targetType: 'payment',
    targetId: p.id,
    details: { environment: p.environment, method: p.method, amount: p.amount, currency: p.currency, card_last4: p.card_last4, failure_code: p.failure_code },
  });
}
