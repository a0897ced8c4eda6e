import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../src/modules/identity/account.service.ts';
import { createCoordinator } from '../../../src/modules/portal/coordinator.service.ts';
import { createTestApp, DIALECTS, type TestApp } from '../../harness.ts';
import { call, cookieOf, newCoordinator, newPartner, ORIGIN, signIn } from './portal-support.ts';

describe.each(DIALECTS)('Portal sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('sets an HttpOnly, SameSite=Strict session cookie scoped to its realm, storing only a hash of it', async () => {
    const created = await createAccount(t.ctx, { name: 'Cookie Board', roles: ['psiBooking'] }, 'coordinator:test');
    const response = await signIn(t, 'store', created.username, created.password);
    expect(response.statusCode).toBe(201);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^atlas_store_session=[A-Za-z0-9_-]{43};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/store');
    expect(header).not.toContain('Secure');
    const secret = cookieOf(response).split('=')[1] as string;
    const rows = await t.ctx.db.selectFrom('portal_session').selectAll().execute();
    expect(rows.some((r) => r.session_hash === secret || r.id === secret)).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(response.json()).toMatchObject({ realm: 'store', must_change_password: true, account: { account_code: created.account.account_code } });
  });

  it('marks the cookie Secure in production mode', async () => {
    const prod = await createTestApp(dialect, { config: { mode: 'production' } });
    try {
      const created = await createAccount(prod.ctx, { name: 'Prod Board', roles: ['psiBooking'] }, 'coordinator:test');
      const response = await signIn(prod, 'store', created.username, created.password);
      expect(String(response.headers['set-cookie'])).toContain('Secure');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    } finally {
      await prod.close();
    }
  });

  it('holds a one-time-password session to the change form until the password is changed', async () => {
    const created = await createAccount(t.ctx, { name: 'OTP Board', roles: ['psiBooking'] }, 'coordinator:test');
    const first = await signIn(t, 'store', created.username, created.password);
    const browser = { realm: 'store' as const, cookie: cookieOf(first), csrf: first.json().csrf_token };
    expect((await call(t, browser, 'GET', '/applications')).json().code).toBe('PORTAL_PASSWORD_CHANGE_REQUIRED');
    const weak = await call(t, browser, 'POST', '/password', { current_password: created.password, new_password: 'short' });
    expect(weak.json().code).toBe('IDENTITY_WEAK_PASSWORD');
    const wrong = await call(t, browser, 'POST', '/password', { current_password: 'not-it', new_password: 'a-long-permanent-passphrase' });
    expect(wrong.json().code).toBe('PORTAL_WRONG_CURRENT_PASSWORD');
    const ok = await call(t, browser, 'POST', '/password', { current_password: created.password, new_password: 'a-long-permanent-passphrase' });
    expect(ok.json().must_change_password).toBe(false);
    expect((await call(t, browser, 'GET', '/applications')).statusCode).toBe(200);
    // The one-time password no longer opens anything; the new one does.
    expect((await signIn(t, 'store', created.username, created.password)).statusCode).toBe(401);
    expect((await signIn(t, 'store', created.username, 'a-long-permanent-passphrase')).json().must_change_password).toBe(false);
  });

  it('ends the session on sign-out: the same cookie is refused afterwards', async () => {
    const { browser } = await newPartner(t);
    expect((await call(t, browser, 'DELETE', '/session')).statusCode).toBe(204);
    const after = await call(t, browser, 'GET', '/session');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('PORTAL_NOT_SIGNED_IN');
  });

  it('expires an idle session', async () => {
    const { browser } = await newPartner(t);
    t.clock.advance(2 * 3_600_000 + 1000);
    expect((await call(t, browser, 'GET', '/session')).statusCode).toBe(401);
  });

  it('never lets a store session into the admin console, nor an admin session into the store', async () => {
    const partner = await newPartner(t);
    const coordinator = await newCoordinator(t);
    const storeCookieAtAdmin = await t.app.inject({
      url: '/admin/api/accounts',
      headers: { cookie: partner.browser.cookie.replace('atlas_store_session', 'atlas_admin_session') },
    });
    expect(storeCookieAtAdmin.statusCode).toBe(401);
    const adminCookieAtStore = await t.app.inject({
      url: '/store/api/applications',
      headers: { cookie: coordinator.browser.cookie.replace('atlas_admin_session', 'atlas_store_session') },
    });
    expect(adminCookieAtStore.statusCode).toBe(401);
    expect((await call(t, coordinator.browser, 'GET', '/accounts')).statusCode).toBe(200);
  });

  it('locks a username after 5 failed sign-ins, even for the right password, without revealing whether it exists', async () => {
    const created = await createAccount(t.ctx, { name: 'Lockout Board', roles: ['psiBooking'] }, 'coordinator:test');
    for (let i = 0; i < 4; i++) expect((await signIn(t, 'store', created.username, 'wrong-password')).json().code).toBe('PORTAL_INVALID_CREDENTIALS');
    const fifth = await signIn(t, 'store', created.username, 'wrong-password');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe('PORTAL_LOGIN_LOCKED');
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn(t, 'store', created.username, created.password)).statusCode).toBe(429);
    // An unknown username locks the same way.
    for (let i = 0; i < 4; i++) await signIn(t, 'store', 'nobody-here', 'wrong-password');
    expect((await signIn(t, 'store', 'nobody-here', 'wrong-password')).statusCode).toBe(429);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await signIn(t, 'store', created.username, created.password)).statusCode).toBe(201);
  });

  it('locks coordinators the same way', async () => {
    const created = await createCoordinator(t.ctx, { username: 'lock-coordinator' }, 'system:test');
    for (let i = 0; i < 5; i++) await signIn(t, 'admin', created.username, 'wrong-password');
    expect((await signIn(t, 'admin', created.username, created.password)).statusCode).toBe(429);
  });

  it('answers problem+json with the documented shape for bad sign-in bodies', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/store/api/session', headers: { origin: ORIGIN }, payload: { username: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/body/password' }] });
  });
});
