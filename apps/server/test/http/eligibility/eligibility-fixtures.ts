import type { LightMyRequestResponse } from 'fastify';
import { insertTest } from '../../factories/catalog.ts';
import { applicationToken, insertPartner, type PartnerOverrides, type TestPartner } from '../../factories/partner.ts';
import { bearer, type TestApp } from '../../harness.ts';

export interface EligibilityPartner {
  partner: TestPartner;
  sandbox: string;
  production: string;
  testCode: string;
  accountId: string;
}

let sequence = 0;

/** A partner with the psiEligibility role (by default), sandbox and production tokens, and a published sandbox test. */
export async function eligibilityPartner(t: TestApp, overrides: PartnerOverrides = {}): Promise<EligibilityPartner> {
  sequence += 1;
  const partner = await insertPartner(t, overrides);
  const test = await insertTest(t, partner, {
    testCode: `EXAM-${sequence}`,
    portions: [
      { portion_code: 'P1', portion_name: 'Core' },
      { portion_code: 'P2', portion_name: 'Law' },
    ],
  });
  return {
    partner,
    sandbox: await applicationToken(t, partner.sandbox),
    production: await applicationToken(t, partner.production),
    testCode: test.testCode,
    accountId: test.accountId,
  };
}

/** A valid Eligibility Model body. */
export function eligibilityBody(testCode: string, candidateId: string, overrides: Record<string, unknown> = {}) {
  const { candidate, ...rest } = overrides as { candidate?: Record<string, unknown> };
  return {
    candidate: {
      candidate_id: candidateId,
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.org',
      city: 'New York',
      province_state: 'NY',
      postal_code: '10001',
      country: 'US',
      special_accommodations: ['EXTRA_TIME_50'],
      additional_attributes: [{ key: 'cohort', value: 'spring' }],
      ...candidate,
    },
    test_code: testCode,
    client_eligibility_id: `CLIENT-${candidateId}`,
    schedule_start_date: '2026-01-01',
    eligibility_end_date: '2026-12-31',
    registration_mode: 'API',
    ...rest,
  };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function call(t: TestApp, token: string | undefined, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

export const v1 = (accountCode: string, rest: string) => `/eligibility/v1/accounts/${accountCode}${rest}`;
