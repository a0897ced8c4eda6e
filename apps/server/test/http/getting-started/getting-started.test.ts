import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner, type TestPartner, userTokens } from '../../factories/partner.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';

describe.each(DIALECTS)('Getting Started v2 on %s', (dialect) => {
  let t: TestApp;
  let partner: TestPartner;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    partner = await insertPartner(t, { roles: 'psiEligibility,psiBooking', subscribe: 'eligibility,booking' });
    token = await applicationToken(t, partner.sandbox);
  });
  afterAll(() => t.close());

  it('answers ping with the server time and the request id', async () => {
    const response = await t.app.inject({ url: '/getting-started/v2/ping', headers: { ...bearer(token), 'x-request-id': 'abc-123' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', service: 'getting-started', time: t.clock.now().toISOString(), request_id: 'abc-123' });
  });

  it('echoes a JSON object back unchanged', async () => {
    const payload = { hello: 'atlas', nested: { list: [1, 'two', null], ünïcode: '✓' } };
    const response = await t.app.inject({ method: 'POST', url: '/getting-started/v2/echo', headers: bearer(token), payload });
    expect(response.statusCode).toBe(200);
    expect(response.json().received).toEqual(payload);
  });

  it('refuses an echo body that is not a JSON object, naming the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/getting-started/v2/echo',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '[1,2]',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/body', message: expect.any(String) }] });
  });

  it('refuses malformed JSON with a clear 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/getting-started/v2/echo',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'BAD_REQUEST', detail: 'the body is not valid JSON' });
  });

  it('describes the caller: account, application, environment, roles, subscriptions, expiry and IP', async () => {
    const response = await t.app.inject({ url: '/getting-started/v2/whoami', headers: bearer(token), remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      account_code: partner.accountCode,
      account_name: expect.any(String),
      application_id: partner.applicationId,
      application_name: expect.any(String),
      environment: 'sandbox',
      user: null,
      scope: 'default',
      roles: ['psiBooking', 'psiEligibility'],
      subscriptions: [
        { service: 'booking', tier: 'Unlimited', status: 'active' },
        { service: 'eligibility', tier: 'Unlimited', status: 'active' },
      ],
      throttling_tier: 'Unlimited',
      token: { issued_at: expect.any(String), expires_at: expect.any(String), expires_in: 3600 },
      client_ip: '127.0.0.1',
      ip_allow_list: ['127.0.0.0/8', '::1/128'],
    });
  });

  it('names the user for a password-grant token', async () => {
    const user = await userTokens(t, partner, 'production');
    const response = await t.app.inject({ url: '/getting-started/v2/whoami', headers: bearer(user.access_token) });
    expect(response.json()).toMatchObject({ user: partner.username, environment: 'production' });
  });

  it('validates the usage window', async () => {
    const response = await t.app.inject({ url: '/getting-started/v2/usage?hours=0', headers: bearer(token) });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/query/hours' })]);
  });

  it('counts the calls of the application per operation and status', async () => {
    const fresh = await insertPartner(t);
    const freshToken = await applicationToken(t, fresh.sandbox);
    await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(freshToken) });
    await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(freshToken) });
    await t.app.inject({
      method: 'POST',
      url: '/getting-started/v2/echo',
      headers: { ...bearer(freshToken), 'content-type': 'application/json' },
      payload: '[]',
    });
    await t.deps.usage.flush();
    const usage = (await t.app.inject({ url: '/getting-started/v2/usage', headers: bearer(freshToken) })).json();
    expect(usage.data).toEqual([
      expect.objectContaining({ service: 'getting-started', version: 'v2', operation: 'echo', status: 400, requests: 1 }),
      expect.objectContaining({ service: 'getting-started', version: 'v2', operation: 'ping', status: 200, requests: 2 }),
    ]);
  });

  it('counts gateway requests in /metrics by operation and status, with their latency', async () => {
    const metricLine = async (prefix: string) => (await t.app.inject({ url: '/metrics' })).body.split('\n').find((line) => line.startsWith(prefix));
    const counted = 'atlas_http_requests_total{service="getting-started",version="v2",operation="ping",status="200"}';
    const before = Number((await metricLine(counted))?.split(' ')[1] ?? 0);
    await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) });
    await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) });
    expect(Number((await metricLine(counted))?.split(' ')[1])).toBe(before + 2);
    expect(await metricLine('atlas_http_request_duration_seconds_count{service="getting-started",version="v2"}')).toBeDefined();
  });
});

describe('JSON bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('treat an empty application/json body as no body, and still refuse prototype poisoning', async () => {
    const partner = await insertPartner(t);
    const token = await applicationToken(t, partner.sandbox);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/getting-started/v2/echo',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const poisoned = await t.app.inject({
      method: 'POST',
      url: '/getting-started/v2/echo',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"__proto__":{"admin":true}}',
    });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().code).toBe('BAD_REQUEST');
  });
});
