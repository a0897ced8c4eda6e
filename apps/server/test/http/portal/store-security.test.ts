import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { type Browser, call, newPartner, ORIGIN } from './portal-support.ts';

describe.each(DIALECTS)('API Store API security on %s', (dialect) => {
  let t: TestApp;
  let alice: Browser;
  let bob: Browser;
  let aliceApp: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    alice = (await newPartner(t)).browser;
    bob = (await newPartner(t, ['psiBooking', 'psiPayment'])).browser;
    aliceApp = (await call(t, alice, 'POST', '/applications', { name: 'Alice app' })).json().application_id;
  });
  afterAll(() => t.close());

  it('refuses every state-changing call without the session CSRF token, or with another session’s', async () => {
    const without = await call(t, alice, 'POST', '/applications', { name: 'No token' }, { 'x-csrf-token': '' });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('PORTAL_CSRF_REJECTED');
    const foreign = await call(t, alice, 'PATCH', `/applications/${aliceApp}`, { name: 'Renamed' }, { 'x-csrf-token': bob.csrf });
    expect(foreign.statusCode).toBe(403);
    expect((await call(t, alice, 'DELETE', `/applications/${aliceApp}`, undefined, { 'x-csrf-token': 'x' })).statusCode).toBe(403);
    expect((await call(t, alice, 'GET', `/applications/${aliceApp}`)).json().name).toBe('Alice app');
  });

  it('refuses state-changing calls from another origin even with the right token (sign-in included)', async () => {
    const crossSite = await call(t, alice, 'POST', '/applications', { name: 'Cross site' }, { origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    const login = await t.app.inject({
      method: 'POST',
      url: '/store/api/session',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'x', password: 'y' },
    });
    expect(login.statusCode).toBe(403);
    expect((await call(t, alice, 'GET', '/applications')).json().data.map((a: { name: string }) => a.name)).toEqual(['Alice app']);
  });

  it("answers another account's application exactly like an unknown one, on every operation, and changes nothing", async () => {
    const attempts = [
      ['GET', `/applications/${aliceApp}`, undefined],
      ['PATCH', `/applications/${aliceApp}`, { name: 'Hijacked' }],
      ['DELETE', `/applications/${aliceApp}`, undefined],
      ['POST', `/applications/${aliceApp}/keys/sandbox/secret`, { overlap_seconds: 0 }],
      ['POST', `/applications/${aliceApp}/keys/sandbox/token`, undefined],
      ['PUT', `/applications/${aliceApp}/subscriptions/booking`, { tier: 'Gold' }],
      ['DELETE', `/applications/${aliceApp}/subscriptions/booking`, undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      const foreign = await call(t, bob, method, path, body);
      const unknown = await call(t, bob, method, path.replace(aliceApp, 'app_00000000000000000000000000'), body);
      expect(foreign.statusCode, `${method} ${path}`).toBe(404);
      expect(foreign.json().code).toBe('IDENTITY_APPLICATION_NOT_FOUND');
      expect(unknown.json().code).toBe('IDENTITY_APPLICATION_NOT_FOUND');
    }
    const mine = (await call(t, alice, 'GET', `/applications/${aliceApp}`)).json();
    expect(mine).toMatchObject({ name: 'Alice app', subscriptions: [] });
    expect(mine.keys.every((k: { rotated_at: string | null }) => k.rotated_at === null)).toBe(true);
  });

  it("refuses another account's notification endpoints", async () => {
    const created = await call(t, alice, 'POST', '/endpoints?environment=sandbox', { service: 'booking-notification', url: 'http://127.0.0.1:9/hook' });
    expect(created.statusCode).toBe(201);
    const id = created.json().endpoint_id;
    expect((await call(t, bob, 'DELETE', `/endpoints/${id}?environment=sandbox`)).statusCode).toBe(404);
    expect((await call(t, bob, 'PATCH', `/endpoints/${id}?environment=sandbox`, { enabled: false })).statusCode).toBe(404);
    expect((await call(t, bob, 'GET', '/endpoints?environment=sandbox')).json().data).toEqual([]);
    // Environments do not cross either.
    expect((await call(t, alice, 'GET', '/endpoints?environment=production')).json().data).toEqual([]);
  });

  it('lists only the services the roles allow, and refuses subscriptions to the others', async () => {
    const catalog = (await call(t, alice, 'GET', '/catalog')).json().data.map((s: { slug: string }) => s.slug);
    expect(catalog).toContain('booking');
    expect(catalog).not.toContain('payment');
    expect((await call(t, bob, 'GET', '/catalog')).json().data.map((s: { slug: string }) => s.slug)).toContain('payment');
    const refused = await call(t, alice, 'PUT', `/applications/${aliceApp}/subscriptions/payment`, { tier: 'Gold' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('PORTAL_SERVICE_NOT_AVAILABLE');
    const outbound = (await call(t, alice, 'GET', '/outbound-services')).json().data.map((s: { service: string }) => s.service);
    expect(outbound).toContain('booking-notification');
  });

  it('sends security headers on the API and on the pages', async () => {
    for (const response of [await call(t, alice, 'GET', '/applications'), await t.app.inject({ url: '/store/applications' })]) {
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-store');
    }
    expect((await t.app.inject({ url: '/' })).headers.location).toBe('/store');
  });

  it('is not reachable with a bearer token: the portal API takes only its session', async () => {
    const created = await call(t, alice, 'POST', `/applications/${aliceApp}/keys/sandbox/token`, {});
    expect(created.statusCode).toBe(200);
    const token = created.json().access_token;
    const response = await t.app.inject({ url: '/store/api/applications', headers: { ...bearer(token), origin: ORIGIN } });
    expect(response.statusCode).toBe(401);
    // The test token itself works on the gateway, in the sandbox.
    const whoami = await t.app.inject({ url: '/getting-started/v2/whoami', headers: bearer(token) });
    expect(whoami.json()).toMatchObject({ environment: 'sandbox', application_id: aliceApp });
  });
});
