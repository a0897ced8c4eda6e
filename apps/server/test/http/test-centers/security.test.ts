import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner, type TestPartner } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { seedNetwork } from './network.ts';

const V2_PATHS = ['/test-centers/v2/test-centers', '/test-centers/v2/test-centers/US-NYC-01', '/test-centers/v2/test-centers/US-NYC-01/closures'];
const v1Paths = (accountCode: string) => V2_PATHS.map((path) => path.replace('/v2/', `/v1/accounts/${accountCode}/`));

describe.each(DIALECTS)('Test Center security on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedNetwork(t);
    partner = await insertPartner(t, { roles: 'psiTestCenter', subscribe: 'test-centers' });
  });
  afterAll(() => t.close());

  it('answers 401 with WWW-Authenticate without a token or with a bad one, on v2 and v1', async () => {
    for (const url of [...V2_PATHS, ...v1Paths(partner.accountCode)]) {
      for (const headers of [{}, bearer('atk_not-a-real-token')]) {
        const response = await t.app.inject({ url, headers });
        expect(response.statusCode, url).toBe(401);
        expect(response.headers['www-authenticate']).toContain('Bearer');
      }
    }
  });

  it('answers 403 when the account lacks the psiTestCenter role', async () => {
    const withoutRole = await insertPartner(t, { roles: 'psiBooking', subscribe: 'all' });
    const token = await applicationToken(t, withoutRole.sandbox);
    for (const url of [...V2_PATHS, ...v1Paths(withoutRole.accountCode)]) {
      const response = await t.app.inject({ url, headers: bearer(token) });
      expect(response.statusCode, url).toBe(403);
    }
    const v2 = await t.app.inject({ url: V2_PATHS[0] as string, headers: bearer(token) });
    expect(v2.json().code).toBe('GATEWAY_ROLE_MISSING');
  });

  it('answers 403 when the application is not subscribed to test-centers', async () => {
    const unsubscribed = await insertPartner(t, { roles: 'psiTestCenter', subscribe: 'booking' });
    const response = await t.app.inject({ url: V2_PATHS[1] as string, headers: bearer(await applicationToken(t, unsubscribed.sandbox)) });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('GATEWAY_NOT_SUBSCRIBED');
  });

  it('answers 403 to a caller outside the account IP allow-list', async () => {
    const fenced = await insertPartner(t, { roles: 'psiTestCenter', subscribe: 'test-centers', cidrs: ['203.0.113.0/24'] });
    const token = await applicationToken(t, fenced.sandbox);
    const response = await t.app.inject({ url: V2_PATHS[0] as string, headers: bearer(token), remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(403);
  });

  it("answers a v1 path with another account's code exactly like an unknown account code", async () => {
    const other = await insertPartner(t, { roles: 'psiTestCenter', subscribe: 'test-centers' });
    const token = await applicationToken(t, partner.sandbox);
    const foreignPaths = v1Paths(other.accountCode);
    const unknownPaths = v1Paths('ZZZZZZZZ');
    for (const [index, foreignPath] of foreignPaths.entries()) {
      const foreign = await t.app.inject({ url: foreignPath, headers: bearer(token) });
      const unknown = await t.app.inject({ url: unknownPaths[index] as string, headers: bearer(token) });
      expect(foreign.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(foreign.json()).toEqual({ error: 'not_found', error_description: `no account has the code "${other.accountCode}"` });
      expect(unknown.json()).toEqual({ error: 'not_found', error_description: 'no account has the code "ZZZZZZZZ"' });
    }
    const own = await t.app.inject({ url: v1Paths(partner.accountCode)[1] as string, headers: bearer(token) });
    expect(own.statusCode).toBe(200);
  });

  it('shows the same global network to sandbox and production tokens', async () => {
    const sandbox = await t.app.inject({ url: `${V2_PATHS[0]}?page_size=200`, headers: bearer(await applicationToken(t, partner.sandbox)) });
    const production = await t.app.inject({ url: `${V2_PATHS[0]}?page_size=200`, headers: bearer(await applicationToken(t, partner.production)) });
    expect(sandbox.json().data).toHaveLength(26);
    expect(production.json()).toEqual(sandbox.json());
  });
});
