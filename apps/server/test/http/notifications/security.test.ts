import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationToken, insertPartner } from '../../factories/partner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { bookingEndpoint, call, type NotificationPartner, notificationPartner, V2 } from './endpoint-support.ts';

describe.each(DIALECTS)('Notification endpoints security on %s', (dialect) => {
  let t: TestApp;
  let p: NotificationPartner;
  let other: NotificationPartner;
  let endpointId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    p = await notificationPartner(t);
    other = await notificationPartner(t);
    endpointId = (await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint())).json().endpoint_id;
  });
  afterAll(() => t.close());

  it('answers 401 without a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: `${V2}/endpoints` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `${V2}/endpoints`, payload: bookingEndpoint() })).statusCode).toBe(401);
  });

  it('answers 403 to an application not subscribed to the Notifications API', async () => {
    const unsubscribed = await insertPartner(t, { roles: 'psiBooking', subscribe: 'booking' });
    const response = await call(t, 'GET', await applicationToken(t, unsubscribed.sandbox), `${V2}/endpoints`);
    expect(response.statusCode).toBe(403);
  });

  it('answers 403 for an endpoint of a service whose role the account lacks, and registers nothing', async () => {
    const centresOnly = await notificationPartner(t, 'psiTestCenter');
    const refused = await call(t, 'POST', centresOnly.sandbox, `${V2}/endpoints`, bookingEndpoint());
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'NOTIFICATIONS_ROLE_MISSING' });
    expect(refused.json().detail).toMatch(/psiBooking/);
    for (const service of ['proctoring-results', 'assessment-results-notification']) {
      expect((await call(t, 'POST', centresOnly.sandbox, `${V2}/endpoints`, bookingEndpoint({ service }))).statusCode, service).toBe(403);
    }
    expect((await call(t, 'GET', centresOnly.sandbox, `${V2}/endpoints`)).json().data).toEqual([]);
    const accepted = await call(t, 'POST', centresOnly.sandbox, `${V2}/endpoints`, bookingEndpoint({ service: 'test-center-notification' }));
    expect(accepted.statusCode).toBe(201);
  });

  it('refuses changing, rotating or deleting an endpoint once the token lacks its service role', async () => {
    const both = await notificationPartner(t);
    const id = (await call(t, 'POST', both.sandbox, `${V2}/endpoints`, bookingEndpoint())).json().endpoint_id;
    const narrowed = await applicationToken(t, both.partner.sandbox, 'psiTestCenter');
    expect((await call(t, 'GET', narrowed, `${V2}/endpoints/${id}`)).statusCode).toBe(200);
    for (const [method, url, payload] of [
      ['PATCH', `${V2}/endpoints/${id}`, { enabled: false }],
      ['POST', `${V2}/endpoints/${id}/rotate-secret`, undefined],
      ['DELETE', `${V2}/endpoints/${id}`, undefined],
    ] as const) {
      const response = await call(t, method, narrowed, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().code).toBe('NOTIFICATIONS_ROLE_MISSING');
    }
    expect((await call(t, 'GET', both.sandbox, `${V2}/endpoints/${id}`)).json()).toMatchObject({ enabled: true, version: 1 });
  });

  it("answers another account's endpoint exactly like an unknown one, on every operation, and changes nothing", async () => {
    const foreign = await call(t, 'GET', other.sandbox, `${V2}/endpoints/${endpointId}`);
    const unknown = await call(t, 'GET', other.sandbox, `${V2}/endpoints/whk_unknown`);
    expect(foreign.statusCode).toBe(404);
    const { request_id: _a, detail: foreignDetail, ...foreignBody } = foreign.json();
    const { request_id: _b, detail: _unknownDetail, ...unknownBody } = unknown.json();
    expect(foreignBody).toEqual(unknownBody);
    expect(foreignDetail).toBe(`no notification endpoint ${endpointId}`);
    expect((await call(t, 'PATCH', other.sandbox, `${V2}/endpoints/${endpointId}`, { enabled: false })).statusCode).toBe(404);
    expect((await call(t, 'POST', other.sandbox, `${V2}/endpoints/${endpointId}/rotate-secret`)).statusCode).toBe(404);
    expect((await call(t, 'DELETE', other.sandbox, `${V2}/endpoints/${endpointId}`)).statusCode).toBe(404);
    expect((await call(t, 'GET', other.sandbox, `${V2}/endpoints`)).json().data).toEqual([]);
    expect((await call(t, 'GET', p.sandbox, `${V2}/endpoints/${endpointId}`)).json()).toMatchObject({ enabled: true, version: 1 });
  });

  it('keeps sandbox and production endpoints apart', async () => {
    expect((await call(t, 'GET', p.production, `${V2}/endpoints/${endpointId}`)).statusCode).toBe(404);
    expect((await call(t, 'GET', p.production, `${V2}/endpoints`)).json().data).toEqual([]);
    const production = (await call(t, 'POST', p.production, `${V2}/endpoints`, bookingEndpoint())).json().endpoint_id;
    const sandboxIds = (await call(t, 'GET', p.sandbox, `${V2}/endpoints`)).json().data.map((e: { endpoint_id: string }) => e.endpoint_id);
    expect(sandboxIds).toContain(endpointId);
    expect(sandboxIds).not.toContain(production);
  });
});

describe.each(DIALECTS)('Notification endpoint URLs in production mode on %s', (dialect) => {
  let t: TestApp;
  let p: NotificationPartner;

  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { mode: 'production' } });
    p = await notificationPartner(t);
  });
  afterAll(() => t.close());

  it.each([
    ['http://203.0.113.10/hooks', /https/],
    ['https://127.0.0.1/hooks', /127\.0\.0\.1/],
    ['https://10.0.0.5/hooks', /10\.0\.0\.5/],
    ['https://[::1]/hooks', /::1/],
    ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254/],
    ['https://100.64.1.1/hooks', /100\.64\.1\.1/],
    ['https://localhost/hooks', /localhost/],
    ['https://[::ffff:127.0.0.1]/hooks', /::ffff:7f00:1/],
  ])('refuses %s with 400 NOTIFICATIONS_URL_NOT_ALLOWED naming the reason', async (url, reason) => {
    const response = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint({ url }));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('NOTIFICATIONS_URL_NOT_ALLOWED');
    expect(response.json().detail).toMatch(reason);
  });

  it('accepts a public https address, and refuses changing it to an internal one', async () => {
    const created = await call(t, 'POST', p.sandbox, `${V2}/endpoints`, bookingEndpoint({ url: 'https://203.0.113.10/hooks' }));
    expect(created.statusCode).toBe(201);
    const id = created.json().endpoint_id;
    const moved = await call(t, 'PATCH', p.sandbox, `${V2}/endpoints/${id}`, { url: 'https://192.168.1.20/hooks' });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().code).toBe('NOTIFICATIONS_URL_NOT_ALLOWED');
    expect((await call(t, 'GET', p.sandbox, `${V2}/endpoints/${id}`)).json().url).toBe('https://203.0.113.10/hooks');
  });
});
