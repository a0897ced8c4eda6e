/**
 * Pure rules of the voucher lifecycle (no I/O, time passed in). The repository's guarded UPDATEs use the same
 * `from` sets, so what the database allows and what this module explains are one table.
 *
 *   issued ─reserve→ reserved ─redeem→ redeemed ─restore→ restored (usable again, one use given back)
 *     │                 │ └─release→ issued              └─forfeit→ forfeited (no-show, booking side)
 *     └──redeem (direct)┘ └─restore→ restored
 *   any usable state ─expire→ expired, ─void→ void
 *
 * A code is "usable" while its state is issued, restored or redeemed with uses left (max_uses > 1) and it has
 * not passed `expires_at`.
 */
import type { DiscountKind, VoucherReservationType, VoucherState } from '../../db/tables/vouchers.ts';
import { VoucherErrors, type VoucherRefusal } from './vouchers.errors.ts';

export type VoucherAction = 'reserve' | 'redeem' | 'release' | 'restore' | 'expire' | 'void' | 'forfeit';

/** States each action starts from (the WHERE of its guarded UPDATE). Use limits and expiry are checked beside it. */
export const TRANSITIONS: Record<VoucherAction, { from: readonly VoucherState[]; to: VoucherState | 'issued-or-redeemed' }> = {
  reserve: { from: ['issued', 'restored', 'redeemed'], to: 'reserved' },
  redeem: { from: ['issued', 'restored', 'redeemed', 'reserved'], to: 'redeemed' },
  // Release (E6 or an eligibility cancellation) gives the hold back: `issued` for an unused code, `redeemed` for a
  // multi-use code that already has uses.
  release: { from: ['reserved'], to: 'issued-or-redeemed' },
  restore: { from: ['reserved', 'redeemed'], to: 'restored' },
  expire: { from: ['issued', 'restored', 'redeemed', 'reserved'], to: 'expired' },
  void: { from: ['issued', 'restored', 'redeemed', 'reserved'], to: 'void' },
  forfeit: { from: ['reserved', 'redeemed'], to: 'forfeited' },
};

/** Actions that need a use left (a fully redeemed code can only be restored or forfeited). */
const NEEDS_USE_LEFT: ReadonlySet<VoucherAction> = new Set(['reserve', 'redeem', 'expire', 'void']);
/** Actions refused once `expires_at` has passed, even before the expiry job has run. */
const NEEDS_UNEXPIRED: ReadonlySet<VoucherAction> = new Set(['reserve', 'redeem']);

export interface VoucherFacts {
  state: VoucherState;
  uses: number;
  max_uses: number;
  expires_at: string;
  reserved_for_type: VoucherReservationType | null;
  reserved_for_id: string | null;
  /** Tests the code's batch covers. */
  test_codes: readonly string[];
}

export interface ReservationTarget {
  type: VoucherReservationType;
  id: string;
}

export interface Refusal {
  code: VoucherRefusal;
  detail: string;
}

function isExpired(v: VoucherFacts, now: Date): boolean {
  return v.state === 'expired' || v.expires_at <= now.toISOString();
}

/**
 * Why `action` cannot happen to the code now, or undefined when it can. `testCode` checks applicability;
 * `target` is the eligibility/booking the caller acts for (a code reserved for it may be redeemed/re-reserved by it).
 */
