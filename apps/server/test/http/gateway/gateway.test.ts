import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAccount } from '../../../src/modules/identity/account.service.ts';
import { subscribe, unsubscribe } from '../../../src/modules/identity/application.service.ts';
import type { AtlasApp } from '../../../src/platform/app-types.ts';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

/** Probe routes declared like real service routes, so the gateway applies to them exactly as to booking's own. */
function registerProbes(app: AtlasApp): void {
  app.get('/booking/v2/probe', { config: { gateway: { service: 'booking', version: 'v2' } }, schema: { hide: true } }, async (request) => ({
    environment: request.principal?.environment,
  }));
  app.get<{ Params: { account_code: string } }>(
    '/booking/v1/accounts/:account_code/probe',
    { config: { gateway: { service: 'booking', version: 'v1' } }, schema: { hide: true } },
    async (request) => ({ account_code: request.params.account_code }),
  );
  app.get(
    '/payment/v2/production-only',
    { config: { gateway: { service: 'payment', version: 'v2', environments: ['production'] } }, schema: { hide: true } },
    async () => ({ ok: true }),
  );
  app.get('/booking/v2/explode', { config: { gateway: { service: 'booking', version: 'v2' } }, schema: { hide: true } }, async () => {
    throw new Error('connection string postgres://secret@db leaked');
  });
}

