/**
 * Internal API of the Voucher service for the other modules (eligibility now, booking later). These functions run
 * inside the caller's transaction so the link between a voucher and the eligibility/booking commits or rolls back
 * together with the caller's own change. Booking will add: reserve for a booking, redeem on confirmation
 * (`applyTransition(…, 'redeem', { target: { type: 'booking', id } })`), restore on provider cancellation, forfeit on
 * no-show — the table's `reserved_for_type` already allows `booking`.
 */
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { normalizeVoucherCode } from './voucher-codes.ts';
import { applyTransition, requireVoucher } from './voucher-lifecycle.service.ts';
import { VoucherErrors } from './vouchers.errors.ts';
import { applyDiscount, refusalOf } from './vouchers.policy.ts';
import { findVouchersReservedFor } from './vouchers.repository.ts';
import { discountOf, factsOf } from './vouchers.views.ts';

export interface VoucherLinkScope {
  accountId: string;
  environment: Environment;
  actor: string;
}

function eligibility(id: string) {
  return { type: 'eligibility' as const, id };
}

/** Replaces the vouchers reserved for an eligibility with `codes` (PSI E6): reserves new ones, releases (back to issued) the ones no longer listed; [] clears. Throws AppError with a VOUCHER_* code naming the first bad code (unknown, expired, void, already used elsewhere, not applicable to testCode). Runs inside the caller's transaction. */
export async function replaceEligibilityVouchers(
  trx: Executor,
  ctx: ServiceContext,
  scope: VoucherLinkScope,
  eligibilityId: string,
  testCode: string,
  codes: string[],
): Promise<{ codes: string[] }> {
  const target = eligibility(eligibilityId);
  const wanted = [...new Set(codes.map(normalizeVoucherCode))];
  const current = await findVouchersReservedFor(trx, scope, target);
  const held = new Set(current.map((v) => v.code));
  // Read (and so check) every new code first, in the partner's order, so the error names the first bad one.
  const toReserve = [];
  for (const code of wanted) {
    if (held.has(code)) continue;
    const voucher = await requireVoucher(trx, scope, code);
    const refusal = refusalOf(factsOf(voucher), 'reserve', ctx.clock.now(), { target, testCode });
    if (refusal) throw new AppError(refusal.code, `voucher code ${code} ${refusal.detail}`);
    toReserve.push(voucher);
  }
  for (const voucher of current) {
    if (!wanted.includes(voucher.code)) await applyTransition(trx, ctx, scope, voucher, 'release', { target });
  }
  for (const voucher of toReserve) await applyTransition(trx, ctx, scope, voucher, 'reserve', { target, testCode });
  return { codes: wanted };
}

/** Releases every voucher reserved for the eligibility (its cancellation). */
export async function releaseEligibilityVouchers(trx: Executor, ctx: ServiceContext, scope: VoucherLinkScope, eligibilityId: string): Promise<void> {
  const target = eligibility(eligibilityId);
  for (const voucher of await findVouchersReservedFor(trx, scope, target)) {
    await applyTransition(trx, ctx, scope, voucher, 'release', { target });
  }
}

/** Codes currently reserved for the eligibility. */
export async function listEligibilityVoucherCodes(
  db: Executor,
  scope: Pick<VoucherLinkScope, 'accountId' | 'environment'>,
  eligibilityId: string,
): Promise<string[]> {
  return (await findVouchersReservedFor(db, scope, eligibility(eligibilityId))).map((v) => v.code);
}

// ---- Booking (issue 4) -----------------------------------------------------------------------------------------

/**
 * What a code takes off a booking's price, checked as a redemption by this eligibility would be (a code reserved for
 * the eligibility through E6 counts as its own). Throws AppError VOUCHER_* naming why the code cannot be used.
 */
export async function quoteBookingVoucher(
  db: Executor,
  ctx: ServiceContext,
  scope: Pick<VoucherLinkScope, 'accountId' | 'environment'>,
  input: { code: string; testCode: string; eligibilityCode: string; price: { amount: number; currency: string } },
): Promise<{ voucherId: string; code: string; discount: number; amountDue: number }> {
  const voucher = await requireVoucher(db, scope, input.code);
  const refusal = refusalOf(factsOf(voucher), 'redeem', ctx.clock.now(), { target: eligibility(input.eligibilityCode), testCode: input.testCode });
  if (refusal) throw new AppError(refusal.code, `voucher code ${voucher.code} ${refusal.detail}`);
  const priced = applyDiscount(discountOf(voucher), input.price);
  if (!priced)
    throw new AppError(VoucherErrors.VOUCHER_NOT_APPLICABLE, `voucher code ${voucher.code} is in another currency than the price (${input.price.currency})`);
  return { voucherId: voucher.id, code: voucher.code, discount: priced.discount.amount, amountDue: priced.final.amount };
}

/** Redeems the code for a confirmed booking (inside the booking's transaction). */
export async function redeemVoucherForBooking(
  trx: Executor,
  ctx: ServiceContext,
  scope: VoucherLinkScope,
  input: { code: string; testCode: string; eligibilityCode: string },
): Promise<void> {
  const voucher = await requireVoucher(trx, scope, input.code);
  await applyTransition(trx, ctx, scope, voucher, 'redeem', { target: eligibility(input.eligibilityCode), testCode: input.testCode });
}

/** Gives a booking's code its use back (a free-tier or provider cancellation). */
export async function restoreBookingVoucher(trx: Executor, ctx: ServiceContext, scope: VoucherLinkScope, code: string): Promise<void> {
  await applyTransition(trx, ctx, scope, await requireVoucher(trx, scope, code), 'restore');
}

/** A no-show consumes the code for good. */
export async function forfeitBookingVoucher(trx: Executor, ctx: ServiceContext, scope: VoucherLinkScope, code: string): Promise<void> {
  await applyTransition(trx, ctx, scope, await requireVoucher(trx, scope, code), 'forfeit');
}