export function refusalOf(
  v: VoucherFacts,
  action: VoucherAction,
  now: Date,
  options: { testCode?: string; target?: ReservationTarget } = {},
): Refusal | undefined {
  if (v.state === 'void') return { code: VoucherErrors.VOUCHER_VOID, detail: 'is void' };
  if (v.state === 'forfeited') return { code: VoucherErrors.VOUCHER_FORFEITED, detail: 'was forfeited (no-show)' };
  if (v.state === 'expired' || (NEEDS_UNEXPIRED.has(action) && isExpired(v, now))) {
    return { code: VoucherErrors.VOUCHER_EXPIRED, detail: `expired at ${v.expires_at}` };
  }
  if (action === 'restore' || action === 'forfeit') {
    if (!TRANSITIONS[action].from.includes(v.state)) {
      return { code: VoucherErrors.VOUCHER_NOT_IN_USE, detail: `is ${v.state}: neither reserved nor redeemed` };
    }
    if (v.state === 'redeemed' && v.uses === 0) return { code: VoucherErrors.VOUCHER_NOT_IN_USE, detail: 'has no use to give back' };
    return undefined;
  }
  if (action === 'release') {
    return v.state === 'reserved' ? undefined : { code: VoucherErrors.VOUCHER_NOT_IN_USE, detail: `is ${v.state}, not reserved` };
  }
  if (NEEDS_USE_LEFT.has(action) && v.uses >= v.max_uses && v.state !== 'reserved') {
    return { code: VoucherErrors.VOUCHER_ALREADY_REDEEMED, detail: `has been used ${v.uses} of ${v.max_uses} times` };
  }
  if ((action === 'reserve' || action === 'redeem') && v.state === 'reserved' && !isHeldBy(v, options.target)) {
    return { code: VoucherErrors.VOUCHER_RESERVED, detail: 'is reserved for another eligibility or booking' };
  }
  if (options.testCode !== undefined && !v.test_codes.includes(options.testCode)) {
    return { code: VoucherErrors.VOUCHER_NOT_APPLICABLE, detail: `does not apply to test ${options.testCode}` };
  }
  return undefined;
}

export function isHeldBy(v: Pick<VoucherFacts, 'reserved_for_type' | 'reserved_for_id'>, target: ReservationTarget | undefined): boolean {
  return target !== undefined && v.reserved_for_type === target.type && v.reserved_for_id === target.id;
}

// ---- Discounts -------------------------------------------------------------------------------------------------

export type Discount =
  | { kind: Extract<DiscountKind, 'percent'>; percent: number }
  | { kind: Extract<DiscountKind, 'amount'>; amount: { amount: number; currency: string } }
  | { kind: Extract<DiscountKind, 'full'> };

export interface PriceAfterDiscount {
  original: { amount: number; currency: string };
  discount: { amount: number; currency: string };
  final: { amount: number; currency: string };
}

/**
 * The price a candidate pays with the voucher. Never below 0: an amount larger than the price covers the price.
 * Percent discounts are rounded DOWN to the minor unit (15 % of 999 cents is 149, not 149.85 → 150), so a voucher
 * never gives more than its stated percentage; integer arithmetic only (price ≤ 10^8 × 100 fits a double exactly).
 * An amount discount in another currency than the price does not apply: undefined.
 */
export function applyDiscount(discount: Discount, price: { amount: number; currency: string }): PriceAfterDiscount | undefined {
  let off: number;
  switch (discount.kind) {
    case 'full':
      off = price.amount;
      break;
    case 'percent':
      off = Math.floor((price.amount * discount.percent) / 100);
      break;
    case 'amount':
      if (discount.amount.currency !== price.currency) return undefined;
      off = Math.min(discount.amount.amount, price.amount);
      break;
  }
  return {
    original: { ...price },
    discount: { amount: off, currency: price.currency },
    final: { amount: price.amount - off, currency: price.currency },
  };
}

/** Cross-field checks of a discount the schema cannot express; returns the bad field's pointer and message. */
export function discountProblem(input: { kind: DiscountKind; percent?: number; amount?: unknown }): { pointer: string; message: string } | undefined {
  if (input.kind === 'percent' && input.percent === undefined) return { pointer: '/body/discount/percent', message: 'is required for a percent discount' };
  if (input.kind !== 'percent' && input.percent !== undefined)
    return { pointer: '/body/discount/percent', message: `must be absent for a ${input.kind} discount` };
  if (input.kind === 'amount' && input.amount === undefined) return { pointer: '/body/discount/amount', message: 'is required for an amount discount' };
  if (input.kind === 'amount' && (input.amount as { amount: number }).amount <= 0)
    return { pointer: '/body/discount/amount/amount', message: 'must be above 0' };
  if (input.kind !== 'amount' && input.amount !== undefined)
    return { pointer: '/body/discount/amount', message: `must be absent for a ${input.kind} discount` };
  return undefined;
}
