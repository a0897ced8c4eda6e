/**
 * Use cases on single codes: read, validate (no side effect), and the lifecycle transitions. Every transition is
 * the policy's check (to explain a refusal) followed by one guarded conditional UPDATE (to make it safe under
 * concurrency) and its audit row, in one transaction.
 */
import type { Executor } from '../../db/executor.ts';
import type { VoucherTable } from '../../db/tables/vouchers.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../identity/audit.ts';
import { findTest } from '../test-publication/test-publication.repository.ts';
import { normalizeVoucherCode } from './voucher-codes.ts';
import { VoucherErrors } from './vouchers.errors.ts';
import { applyDiscount, isHeldBy, type Refusal, type ReservationTarget, refusalOf, type VoucherAction } from './vouchers.policy.ts';
import { findVoucher, transitionVoucher, type VoucherWithBatch } from './vouchers.repository.ts';
import { discountOf, factsOf, voucherView } from './vouchers.views.ts';

export type VoucherActorScope = PartnerScope;

export interface TransitionOptions {
  testCode?: string;
  target?: ReservationTarget;
}

const PAST_TENSE: Record<VoucherAction, string> = {
  reserve: 'reserved',
  redeem: 'redeemed',
  release: 'released',
  restore: 'restored',
  expire: 'expired',
  void: 'voided',
  forfeit: 'forfeited',
};

function refusalError(code: string, refusal: Refusal): AppError {
  return new AppError(refusal.code, `voucher code ${code} ${refusal.detail}`);
}

export async function requireVoucher(db: Executor, scope: Omit<VoucherActorScope, 'actor'>, rawCode: string): Promise<VoucherWithBatch> {
  const code = normalizeVoucherCode(rawCode);
  const voucher = await findVoucher(db, scope, code);
  if (!voucher) throw new AppError(VoucherErrors.VOUCHER_NOT_FOUND, `no voucher code ${code}`);
  return voucher;
}

/**
 * Applies one transition to a code read in this transaction. A guard that no longer matches (another request
 * changed the code in between) re-reads the code: the refusal then names the new state (e.g. 49 of 50 concurrent
 * redeems get VOUCHER_ALREADY_REDEEMED). A reserve by the code's own holder changes nothing.
 */
export async function applyTransition(
  trx: Executor,
  ctx: ServiceContext,
  scope: VoucherActorScope,
  voucher: VoucherWithBatch,
  action: VoucherAction,
  options: TransitionOptions = {},
): Promise<VoucherTable> {
  let current = voucher;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = ctx.clock.now();
    const refusal = refusalOf(factsOf(current), action, now, options);
    if (refusal) throw refusalError(current.code, refusal);
    if (action === 'reserve' && isHeldBy(current, options.target)) return current;
    const row = await transitionVoucher(trx, current.id, { action, now: now.toISOString(), target: options.target });
    if (row) {
      await recordAudit(trx, ctx, {
        actor: scope.actor,
        accountId: scope.accountId,
        action: `voucher.${PAST_TENSE[action]}`,
        targetType: 'voucher',
        targetId: row.id,
        details: {
          batch_id: row.batch_id,
          environment: row.environment,
          previous_state: row.previous_state,
          state: row.state,
          uses: row.uses,
          version: row.version,
          ...(options.target ? { reserved_for: options.target } : {}),
          ...(options.testCode ? { test_code: options.testCode } : {}),
        },
      });
      return row;
    }
    const reread = await findVoucher(trx, scope, current.code);
    if (!reread) throw new AppError(VoucherErrors.VOUCHER_NOT_FOUND, `no voucher code ${current.code}`);
    current = reread;
  }
  throw new Error(`voucher ${voucher.id}: ${action} kept losing to concurrent changes`);
}

export async function getVoucher(ctx: ServiceContext, scope: Omit<VoucherActorScope, 'actor'>, code: string) {
  return voucherView(await requireVoucher(ctx.db, scope, code));
}

/** Whether the code could be used for the test now, with the price it leaves to pay. Reserves nothing. */
export async function validateVoucher(ctx: ServiceContext, scope: Omit<VoucherActorScope, 'actor'>, rawCode: string, testCode: string) {
  const voucher = await requireVoucher(ctx.db, scope, rawCode);
  const discount = discountOf(voucher);
  let refusal = refusalOf(factsOf(voucher), 'reserve', ctx.clock.now(), { testCode });
  let price = null;
  if (!refusal) {
    const test = await findTest(ctx.db, scope, testCode);
    if (test) {
      price = applyDiscount(discount, { amount: test.price_amount, currency: test.price_currency }) ?? null;
      if (!price) {
        refusal = {
          code: VoucherErrors.VOUCHER_NOT_APPLICABLE,
          detail: `is an amount in another currency than the price of test ${testCode} (${test.price_currency})`,
        };
      }
    }
  }
  return {
    valid: refusal === undefined,
    reason: refusal?.code ?? null,
    detail: refusal ? `voucher code ${voucher.code} ${refusal.detail}` : null,
    code: voucher.code,
    state: voucher.state,
    discount,
    applies_to: JSON.parse(voucher.test_codes) as string[],
    expires_at: voucher.expires_at,
    price,
  };
}

/** reserve, redeem, restore, expire or void one code through the public API. */
export async function transitionByCode(
  ctx: ServiceContext,
  scope: VoucherActorScope,
  rawCode: string,
  action: Exclude<VoucherAction, 'release' | 'forfeit'>,
  options: TransitionOptions = {},
) {
  return ctx.db.transaction().execute(async (trx) => {
    const voucher = await requireVoucher(trx, scope, rawCode);
    const row = await applyTransition(trx, ctx, scope, voucher, action, options);
    return voucherView(voucher, row);
  });
}
