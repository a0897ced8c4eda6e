import type { LightMyRequestResponse } from 'fastify';
import type { Environment } from '../../../src/db/schema.ts';
import { findAccountByCode } from '../../../src/modules/identity/account.repository.ts';
import { insertTest } from '../../factories/catalog.ts';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { type HoldOptions, insertBooking, insertHold } from '../../factories/payment.ts';
import { bearer, type TestApp } from '../../harness.ts';

export const V2 = '/payment/v2';

export const CARDS = {
  visa: '4242424242424242',
  declined: '4000000000000002',
  insufficient: '4000000000009995',
  processorError: '4000000000000119',
  refundFails: '4000000000005126',
  amex: '378282246310005',
};

export function card(number: string = CARDS.visa, overrides: Record<string, unknown> = {}) {
  return { number, exp_month: 12, exp_year: 2030, cvc: number.startsWith('37') ? '1234' : '123', holder_name: 'Grace Hopper', ...overrides };
}

export interface PaymentPartner {
  partner: TestPartner;
  accountId: string;
  sandbox: string;
  production: string;
  tests: Record<Environment, { id: string; testCode: string }>;
}

let sequence = 0;

/** A partner with every role, sandbox and production tokens, and a test (15000 USD) in each environment. */
export async function paymentPartner(t: TestApp): Promise<PaymentPartner> {
  sequence += 1;
  const partner = await insertPartner(t, { roles: 'psiPayment', subscribe: 'payment' });
  const account = await findAccountByCode(t.ctx.db, partner.accountCode);
  if (!account) throw new Error('no account');
  const sandboxTest = await insertTest(t, partner, { testCode: `PAYEXAM${sequence}` });
  const productionTest = await insertTest(t, partner, { testCode: `PAYEXAM${sequence}`, environment: 'production' });
  return {
    partner,
    accountId: account.id,
    sandbox: await applicationToken(t, partner.sandbox),
    production: await applicationToken(t, partner.production),
    tests: { sandbox: { id: sandboxTest.id, testCode: sandboxTest.testCode }, production: { id: productionTest.id, testCode: productionTest.testCode } },
  };
}

export function holdFor(t: TestApp, p: PaymentPartner, overrides: Partial<HoldOptions> = {}): Promise<string> {
  const environment = overrides.environment ?? 'sandbox';
  return insertHold(t, { accountId: p.accountId, testId: p.tests[environment].id, testCode: p.tests[environment].testCode, ...overrides });
}

export function bookingFor(t: TestApp, p: PaymentPartner, overrides: Partial<HoldOptions> = {}) {
  const environment = overrides.environment ?? 'sandbox';
  return insertBooking(t, { accountId: p.accountId, testId: p.tests[environment].id, testCode: p.tests[environment].testCode, ...overrides });
}

export function post(t: TestApp, token: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

export function get(t: TestApp, token: string, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}

/** Pays a fresh hold by card and answers the payment. */
export async function paidHold(t: TestApp, p: PaymentPartner, number: string = CARDS.visa, price = 15000) {
  const holdId = await holdFor(t, p, { price: { amount: price, currency: 'USD' } });
  const response = await post(t, p.sandbox, `${V2}/payments`, { hold_id: holdId, method: 'card', card: card(number) });
  if (response.statusCode !== 201) throw new Error(`payment failed: ${response.statusCode} ${response.body}`);
  return { holdId, payment: response.json() };
}