describe.each(DIALECTS)('gateway on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { register: registerProbes });
  });
  afterAll(() => t.close());

  describe('authentication', () => {
    it('answers 401 with a Bearer challenge when no token is sent', async () => {
      const response = await t.app.inject({ url: '/getting-started/v2/ping' });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="atlas"');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 401, code: 'GATEWAY_TOKEN_MISSING', request_id: response.headers['x-request-id'] });
    });

    it('answers 401 invalid_token for an unknown token and for an expired one', async () => {
      const unknown = await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer('atk_doesnotexist') });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.headers['www-authenticate']).toMatch(/error="invalid_token"/);

      const partner = await insertPartner(t);
      const token = await applicationToken(t, partner.production);
      expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) })).statusCode).toBe(200);
      t.clock.advance(3600 * 1000);
      expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) })).statusCode).toBe(401);
    });

    it('refuses every token of a disabled account once the cache entry ages out (1 s)', async () => {
      const partner = await insertPartner(t);
      const token = await applicationToken(t, partner.production);
      expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) })).statusCode).toBe(200);
      await updateAccount(t.ctx, partner.accountCode, { status: 'disabled' }, 'coordinator:test');
      t.clock.advance(1001);
      expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) })).statusCode).toBe(401);
    });

    it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
      const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'partner-req-42' } });
      expect(kept.headers['x-request-id']).toBe('partner-req-42');
      const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\u0007' } });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('roles and subscriptions', () => {
    it('answers 403 on a booking route when the account lacks psiBooking', async () => {
      const partner = await insertPartner(t, { roles: 'psiEligibility' });
      const token = await applicationToken(t, partner.production);
      const response = await t.app.inject({ url: '/booking/v2/probe', headers: bearer(token) });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('GATEWAY_ROLE_MISSING');
      // Getting Started needs no role.
      expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) })).statusCode).toBe(200);
    });

    it('answers 403 when a token scope leaves the role out, though the account holds it', async () => {
      const partner = await insertPartner(t);
      const token = await applicationToken(t, partner.production, 'psiEligibility');
      expect((await t.app.inject({ url: '/booking/v2/probe', headers: bearer(token) })).json().code).toBe('GATEWAY_ROLE_MISSING');
    });

    it('answers 403 when the application is not subscribed, and 200 once it is', async () => {
      const partner = await insertPartner(t, { subscribe: 'eligibility' });
      const token = await applicationToken(t, partner.production);
      const refused = await t.app.inject({ url: '/booking/v2/probe', headers: bearer(token) });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('GATEWAY_NOT_SUBSCRIBED');
      await subscribe(t.ctx, partner.applicationId, 'booking', undefined, 'coordinator:test');
      t.clock.advance(1001);
      expect((await t.app.inject({ url: '/booking/v2/probe', headers: bearer(token) })).statusCode).toBe(200);
      await unsubscribe(t.ctx, partner.applicationId, 'booking', 'coordinator:test');
      t.clock.advance(1001);
      expect((await t.app.inject({ url: '/booking/v2/probe', headers: bearer(token) })).statusCode).toBe(403);
    });
  });

  describe('v1 account binding', () => {
    it("answers another account's code exactly like an unknown one, in the PSI error model", async () => {
      const mine = await insertPartner(t);
      const theirs = await insertPartner(t);
      const token = await applicationToken(t, mine.production);
      expect((await t.app.inject({ url: `/booking/v1/accounts/${mine.accountCode}/probe`, headers: bearer(token) })).statusCode).toBe(200);
      const foreign = await t.app.inject({ url: `/booking/v1/accounts/${theirs.accountCode}/probe`, headers: bearer(token) });
      const unknown = await t.app.inject({ url: '/booking/v1/accounts/ZZZZZZZZ/probe', headers: bearer(token) });
      expect(foreign.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(foreign.json()).toEqual({ error: 'not_found', error_description: 'no account has the code "' + theirs.accountCode + '"' });
      expect(Object.keys(foreign.json())).toEqual(Object.keys(unknown.json()));
    });

    it('marks v1 mirrors of v2 operations deprecated, with a sunset date and the successor', async () => {
      const partner = await insertPartner(t);
      const response = await t.app.inject({
        url: `/booking/v1/accounts/${partner.accountCode}/probe`,
        headers: bearer(await applicationToken(t, partner.production)),
      });
      expect(response.headers.deprecation).toBe('@1767225600');
      expect(response.headers.sunset).toBe('Fri, 31 Dec 2027 23:59:59 GMT');
      expect(response.headers.link).toBe('</docs/booking/v2/openapi.json>; rel="successor-version"');
    });
  });

  describe('environments', () => {
    it('gives sandbox keys sandbox tokens and production keys production tokens', async () => {
      const partner = await insertPartner(t);
      const sandbox = await applicationToken(t, partner.sandbox);
      const production = await applicationToken(t, partner.production);
      expect((await t.app.inject({ url: '/booking/v2/probe', headers: bearer(sandbox) })).json().environment).toBe('sandbox');
      expect((await t.app.inject({ url: '/booking/v2/probe', headers: bearer(production) })).json().environment).toBe('production');
    });

    it('answers 401 for a sandbox token on a production-only operation', async () => {
      const partner = await insertPartner(t);
      const sandbox = await applicationToken(t, partner.sandbox);
      const response = await t.app.inject({ url: '/payment/v2/production-only', headers: bearer(sandbox) });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('GATEWAY_WRONG_ENVIRONMENT');
      expect((await t.app.inject({ url: '/payment/v2/production-only', headers: bearer(await applicationToken(t, partner.production)) })).statusCode).toBe(200);
    });

    it('never shows production data to a sandbox token', async () => {
      const partner = await insertPartner(t);
      const production = await applicationToken(t, partner.production);
      const sandbox = await applicationToken(t, partner.sandbox);
      for (let i = 0; i < 3; i++) await t.app.inject({ url: '/booking/v2/probe', headers: bearer(production) });
      await t.deps.usage.flush();
      const sandboxView = (await t.app.inject({ url: '/getting-started/v2/usage', headers: bearer(sandbox) })).json();
      expect(sandboxView.environment).toBe('sandbox');
      expect(sandboxView.data).toEqual([]);
      const productionView = (await t.app.inject({ url: '/getting-started/v2/usage', headers: bearer(production) })).json();
      expect(productionView.data).toContainEqual(expect.objectContaining({ service: 'booking', status: 200, requests: 3 }));
    });
  });

  describe('errors', () => {
    it('never returns internal messages on a 500, and gives the request id instead', async () => {
      const partner = await insertPartner(t);
      const response = await t.app.inject({ url: '/booking/v2/explode', headers: bearer(await applicationToken(t, partner.production)) });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toMatch(/secret|postgres/);
      expect(response.json()).toMatchObject({ code: 'INTERNAL_ERROR', request_id: response.headers['x-request-id'] });
    });

    it('answers unknown paths with a problem+json 404', async () => {
      const response = await t.app.inject({ url: '/no/such/path' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    });
  });
});
