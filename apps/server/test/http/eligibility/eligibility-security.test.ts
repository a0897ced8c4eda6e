import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { call, type EligibilityPartner, eligibilityBody, eligibilityPartner, type Method, v1 } from './eligibility-fixtures.ts';

const UNKNOWN_ACCOUNT = 'ZZZZ9999';

describe.each(DIALECTS)('Eligibility gateway security on %s', (dialect) => {
  let t: TestApp;
  let a: EligibilityPartner;
  let b: EligibilityPartner;
  let codeOfB: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    a = await eligibilityPartner(t);
    b = await eligibilityPartner(t);
    const created = await call(t, b.sandbox, 'POST', '/eligibility/v2/eligibilities', eligibilityBody(b.testCode, 'B-1'));
    expect(created.statusCode).toBe(201);
    codeOfB = created.json().eligibility_code;
  });
  afterAll(() => t.close());

  /** Every v1 endpoint with an account code, as partner A would call it for account `code`, with the published answer. */
  const v1Endpoints = (account: string, testCode: string): { name: string; method: Method; url: string; body?: unknown; text: string }[] => [
    {
      name: 'E1',
      method: 'POST',
      url: v1(account, '/candidates'),
      body: eligibilityBody(testCode, 'B-1'),
      text: 'Unable to get the account details for the given accountCode.',
    },
    {
      name: 'E2',
      method: 'DELETE',
      url: v1(account, `/candidates/B-1/tests/${testCode}`),
      text: 'Unable to get the account and test details for the given accountCode/testCode.',
    },
    {
      name: 'E3',
      method: 'GET',
      url: v1(account, '/candidates/B-1/eligibilities?status=all'),
      text: 'Unable to get the account and test details for the given accountCode/testCode..',
    },
    { name: 'E4', method: 'GET', url: v1(account, `/candidates/B-1/tests/${testCode}`), text: 'Unable to get the account details for the given accountCode.' },
    { name: 'E5', method: 'GET', url: v1(account, '/candidates/B-1'), text: 'Unable to get the account and test details for the given accountCode/testCode..' },
    {
      name: 'E6',
      method: 'PUT',
      url: v1(account, `/candidates/B-1/tests/${testCode}/vouchers`),
      body: [],
      text: 'Unable to get the account details for the given accountCode.',
    },
    {
      name: 'E8',
      method: 'PUT',
      url: v1(account, `/candidates/B-1/tests/${testCode}`),
      body: eligibilityBody(testCode, 'B-1'),
      text: 'Unable to get the account details for the given accountCode.',
    },
  ];

  it("answers another account's code in every v1 path exactly as an unknown account code", async () => {
    const foreign = v1Endpoints(b.partner.accountCode, b.testCode);
    const unknown = v1Endpoints(UNKNOWN_ACCOUNT, b.testCode);
    for (const [i, endpoint] of foreign.entries()) {
      const viaForeign = await call(t, a.sandbox, endpoint.method, endpoint.url, endpoint.body);
      const viaUnknown = await call(t, a.sandbox, endpoint.method, unknown[i]!.url, endpoint.body);
      expect(viaForeign.statusCode, endpoint.name).toBe(400);
      expect(viaForeign.json(), endpoint.name).toEqual({ error: 'invalid_request', error_description: endpoint.text });
      expect(viaUnknown.statusCode, endpoint.name).toBe(viaForeign.statusCode);
      expect(viaUnknown.body, endpoint.name).toBe(viaForeign.body);
    }
  });

  it("answers another account's eligibility code in E7 exactly as an unknown code", async () => {
    const foreign = await call(t, a.sandbox, 'GET', `/eligibility/v1/eligibilities/${codeOfB}/testLaunchInfo`);
    const unknown = await call(t, a.sandbox, 'GET', '/eligibility/v1/eligibilities/ENOSUCHCODE0000/testLaunchInfo');
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toBe(unknown.body);
    expect(foreign.json().error_description).toBe('Unable to get the account and test details for the given accountCode/testCode.');
  });

  it('left partner B’s eligibility untouched by all of A’s attempts', async () => {
    const read = await call(t, b.sandbox, 'GET', `/eligibility/v2/eligibilities/${codeOfB}`);
    expect(read.json()).toMatchObject({ state: 'open', version: 1, candidate: { first_name: 'Ada' } });
  });

  it("answers 404 for another account's v2 eligibility code, like an unknown one, on every operation", async () => {
    const ops: { method: Method; path: string; body?: unknown }[] = [
      { method: 'GET', path: '' },
      { method: 'PATCH', path: '', body: { eligibility_end_date: '2026-11-30' } },
      { method: 'PUT', path: '', body: eligibilityBody(b.testCode, 'B-1') },
      { method: 'POST', path: '/cancel', body: {} },
      { method: 'PUT', path: '/vouchers', body: { voucher_codes: [] } },
      { method: 'GET', path: '/launch-info' },
    ];
    for (const op of ops) {
      const foreign = await call(t, a.sandbox, op.method, `/eligibility/v2/eligibilities/${codeOfB}${op.path}`, op.body);
      const unknown = await call(t, a.sandbox, op.method, `/eligibility/v2/eligibilities/ENOSUCHCODE0000${op.path}`, op.body);
      expect(foreign.statusCode, `${op.method} ${op.path}`).toBe(404);
      expect(foreign.json()).toMatchObject({ code: 'ELIGIBILITY_NOT_FOUND', status: 404 });
      expect(unknown.statusCode).toBe(404);
      expect(foreign.json().detail).toBe(unknown.json().detail.replace('ENOSUCHCODE0000', codeOfB));
    }
    const list = await call(t, a.sandbox, 'GET', '/eligibility/v2/eligibilities?candidate_id=B-1');
    expect(list.json()).toEqual({ data: [], next_cursor: null });
  });

  it('keeps sandbox and production apart: a production token sees no sandbox eligibility and has its own', async () => {
    const e5 = await call(t, b.production, 'GET', v1(b.partner.accountCode, '/candidates/B-1'));
    expect(e5.json()).toEqual({ error: 'invalid_request', error_description: 'No data found for the given candidate id.' });
    expect((await call(t, b.production, 'GET', `/eligibility/v2/eligibilities/${codeOfB}`)).statusCode).toBe(404);
    // The sandbox test does not exist in production either.
    const create = await call(t, b.production, 'POST', v1(b.partner.accountCode, '/candidates'), eligibilityBody(b.testCode, 'B-1'));
    expect(create.json()).toEqual({ error: 'invalid_request', error_description: 'No mapping found for the given test code.' });
    const e7 = await call(t, b.production, 'GET', `/eligibility/v1/eligibilities/${codeOfB}/testLaunchInfo`);
    expect(e7.json().error_description).toBe('Unable to get the account and test details for the given accountCode/testCode.');
  });

  it('answers 401 without a token on every route, with a Bearer challenge', async () => {
    const urls: [Method, string][] = [
      ['POST', v1(a.partner.accountCode, '/candidates')],
      ['GET', v1(a.partner.accountCode, '/candidates/X')],
      ['GET', '/eligibility/v1/eligibilities/EXXX/testLaunchInfo'],
      ['POST', '/eligibility/v2/eligibilities'],
      ['GET', '/eligibility/v2/eligibilities'],
      ['GET', `/eligibility/v2/eligibilities/${codeOfB}`],
    ];
    for (const [method, url] of urls) {
      const response = await call(t, undefined, method, url, method === 'POST' ? {} : undefined);
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const v1Body = (await call(t, undefined, 'GET', v1(a.partner.accountCode, '/candidates/X'))).json();
    expect(Object.keys(v1Body).sort()).toEqual(['error', 'error_description']);
  });

  it('answers 403 to a token without the psiEligibility role or without a subscription', async () => {
    const noRole = await insertPartner(t, { roles: 'psiBooking' });
    const noRoleToken = await applicationToken(t, noRole.sandbox);
    const notSubscribed = await insertPartner(t, { subscribe: 'booking' });
    const notSubscribedToken = await applicationToken(t, notSubscribed.sandbox);
    for (const [token, account] of [
      [noRoleToken, noRole.accountCode],
      [notSubscribedToken, notSubscribed.accountCode],
    ] as const) {
      expect((await call(t, token, 'GET', v1(account, '/candidates/X'))).statusCode).toBe(403);
      expect((await call(t, token, 'GET', '/eligibility/v2/eligibilities')).statusCode).toBe(403);
      expect((await call(t, token, 'GET', '/eligibility/v1/eligibilities/EXXX/testLaunchInfo')).statusCode).toBe(403);
    }
  });
});
