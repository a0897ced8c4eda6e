import { describe, expect, it } from 'vitest';
import { applyDiscount, discountProblem, refusalOf, type VoucherFacts } from './vouchers.policy.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const fresh: VoucherFacts = {
  state: 'issued',
  uses: 0,
  max_uses: 1,
  expires_at: '2026-12-31T23:59:59.000Z',
  reserved_for_type: null,
  reserved_for_id: null,
  test_codes: ['NCLEX-RN'],
};

describe('voucher transitions', () => {
  it('lets an issued code be reserved and redeemed', () => {
    expect(refusalOf(fresh, 'reserve', NOW, { testCode: 'NCLEX-RN' })).toBeUndefined();
    expect(refusalOf(fresh, 'redeem', NOW)).toBeUndefined();
  });

  it('refuses a single-use code that was redeemed', () => {
    expect(refusalOf({ ...fresh, state: 'redeemed', uses: 1 }, 'redeem', NOW)?.code).toBe('VOUCHER_ALREADY_REDEEMED');
    expect(refusalOf({ ...fresh, state: 'redeemed', uses: 1 }, 'reserve', NOW)?.code).toBe('VOUCHER_ALREADY_REDEEMED');
  });

  it('lets a multi-use code be redeemed again while uses remain', () => {
    expect(refusalOf({ ...fresh, state: 'redeemed', uses: 1, max_uses: 2 }, 'redeem', NOW)).toBeUndefined();
    expect(refusalOf({ ...fresh, state: 'redeemed', uses: 2, max_uses: 2 }, 'redeem', NOW)?.code).toBe('VOUCHER_ALREADY_REDEEMED');
  });

  it('refuses a code past its expiry even before the expiry job ran', () => {
    const late = new Date('2027-01-01T00:00:00.000Z');
    expect(refusalOf(fresh, 'redeem', late)?.code).toBe('VOUCHER_EXPIRED');
    expect(refusalOf(fresh, 'reserve', late)?.code).toBe('VOUCHER_EXPIRED');
    expect(refusalOf({ ...fresh, state: 'expired' }, 'redeem', NOW)?.code).toBe('VOUCHER_EXPIRED');
  });

  it('counts the expiry instant itself as expired', () => {
    expect(refusalOf(fresh, 'redeem', new Date(fresh.expires_at))?.code).toBe('VOUCHER_EXPIRED');
  });

  it('refuses void and forfeited codes for every action, void first', () => {
    for (const action of ['reserve', 'redeem', 'restore', 'expire', 'void', 'release'] as const) {
      expect(refusalOf({ ...fresh, state: 'void' }, action, NOW)?.code).toBe('VOUCHER_VOID');
      expect(refusalOf({ ...fresh, state: 'forfeited', uses: 1 }, action, NOW)?.code).toBe('VOUCHER_FORFEITED');
    }
  });

  it('refuses a code reserved for someone else, and accepts it for its holder', () => {
    const held: VoucherFacts = { ...fresh, state: 'reserved', reserved_for_type: 'eligibility', reserved_for_id: 'elg_1' };
    expect(refusalOf(held, 'reserve', NOW, { target: { type: 'eligibility', id: 'elg_2' } })?.code).toBe('VOUCHER_RESERVED');
    expect(refusalOf(held, 'redeem', NOW)?.code).toBe('VOUCHER_RESERVED');
    expect(refusalOf(held, 'redeem', NOW, { target: { type: 'eligibility', id: 'elg_1' } })).toBeUndefined();
    expect(refusalOf(held, 'redeem', NOW, { target: { type: 'booking', id: 'elg_1' } })?.code).toBe('VOUCHER_RESERVED');
  });

  it('refuses a test the batch does not cover', () => {
    expect(refusalOf(fresh, 'reserve', NOW, { testCode: 'OTHER' })?.code).toBe('VOUCHER_NOT_APPLICABLE');
  });

  it('restores only reserved or redeemed codes', () => {
    expect(refusalOf(fresh, 'restore', NOW)?.code).toBe('VOUCHER_NOT_IN_USE');
    expect(refusalOf({ ...fresh, state: 'restored' }, 'restore', NOW)?.code).toBe('VOUCHER_NOT_IN_USE');
    expect(refusalOf({ ...fresh, state: 'redeemed', uses: 1 }, 'restore', NOW)).toBeUndefined();
    expect(refusalOf({ ...fresh, state: 'reserved', reserved_for_type: 'booking', reserved_for_id: 'b' }, 'restore', NOW)).toBeUndefined();
  });

  it('expires and voids usable codes but not fully used ones', () => {
    expect(refusalOf(fresh, 'expire', NOW)).toBeUndefined();
    expect(refusalOf(fresh, 'void', NOW)).toBeUndefined();
    expect(refusalOf({ ...fresh, state: 'redeemed', uses: 1 }, 'void', NOW)?.code).toBe('VOUCHER_ALREADY_REDEEMED');
    expect(refusalOf({ ...fresh, state: 'expired' }, 'expire', NOW)?.code).toBe('VOUCHER_EXPIRED');
  });
});

describe('discount arithmetic', () => {
  const price = { amount: 15000, currency: 'USD' };

  it('makes a full voucher cover the whole price', () => {
    expect(applyDiscount({ kind: 'full' }, price)?.final).toEqual({ amount: 0, currency: 'USD' });
  });

  it('takes a percentage off, rounding the discount down to the minor unit', () => {
    expect(applyDiscount({ kind: 'percent', percent: 20 }, price)?.final.amount).toBe(12000);
    expect(applyDiscount({ kind: 'percent', percent: 15 }, { amount: 999, currency: 'USD' })?.discount.amount).toBe(149);
    expect(applyDiscount({ kind: 'percent', percent: 100 }, price)?.final.amount).toBe(0);
  });

  it('never takes the price below zero with a large fixed amount', () => {
    const result = applyDiscount({ kind: 'amount', amount: { amount: 20000, currency: 'USD' } }, price);
    expect(result?.discount.amount).toBe(15000);
    expect(result?.final.amount).toBe(0);
  });

  it('does not apply a fixed amount in another currency', () => {
    expect(applyDiscount({ kind: 'amount', amount: { amount: 500, currency: 'EUR' } }, price)).toBeUndefined();
  });

  it('names the discount field that does not match the kind', () => {
    expect(discountProblem({ kind: 'percent' })?.pointer).toBe('/body/discount/percent');
    expect(discountProblem({ kind: 'full', percent: 10 })?.pointer).toBe('/body/discount/percent');
    expect(discountProblem({ kind: 'amount' })?.pointer).toBe('/body/discount/amount');
    expect(discountProblem({ kind: 'amount', amount: { amount: 0, currency: 'USD' } })?.pointer).toBe('/body/discount/amount/amount');
    expect(discountProblem({ kind: 'percent', percent: 20 })).toBeUndefined();
  });
});
