import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBookingCenter } from '../../factories/booking.ts';
import { bearer, createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { type Browser, call, newCoordinator, newPartner, signIn, signInFresh } from './portal-support.ts';

describe.each(DIALECTS)('Admin console API on %s', (dialect) => {
  let t: TestApp;
  let coordinator: Browser;
  let coordinatorName: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const created = await newCoordinator(t);
    coordinator = created.browser;
    coordinatorName = created.username;
  });
  afterAll(() => t.close());

  it('creates a partner account and answers the three things to hand over; the partner can sign in with them', async () => {
    const response = await call(t, coordinator, 'POST', '/accounts', { name: 'Harbor Certification', roles: ['psiBooking'], cidrs: ['203.0.113.0/24'] });
    expect(response.statusCode).toBe(201);
    const handover = response.json();
    expect(handover).toMatchObject({ name: 'Harbor Certification', roles: ['psiBooking'], cidrs: ['203.0.113.0/24'] });
    expect(handover.account_code).toMatch(/^[A-Z0-9]{8}$/);
    const partner = await signInFresh(t, 'store', handover.username, handover.password);
    expect((await call(t, partner, 'GET', '/session')).json().account.account_code).toBe(handover.account_code);
    const audit = (await call(t, coordinator, 'GET', `/audit?account=${handover.account_code}`)).json().data;
    expect(audit.find((e: { action: string }) => e.action === 'account.created')).toMatchObject({ actor: `coordinator:${coordinatorName}` });
    expect(JSON.stringify(audit)).not.toContain(handover.password);
  });

  it('changes roles, IP ranges and status; refuses bad ones with the field named', async () => {
    const { account_code: code } = (await call(t, coordinator, 'POST', '/accounts', { name: 'Roles Board', roles: [] })).json();
    const updated = await call(t, coordinator, 'PATCH', `/accounts/${code}`, {
      roles: ['psiEligibility', 'psiPayment'],
      cidrs: ['10.0.0.0/8', '2001:db8::/32'],
    });
    expect(updated.json()).toMatchObject({ roles: ['psiEligibility', 'psiPayment'], cidrs: ['10.0.0.0/8', '2001:db8::/32'] });
    const badRole = await call(t, coordinator, 'PATCH', `/accounts/${code}`, { roles: ['psiEverything'] });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().errors[0].pointer).toMatch(/^\/body\/roles\/0/);
    expect((await call(t, coordinator, 'PATCH', `/accounts/${code}`, { cidrs: ['10.0.0.300/8'] })).json().code).toBe('IDENTITY_INVALID_CIDR');
    expect((await call(t, coordinator, 'PATCH', `/accounts/${code}`, { status: 'disabled' })).json().status).toBe('disabled');
    expect((await call(t, coordinator, 'GET', `/accounts/${code}`)).json()).toMatchObject({ status: 'disabled', roles: ['psiEligibility', 'psiPayment'] });
  });

  it('adds users, resets a password to a new one-time password, and disables a user (whose sessions stop)', async () => {
    const partner = await newPartner(t);
    const code = partner.account.account_code;
    const added = (await call(t, coordinator, 'POST', `/accounts/${code}/users`, { username: `${code.toLowerCase()}.ops` })).json();
    expect(added.password).toBeTruthy();
    const reset = (await call(t, coordinator, 'POST', `/accounts/${code}/users/${partner.username}/reset-password`, {})).json();
    expect(reset.one_time).toBe(true);
    const afterReset = await signIn(t, 'store', partner.username, reset.password);
    expect(afterReset.json().must_change_password).toBe(true);
    await call(t, coordinator, 'PUT', `/accounts/${code}/users/${partner.username}/status`, { status: 'disabled' });
    expect((await call(t, partner.browser, 'GET', '/applications')).statusCode).toBe(401);
    const detail = (await call(t, coordinator, 'GET', `/accounts/${code}`)).json();
    expect(detail.users.map((u: { username: string; status: string }) => [u.username, u.status])).toEqual(
      expect.arrayContaining([
        [partner.username, 'disabled'],
        [added.username, 'active'],
      ]),
    );
  });

  it('schedules and cancels a test-centre closure through the same service as the CLI', async () => {
    const center = await insertBookingCenter(t);
    const from = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 8 * 86_400_000).toISOString();
    const closed = await call(t, coordinator, 'POST', `/test-centers/${center.location_code}/closures`, { from, to, reason: 'Fire drill' });
    expect(closed.statusCode).toBe(201);
    const closureId = closed.json().closure.closure_id;
    expect((await call(t, coordinator, 'GET', `/test-centers/${center.location_code}`)).json().closures).toEqual([
      expect.objectContaining({ closure_id: closureId, status: 'scheduled', reason: 'Fire drill' }),
    ]);
    expect((await call(t, coordinator, 'DELETE', `/test-centers/${center.location_code}/closures/${closureId}`)).json().closure.status).toBe('cancelled');
    expect((await call(t, coordinator, 'GET', '/test-centers')).json().data.map((c: { location_code: string }) => c.location_code)).toContain(
      center.location_code,
    );
  });

  it("disables a partner's application and removes a subscription, effective at once on the gateway", async () => {
    const partner = await newPartner(t);
    const app = (await call(t, partner.browser, 'POST', '/applications', { name: 'Leaky app' })).json();
    await call(t, partner.browser, 'PUT', `/applications/${app.application_id}/subscriptions/booking`, { tier: 'Gold' });
    const token = (await call(t, partner.browser, 'POST', `/applications/${app.application_id}/keys/sandbox/token`, {})).json().access_token;
    expect((await t.app.inject({ url: '/booking/v2/bookings', headers: bearer(token) })).statusCode).toBe(200);
    const removed = await call(t, coordinator, 'DELETE', `/applications/${app.application_id}/subscriptions/booking`);
    expect(removed.json().subscriptions).toEqual([]);
    const disabled = await call(t, coordinator, 'PUT', `/applications/${app.application_id}/status`, { status: 'disabled' });
    expect(disabled.json().status).toBe('disabled');
    expect((await t.app.inject({ url: '/getting-started/v2/ping', headers: bearer(token) })).statusCode).toBe(401);
    const audit = (await call(t, coordinator, 'GET', `/audit?account=${partner.account.account_code}`)).json().data.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['subscription.removed', 'application.updated']));
  });

  it('refuses partners and anonymous callers, and needs the CSRF token', async () => {
    const partner = await newPartner(t);
    const asPartner = await t.app.inject({ url: '/admin/api/accounts', headers: { cookie: partner.browser.cookie } });
    expect(asPartner.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/admin/api/audit' })).statusCode).toBe(401);
    const noCsrf = await call(t, coordinator, 'POST', '/accounts', { name: 'Sneaky', roles: [] }, { 'x-csrf-token': partner.browser.csrf });
    expect(noCsrf.statusCode).toBe(403);
    expect((await call(t, coordinator, 'GET', '/accounts')).json().data.map((a: { name: string }) => a.name)).not.toContain('Sneaky');
  });
});
