/** Pure payment rules: card checks, refund arithmetic, statement totals. No I/O; "now" is passed in. */
import type { ValidationIssue } from '../../platform/errors.ts';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

/** Digits only: partners send numbers as printed on the card, with spaces or dashes. */
export function normalizeCardNumber(number: string): string {
  return number.replace(/[\s-]/g, '');
}

/** ISO/IEC 7812 check digit (Luhn): catches every single-digit typo and most transpositions before the processor sees the number. */
export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Brand from the issuer identification number ranges the networks publish. */
export function cardBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  const prefix4 = Number(digits.slice(0, 4));
  if (/^5[1-5]/.test(digits) || (prefix4 >= 2221 && prefix4 <= 2720)) return 'mastercard';
  return 'unknown';
}

export interface CardInput {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
}

/** What may be kept of a card: never the full number or the CVC. */
export interface CardSummary {
  brand: CardBrand;
  last4: string;
  exp_month: number;
  exp_year: number;
}

/**
 * Every problem of a card, each with its pointer under `base` (e.g. `/body/card`). The messages never repeat the
 * number: error answers and logs must not carry it.
 */
export function cardProblems(card: CardInput, now: Date, base: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const digits = normalizeCardNumber(card.number);
  if (!/^[0-9]{12,19}$/.test(digits)) issues.push({ pointer: `${base}/number`, message: 'must have 12–19 digits' });
  else if (!passesLuhn(digits)) issues.push({ pointer: `${base}/number`, message: 'is not a valid card number (check digit)' });
  // A card is valid through the last day of its expiry month.
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  if (card.exp_year < year || (card.exp_year === year && card.exp_month < month)) {
    issues.push({ pointer: `${base}/exp_year`, message: 'the card has expired' });
  }
  const cvcLength = cardBrand(digits) === 'amex' ? 4 : 3;
  if (!new RegExp(`^[0-9]{${cvcLength}}$`).test(card.cvc)) issues.push({ pointer: `${base}/cvc`, message: `must have ${cvcLength} digits` });
  return issues;
}

export function summarizeCard(card: CardInput): CardSummary {
  const digits = normalizeCardNumber(card.number);
  return { brand: cardBrand(digits), last4: digits.slice(-4), exp_month: card.exp_month, exp_year: card.exp_year };
}

/** The refund a request asks for: its amount (the whole refundable rest when absent), or why it is refused. */
export function refundAmount(
  payment: { amount: number; refunded_amount: number },
  requested: number | undefined,
): { amount: number } | { refused: 'nothing_left' | 'exceeds_refundable'; refundable: number } {
  const refundable = payment.amount - payment.refunded_amount;
  if (refundable <= 0) return { refused: 'nothing_left', refundable: 0 };
  const amount = requested ?? refundable;
  if (amount > refundable) return { refused: 'exceeds_refundable', refundable };
  return { amount };
}

/**
 * Spreads a booking refund over its payments, newest first (a later payment is refunded before the one that
 * confirmed the booking). 'all' takes everything left. Answers null when the payments cannot cover the amount.
 */
export function allocateRefund<P extends { id: string; amount: number; refunded_amount: number }>(
  payments: P[],
  total: number | 'all',
): { payment: P; amount: number }[] | null {
  let left = total === 'all' ? Number.POSITIVE_INFINITY : total;
  const parts: { payment: P; amount: number }[] = [];
  for (const payment of payments) {
    if (left <= 0) break;
    const refundable = payment.amount - payment.refunded_amount;
    if (refundable <= 0) continue;
    const amount = Math.min(refundable, left);
    parts.push({ payment, amount });
    left -= amount;
  }
  if (total !== 'all' && left > 0) return null;
  return parts;
}

export interface StatementLine {
  kind: 'charge' | 'credit';
  amount: number;
  currency: string;
}

export interface StatementTotal {
  currency: string;
  charges: number;
  credits: number;
  /** charges − credits: what the account owes for the month in this currency. */
  balance: number;
}

/** Totals per currency (amounts in different currencies are never added together), sorted by currency. */
export function statementTotals(lines: readonly StatementLine[]): StatementTotal[] {
  const byCurrency = new Map<string, StatementTotal>();
  for (const line of lines) {
    const total = byCurrency.get(line.currency) ?? { currency: line.currency, charges: 0, credits: 0, balance: 0 };
    if (line.kind === 'charge') total.charges += line.amount;
    else total.credits += line.amount;
    total.balance = total.charges - total.credits;
    byCurrency.set(line.currency, total);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** `YYYY-MM` → the month's UTC bounds [from, to), or null when it is not a month. */
export function monthBounds(month: string): { from: string; to: string } | null {
  const match = /^([0-9]{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) return null;
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { from: new Date(Date.UTC(year, index, 1)).toISOString(), to: new Date(Date.UTC(year, index + 1, 1)).toISOString() };
}
