import { describe, expect, it } from 'vitest';
import { generateVoucherCode, normalizeVoucherCode } from './voucher-codes.ts';

describe('voucher codes', () => {
  it('are four groups of four unambiguous characters, with an optional prefix', () => {
    expect(generateVoucherCode(null)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(generateVoucherCode('SPRING')).toMatch(/^SPRING(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  });

  it('do not repeat across many draws', () => {
    const codes = new Set(Array.from({ length: 20_000 }, () => generateVoucherCode(null)));
    expect(codes.size).toBe(20_000);
  });

  it('read back whatever case, spacing and look-alike letters a person typed', () => {
    expect(normalizeVoucherCode(' 7kq4 m2xd-9tpr-h3cw ')).toBe('7KQ4-M2XD-9TPR-H3CW');
    expect(normalizeVoucherCode('OIL0-0000-0000-0000')).toBe('0110-0000-0000-0000');
    expect(normalizeVoucherCode('spring7kq4m2xd9tprh3cw')).toBe('SPRING-7KQ4-M2XD-9TPR-H3CW');
    // the prefix keeps its letters: only the random part maps look-alikes
    expect(normalizeVoucherCode('OIL-7KQ4-M2XD-9TPR-H3CO')).toBe('OIL-7KQ4-M2XD-9TPR-H3C0');
  });

  it('leave a too-short input upper-cased so it is simply not found', () => {
    expect(normalizeVoucherCode('abc')).toBe('ABC');
  });
});
