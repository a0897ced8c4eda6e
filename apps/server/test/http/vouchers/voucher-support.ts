import type { LightMyRequestResponse } from 'fastify';
import { findAccountByCode } from '../../../src/modules/identity/account.repository.ts';
import { insertTest } from '../../factories/catalog.ts';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { bearer, type TestApp } from '../../harness.ts';

export const V2 = '/vouchers/v2';

export interface VoucherPartner {
  partner: TestPartner;
  accountId: string;
  sandbox: string;
  production: string;
  /** Test codes published in the sandbox: [0] priced 15000 USD, [1] priced 8000 USD. */
  tests: [string, string];
}

let sequence = 0;

/** A partner with the Voucher role, a sandbox and a production token, and two sandbox tests. */
export async function voucherPartner(t: TestApp): Promise<VoucherPartner> {
  sequence += 1;
  const partner = await insertPartner(t, { roles: 'psiVoucher', subscribe: 'vouchers' });
  const account = await findAccountByCode(t.ctx.db, partner.accountCode);
  if (!account) throw new Error('no account');
  const a = await insertTest(t, partner, { testCode: `NCLEX${sequence}`, price: { amount: 15000, currency: 'USD' } });
  const b = await insertTest(t, partner, { testCode: `PRAXIS${sequence}`, price: { amount: 8000, currency: 'USD' } });
  return {
    partner,
    accountId: account.id,
    sandbox: await applicationToken(t, partner.sandbox),
    production: await applicationToken(t, partner.production),
    tests: [a.testCode, b.testCode],
  };
}

export function post(t: TestApp, token: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

export function get(t: TestApp, token: string, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}

export function batchBody(testCodes: string[], overrides: Record<string, unknown> = {}) {
  return { name: 'Scholarship', test_codes: testCodes, discount: { kind: 'full' }, expires_at: '2026-12-31T23:59:59Z', count: 3, ...overrides };
}

/** Issues a batch and answers it with its codes. */
export async function issueBatch(t: TestApp, p: VoucherPartner, overrides: Record<string, unknown> = {}, token = p.sandbox) {
  const created = await post(t, token, `${V2}/batches`, batchBody([p.tests[0]], overrides));
  if (created.statusCode !== 201) throw new Error(`batch creation failed: ${created.statusCode} ${created.body}`);
  const batch = created.json();
  const codes = await get(t, token, `${V2}/batches/${batch.batch_id}/codes?page_size=200`);
  return { batch, codes: codes.json().data.map((c: { code: string }) => c.code) as string[] };
}
