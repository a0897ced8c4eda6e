/** Documents built from payments: a payment's receipt and an account's monthly invoice statement. */
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { PaymentErrors } from './payment.errors.ts';
import { monthBounds, type StatementLine, statementTotals } from './payment.policy.ts';
import { bookingCodes, findAccountSummary, findPayment, invoiceCharges } from './payment.repository.ts';
import { invoiceCredits, listRefunds } from './refund.repository.ts';

type Scope = Pick<PartnerScope, 'accountId' | 'environment'>;

const ISSUER = 'Atlas exam delivery';

/** A receipt for a succeeded payment: who paid what for what, how, and what was refunded since. */
export async function paymentReceipt(ctx: ServiceContext, scope: Scope, paymentId: string) {
  const payment = await findPayment(ctx.db, scope, paymentId);
  if (!payment) throw new AppError(PaymentErrors.PAYMENT_NOT_FOUND, `no payment ${paymentId}`);
  if (payment.state !== 'succeeded') throw new AppError(PaymentErrors.PAYMENT_NOT_SUCCEEDED, `payment ${paymentId} is ${payment.state}: there is no receipt`);
  const [account, refunds, codes] = await Promise.all([
    findAccountSummary(ctx.db, payment.account_id),
    listRefunds(ctx.db, scope, paymentId),
    bookingCodes(ctx.db, payment.booking_id ? [payment.booking_id] : []),
  ]);
  const money = (amount: number) => ({ amount, currency: payment.currency });
  const refunded = refunds.filter((r) => r.state === 'succeeded');
  const refundedTotal = refunded.reduce((sum, r) => sum + r.amount, 0);
  return {
    receipt_number: `R-${payment.id.slice(4).toUpperCase()}`,
    issued_at: ctx.clock.now().toISOString(),
    issuer: ISSUER,
    environment: payment.environment,
    account: { account_code: account.account_code, name: account.name },
    payment_id: payment.id,
    paid_at: payment.settled_at as string,
    method: payment.method,
    card: payment.method === 'card' ? { brand: payment.card_brand ?? 'unknown', last4: payment.card_last4 ?? '', holder_name: payment.card_holder_name } : null,
    booking_code: payment.booking_id ? (codes.get(payment.booking_id) ?? null) : null,
    hold_id: payment.hold_id,
    lines: [
      { kind: 'charge' as const, date: payment.settled_at as string, description: payment.description, amount: money(payment.amount) },
      ...refunded.map((r) => ({ kind: 'refund' as const, date: r.settled_at as string, description: `Refund ${r.id}: ${r.reason}`, amount: money(r.amount) })),
    ],
    totals: { paid: money(payment.amount), refunded: money(refundedTotal), net: money(payment.amount - refundedTotal) },
  };
}

/**
 * The account's invoice statement for a UTC month: every invoice charge and every invoice refund (credit) settled in
 * it, in the token's environment only, with totals per currency.
 */
export async function monthlyStatement(ctx: ServiceContext, scope: Scope, month: string) {
  const bounds = monthBounds(month);
  if (!bounds) {
    throw new AppError(PaymentErrors.PAYMENT_STATEMENT_MONTH_INVALID, `"${month}" is not a month (YYYY-MM)`, {
      errors: [{ pointer: '/params/month', message: 'must be YYYY-MM' }],
    });
  }
  const [account, charges, credits] = await Promise.all([
    findAccountSummary(ctx.db, scope.accountId),
    invoiceCharges(ctx.db, scope, bounds.from, bounds.to),
    invoiceCredits(ctx.db, scope, bounds.from, bounds.to),
  ]);
  const codes = await bookingCodes(ctx.db, [...new Set(charges.flatMap((c) => (c.booking_id ? [c.booking_id] : [])))]);
  const lines = [
    ...charges.map((c) => ({
      date: c.settled_at as string,
      kind: 'charge' as const,
      payment_id: c.id,
      refund_id: null,
      booking_code: c.booking_id ? (codes.get(c.booking_id) ?? null) : null,
      description: c.description,
      amount: { amount: c.amount, currency: c.currency },
    })),
    ...credits.map((r) => ({
      date: r.settled_at as string,
      kind: 'credit' as const,
      payment_id: r.payment_id,
      refund_id: r.id,
      booking_code: null,
      description: `Refund: ${r.reason} (${r.payment_description})`,
      amount: { amount: r.amount, currency: r.currency },
    })),
  ].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
  const totals = statementTotals(lines.map((l): StatementLine => ({ kind: l.kind, amount: l.amount.amount, currency: l.amount.currency })));
  return {
    month,
    account: { account_code: account.account_code, name: account.name },
    environment: scope.environment,
    period: { from: bounds.from, to: bounds.to },
    lines,
    totals,
    generated_at: ctx.clock.now().toISOString(),
  };
}
