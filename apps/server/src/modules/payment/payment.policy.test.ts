import { describe, expect, it } from 'vitest';
import { allocateRefund, cardBrand, cardProblems, monthBounds, passesLuhn, refundAmount, statementTotals, summarizeCard } from './payment.policy.ts';

describe('card checks', () => {
  it('accepts numbers with a valid Luhn check digit and refuses one-digit typos', () => {
    expect(passesLuhn('4242424242424242')).toBe(true);
    expect(passesLuhn('378282246310005')).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('4242')).toBe(false);
  });

  it('names the brand from the issuer ranges', () => {
    expect(cardBrand('4242424242424242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('9999999999999995')).toBe('unknown');
  });

  it('lists every problem of a card with its pointer, never repeating the number', () => {
    const now = new Date('2026-03-15T00:00:00Z');
    const problems = cardProblems({ number: '4242 4242 4242 4241', exp_month: 2, exp_year: 2026, cvc: '12' }, now, '/body/card');
    expect(problems.map((p) => p.pointer)).toEqual(['/body/card/number', '/body/card/exp_year', '/body/card/cvc']);
    expect(JSON.stringify(problems)).not.toContain('4241');
    expect(cardProblems({ number: '4242-4242-4242-4242', exp_month: 3, exp_year: 2026, cvc: '123' }, now, '/c')).toEqual([]);
    expect(cardProblems({ number: '378282246310005', exp_month: 3, exp_year: 2027, cvc: '123' }, now, '/c')).toEqual([
      { pointer: '/c/cvc', message: 'must have 4 digits' },
    ]);
  });

  it('keeps only brand, last four and expiry', () => {
    expect(summarizeCard({ number: '4242 4242 4242 4242', exp_month: 1, exp_year: 2030, cvc: '123' })).toEqual({
      brand: 'visa',
      last4: '4242',
      exp_month: 1,
      exp_year: 2030,
    });
  });
});

describe('refund arithmetic', () => {
  it('refunds the whole rest by default and refuses more than is left', () => {
    expect(refundAmount({ amount: 15000, refunded_amount: 4000 }, undefined)).toEqual({ amount: 11000 });
    expect(refundAmount({ amount: 15000, refunded_amount: 4000 }, 11000)).toEqual({ amount: 11000 });
    expect(refundAmount({ amount: 15000, refunded_amount: 4000 }, 11001)).toEqual({ refused: 'exceeds_refundable', refundable: 11000 });
    expect(refundAmount({ amount: 15000, refunded_amount: 15000 }, undefined)).toEqual({ refused: 'nothing_left', refundable: 0 });
  });

  it('spreads a booking refund over its payments newest first, and cannot cover more than paid', () => {
    const payments = [
      { id: 'b', amount: 3000, refunded_amount: 1000 },
      { id: 'a', amount: 10000, refunded_amount: 0 },
    ];
    expect(allocateRefund(payments, 5000)?.map((p) => [p.payment.id, p.amount])).toEqual([
      ['b', 2000],
      ['a', 3000],
    ]);
    expect(allocateRefund(payments, 'all')?.map((p) => p.amount)).toEqual([2000, 10000]);
    expect(allocateRefund(payments, 12001)).toBeNull();
    expect(allocateRefund([], 'all')).toEqual([]);
  });
});

describe('statement totals', () => {
  it('adds charges and credits per currency, never across currencies', () => {
    expect(
      statementTotals([
        { kind: 'charge', amount: 15000, currency: 'USD' },
        { kind: 'charge', amount: 8000, currency: 'USD' },
        { kind: 'credit', amount: 3000, currency: 'USD' },
        { kind: 'charge', amount: 9000, currency: 'EUR' },
      ]),
    ).toEqual([
      { currency: 'EUR', charges: 9000, credits: 0, balance: 9000 },
      { currency: 'USD', charges: 23000, credits: 3000, balance: 20000 },
    ]);
    expect(statementTotals([])).toEqual([]);
  });

  it('reads a month as its UTC bounds', () => {
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    expect(monthBounds('2026-13')).toBeNull();
    expect(monthBounds('2026-1')).toBeNull();
  });
});
