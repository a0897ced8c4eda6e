import type { VoucherBatchTable, VoucherState, VoucherTable } from '../../db/tables/vouchers.ts';
import type { Discount, VoucherFacts } from './vouchers.policy.ts';
import type { VoucherWithBatch } from './vouchers.repository.ts';

type DiscountColumns = Pick<VoucherBatchTable, 'discount_kind' | 'discount_percent' | 'discount_amount' | 'discount_currency'>;

export function discountOf(row: DiscountColumns): Discount {
  if (row.discount_kind === 'percent') return { kind: 'percent', percent: row.discount_percent ?? 0 };
  if (row.discount_kind === 'amount') return { kind: 'amount', amount: { amount: row.discount_amount ?? 0, currency: row.discount_currency ?? '' } };
  return { kind: 'full' };
}

export function discountColumns(discount: Discount): DiscountColumns {
  return {
    discount_kind: discount.kind,
    discount_percent: discount.kind === 'percent' ? discount.percent : null,
    discount_amount: discount.kind === 'amount' ? discount.amount.amount : null,
    discount_currency: discount.kind === 'amount' ? discount.amount.currency : null,
  };
}

const NO_CODES: Record<VoucherState, number> = { issued: 0, reserved: 0, redeemed: 0, restored: 0, forfeited: 0, expired: 0, void: 0 };

export function batchView(batch: VoucherBatchTable, counts: { state: VoucherState; count: number }[] = []) {
  const codesByState = { ...NO_CODES };
  for (const c of counts) codesByState[c.state] = Number(c.count);
  return {
    batch_id: batch.id,
    name: batch.name,
    test_codes: JSON.parse(batch.test_codes) as string[],
    discount: discountOf(batch),
    code_prefix: batch.code_prefix,
    expires_at: batch.expires_at,
    max_uses: batch.max_uses,
    code_count: batch.code_count,
    status: batch.status,
    codes_by_state: codesByState,
    created_at: batch.created_at,
    updated_at: batch.updated_at,
  };
}

export function factsOf(v: VoucherWithBatch): VoucherFacts {
  return { ...v, test_codes: JSON.parse(v.test_codes) as string[] };
}

/** A code on the wire. `row` may be newer than `v` (after a transition); the batch facts come from `v`. */
export function voucherView(v: VoucherWithBatch, row: VoucherTable = v) {
  return {
    code: row.code,
    batch_id: row.batch_id,
    state: row.state,
    uses: row.uses,
    max_uses: row.max_uses,
    discount: discountOf(v),
    applies_to: JSON.parse(v.test_codes) as string[],
    expires_at: row.expires_at,
    reserved_for:
      row.reserved_for_type && row.reserved_for_id && row.reserved_at
        ? { type: row.reserved_for_type, id: row.reserved_for_id, reserved_at: row.reserved_at }
        : null,
    redeemed_at: row.redeemed_at,
    version: row.version,
    updated_at: row.updated_at,
  };
}

export type VoucherView = ReturnType<typeof voucherView>;

/** CSV of a batch's codes (RFC 4180, CRLF). Codes are [A-Z0-9-] and states are words, so no field needs quoting. */
export function codesCsv(rows: VoucherTable[]): string {
  const lines = ['code,state,uses,max_uses,expires_at,reserved_for_type,reserved_for_id'];
  for (const r of rows) lines.push([r.code, r.state, r.uses, r.max_uses, r.expires_at, r.reserved_for_type ?? '', r.reserved_for_id ?? ''].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
