import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, bearer, createTestApp, DIALECTS, postForm, type TestApp } from '../../harness.ts';
import { type Browser, call, newPartner } from './portal-support.ts';

describe.each(DIALECTS)('API Store applications, keys and subscriptions on %s', (dialect) => {
  let t: TestApp;
  let partner: Browser;
  let username: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const created = await newPartner(t);
    partner = created.browser;
    username = created.username;
  });
  afterAll(() => t.close());

  it('creates, renames and deletes an application; names are unique per account', async () => {
    const created = await call(t, partner, 'POST', '/applications', { name: 'Scheduler', description: 'Books seats' });
    expect(created.statusCode).toBe(201);
    const id = created.json().application_id;
    expect(
      created
        .json()
        .keys.map((k: { environment: string }) => k.environment)
        .sort(),
    ).toEqual(['production', 'sandbox']);
    expect((await call(t, partner, 'POST', '/applications', { name: 'Scheduler' })).json().code).toBe('IDENTITY_APPLICATION_NAME_TAKEN');
    expect((await call(t, partner, 'PATCH', `/applications/${id}`, { name: 'Scheduler 2' })).json().name).toBe('Scheduler 2');
    expect((await call(t, partner, 'DELETE', `/applications/${id}`)).statusCode).toBe(204);
    expect((await call(t, partner, 'GET', `/applications/${id}`)).statusCode).toBe(404);
    const audit = await t.ctx.db.selectFrom('audit_event').select('action').where('target_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['application.created', 'application.updated', 'application.deleted']));
  });

  it('generates a sandbox secret once that works with the Token API, and rotates it with an overlap', async () => {
    const app = (await call(t, partner, 'POST', '/applications', { name: 'Keys app' })).json();
    const sandbox = app.keys.find((k: { environment: string }) => k.environment === 'sandbox');
    const first = (await call(t, partner, 'POST', `/applications/${app.application_id}/keys/sandbox/secret`, { overlap_seconds: 0 })).json();
    expect(first.consumer_secret).toMatch(/^cs_/);
    const token = await postForm(
      t.app,
      '/oauth2/token',
      { grant_type: 'client_credentials' },
      { authorization: basic(sandbox.consumer_key, first.consumer_secret) },
    );
    expect(token.statusCode).toBe(200);
    const second = (await call(t, partner, 'POST', `/applications/${app.application_id}/keys/sandbox/secret`, { overlap_seconds: 3600 })).json();
    expect(second.previous_secret_expires_at).not.toBeNull();
    for (const secret of [first.consumer_secret, second.consumer_secret]) {
      const response = await postForm(t.app, '/oauth2/token', { grant_type: 'client_credentials' }, { authorization: basic(sandbox.consumer_key, secret) });
      expect(response.statusCode).toBe(200);
    }
    // No secret is ever readable again: the application view carries none.
    expect(JSON.stringify((await call(t, partner, 'GET', `/applications/${app.application_id}`)).json())).not.toContain('cs_');
  });

  it('subscribes with a tier, unsubscribes, and the gateway follows at once', async () => {
    const app = (await call(t, partner, 'POST', '/applications', { name: 'Subscriber' })).json();
    const token = (await call(t, partner, 'POST', `/applications/${app.application_id}/keys/sandbox/token`, {})).json().access_token;
    expect((await t.app.inject({ url: '/booking/v2/bookings', headers: bearer(token) })).statusCode).toBe(403);
    const subscribed = (await call(t, partner, 'PUT', `/applications/${app.application_id}/subscriptions/booking`, { tier: 'Gold' })).json();
    expect(subscribed.subscriptions).toEqual([expect.objectContaining({ service: 'booking', tier: 'Gold', status: 'active' })]);
    expect((await t.app.inject({ url: '/booking/v2/bookings', headers: bearer(token) })).statusCode).toBe(200);
    expect((await call(t, partner, 'PUT', `/applications/${app.application_id}/subscriptions/booking`, { tier: 'Platinum' })).json().code).toBe(
      'IDENTITY_UNKNOWN_TIER',
    );
    expect((await call(t, partner, 'DELETE', `/applications/${app.application_id}/subscriptions/booking`)).json().subscriptions).toEqual([]);
  });

  it('switches the password grant off and on', async () => {
    const app = (await call(t, partner, 'POST', '/applications', { name: 'Password grant' })).json();
    expect(app.password_grant).toBe(true);
    const secret = (await call(t, partner, 'POST', `/applications/${app.application_id}/keys/sandbox/secret`, {})).json().consumer_secret;
    const key = app.keys.find((k: { environment: string }) => k.environment === 'sandbox').consumer_key;
    const grant = () =>
      postForm(t.app, '/oauth2/token', { grant_type: 'password', username, password: 'a-long-permanent-passphrase' }, { authorization: basic(key, secret) });
    expect((await grant()).statusCode).toBe(200);
    expect((await call(t, partner, 'PATCH', `/applications/${app.application_id}`, { password_grant: false })).json().password_grant).toBe(false);
    expect((await grant()).json().error).toBe('unauthorized_client');
  });

  it('reports usage per day, service, version and status from gateway traffic, of its own account only', async () => {
    const fresh = (await newPartner(t)).browser;
    const app = (await call(t, fresh, 'POST', '/applications', { name: 'Usage app' })).json();
    const token = (await call(t, fresh, 'POST', `/applications/${app.application_id}/keys/sandbox/token`, {})).json().access_token;
    await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) });
    await t.app.inject({ url: '/booking/v2/bookings', headers: bearer(token) });
    await t.deps.usage.flush();
    const report = (await call(t, fresh, 'GET', '/usage?days=7&environment=sandbox')).json();
    expect(report.days).toHaveLength(7);
    expect(report.days.at(-1)).toBe(t.clock.now().toISOString().slice(0, 10));
    expect(report.rows.map(({ total_latency_ms: _, ...r }: { total_latency_ms: number }) => r)).toEqual([
      { day: report.days.at(-1), environment: 'sandbox', service: 'booking', version: 'v2', status: 403, requests: 1 },
      { day: report.days.at(-1), environment: 'sandbox', service: 'getting-started', version: 'v2', status: 200, requests: 1 },
    ]);
    expect((await call(t, fresh, 'GET', '/usage?days=7&environment=production')).json().rows).toEqual([]);
  });
});
