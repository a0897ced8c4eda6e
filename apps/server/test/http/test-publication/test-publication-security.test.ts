import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTest } from '../../factories/catalog.ts';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { call, createBody, definitionOf, V2, v1 } from './test-bodies.ts';

describe.each(DIALECTS)('Test Publication security on %s', (dialect) => {
  let t: TestApp;
  let owner: TestPartner;
  let other: TestPartner;
  let ownerSandbox: string;
  let ownerProduction: string;
  let otherSandbox: string;
  const body = createBody({ test_code: 'OWNED-1' });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await insertPartner(t, { roles: 'psiTestPublication', subscribe: 'test-publication' });
    other = await insertPartner(t, { roles: 'psiTestPublication', subscribe: 'test-publication' });
    ownerSandbox = await applicationToken(t, owner.sandbox);
    ownerProduction = await applicationToken(t, owner.production);
    otherSandbox = await applicationToken(t, other.sandbox);
    expect((await call(t, ownerSandbox, 'POST', `${V2}/tests`, body)).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  const operations = (base: string): ['GET' | 'POST' | 'PUT', string, unknown?][] => [
    ['POST', `${base}/tests`, createBody()],
    ['GET', `${base}/tests`],
    ['GET', `${base}/tests/OWNED-1`],
    ['PUT', `${base}/tests/OWNED-1`, definitionOf(body)],
    ['POST', `${base}/tests/OWNED-1/publish`],
    ['POST', `${base}/tests/OWNED-1/retire`],
    ['GET', `${base}/tests/OWNED-1/versions`],
    ['GET', `${base}/tests/OWNED-1/versions/1`],
  ];

  it('answers 401 with a Bearer challenge on every operation without a token', async () => {
    for (const [method, url, payload] of [...operations(V2), ...operations(v1(owner.accountCode))]) {
      const response = await t.app.inject({ method, url, ...(payload ? { payload: payload as object } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('answers 403 on every operation when the account lacks the psiTestPublication role', async () => {
    const noRole = await insertPartner(t, { roles: 'psiEligibility', subscribe: 'all' });
    const token = await applicationToken(t, noRole.sandbox);
    for (const [method, url, payload] of [...operations(V2), ...operations(v1(noRole.accountCode))]) {
      const response = await call(t, token, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('answers 403 when the application is not subscribed to the service', async () => {
    const unsubscribed = await insertPartner(t, { roles: 'psiTestPublication', subscribe: 'eligibility' });
    const response = await call(t, await applicationToken(t, unsubscribed.sandbox), 'GET', `${V2}/tests`);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('GATEWAY_NOT_SUBSCRIBED');
  });

  it("answers another account's test_code exactly like an unknown one, and never changes it", async () => {
    for (const [method, url, payload] of operations(V2).slice(2)) {
      const foreign = await call(t, otherSandbox, method, url, payload);
      const unknown = await call(t, otherSandbox, method, url.replace('OWNED-1', 'NEVER-MADE'), payload);
      expect(foreign.statusCode, `${method} ${url}`).toBe(404);
      const { request_id: _a, ...foreignBody } = foreign.json();
      const { request_id: _b, ...unknownBody } = unknown.json();
      expect({ ...foreignBody, detail: foreignBody.detail.replace('OWNED-1', 'X') }).toEqual({
        ...unknownBody,
        detail: unknownBody.detail.replace('NEVER-MADE', 'X'),
      });
    }
    expect((await call(t, otherSandbox, 'GET', `${V2}/tests`)).json().data).toEqual([]);
    expect((await call(t, ownerSandbox, 'GET', `${V2}/tests/OWNED-1`)).json()).toMatchObject({ state: 'published', version: 1 });
  });

  it('lets another account use the same test_code for its own test', async () => {
    const response = await call(t, otherSandbox, 'POST', `${V2}/tests`, createBody({ test_code: 'OWNED-1', title: 'Theirs' }));
    expect(response.statusCode).toBe(201);
    expect((await call(t, ownerSandbox, 'GET', `${V2}/tests/OWNED-1`)).json().title).toBe(body.title);
  });

  it('keeps sandbox and production apart: each token sees only its environment', async () => {
    expect((await call(t, ownerProduction, 'GET', `${V2}/tests/OWNED-1`)).statusCode).toBe(404);
    expect((await call(t, ownerProduction, 'GET', `${V2}/tests`)).json().data).toEqual([]);
    const production = await insertTest(t, owner, { testCode: 'PROD-ONLY', environment: 'production' });
    expect((await call(t, ownerSandbox, 'GET', `${V2}/tests/${production.testCode}`)).statusCode).toBe(404);
    expect((await call(t, ownerSandbox, 'POST', `${V2}/tests/${production.testCode}/retire`)).statusCode).toBe(404);
    expect((await call(t, ownerProduction, 'GET', `${V2}/tests/${production.testCode}`)).json()).toMatchObject({ state: 'published' });
    // The same code may exist once per environment.
    expect((await call(t, ownerProduction, 'POST', `${V2}/tests`, createBody({ test_code: 'OWNED-1' }))).statusCode).toBe(201);
  });

  it('reads a test the shared catalogue factory inserted, in the factory policy shape', async () => {
    const inserted = await insertTest(t, owner, { testCode: 'FACTORY-1' });
    const response = await call(t, ownerSandbox, 'GET', `${V2}/tests/${inserted.testCode}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().policies.change_tiers[1]).toEqual({ min_hours_before: 48, reschedule_fee: 2500, cancel_fee: 5000 });
  });

  it('answers a v1 path with another account code exactly like an unknown account code', async () => {
    for (const [method, url, payload] of operations(v1(other.accountCode))) {
      const foreign = await call(t, ownerSandbox, method, url, payload);
      const unknown = await call(t, ownerSandbox, method, url.replace(other.accountCode, 'ZZZZZZZZ'), payload);
      expect(foreign.statusCode, `${method} ${url}`).toBe(404);
      expect(foreign.json()).toEqual({ error: 'not_found', error_description: `no account has the code "${other.accountCode}"` });
      expect(unknown.json()).toEqual({ error: 'not_found', error_description: 'no account has the code "ZZZZZZZZ"' });
    }
    expect((await call(t, otherSandbox, 'GET', `${V2}/tests/OWNED-1`)).json().title).toBe('Theirs');
  });
});
